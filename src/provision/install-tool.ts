import type { ExecResult, PythonEnvironment } from './environment.js';

/**
 * Installs a tool the harness needs (pytest, pip-audit) into a folder of the environment's scratch
 * space with pip `--target`, never into the set under test, whose packages must stay as resolved.
 * Callers put `targetDir` on sys.path when they run the tool.
 */
export function installTool(
  environment: PythonEnvironment,
  requirement: string,
  targetDir: string,
  options: { timeoutSeconds: number; logFile: string; signal: AbortSignal },
): Promise<ExecResult> {
  return environment.exec({
    command: [
      environment.paths.python,
      '-m',
      'pip',
      'install',
      '--quiet',
      '--target',
      targetDir,
      requirement,
    ],
    network: true,
    timeoutSeconds: options.timeoutSeconds,
    logFile: options.logFile,
    signal: options.signal,
  });
}
