import path from 'node:path';
import type { PythonEnvironment } from '../../provision/environment.js';
import { installTool } from '../../provision/install-tool.js';

/** How pytest is run on one side: from the set itself, or from a folder the harness added. */
export type PytestLaunch =
  | { source: 'set'; version: string }
  | { source: 'added'; version: string; addonDir: string }
  | { source: 'missing'; reason: string };

const VERSION_SCRIPT = 'import pytest; print(pytest.__version__)';

/**
 * Finds pytest in the environment, or installs it beside the set without touching it: pip
 * `--target` into the scratch folder, which is then put at the *end* of sys.path, so the set's own
 * packages (a pinned `packaging`, say) still win over what pytest pulled in.
 */
export async function ensurePytest(
  environment: PythonEnvironment,
  options: {
    install: boolean;
    requirement: string;
    timeoutSeconds: number;
    logFile: string;
    signal: AbortSignal;
  },
): Promise<PytestLaunch> {
  const probe = await environment.exec({
    command: [environment.paths.python, '-c', VERSION_SCRIPT],
    timeoutSeconds: 120,
    logFile: options.logFile,
    signal: options.signal,
  });
  if (probe.exitCode === 0) return { source: 'set', version: probe.stdout.trim() };
  if (!options.install)
    return {
      source: 'missing',
      reason: 'pytest is not installed in this set; add it to the requirements, or set installPytest: true',
    };

  const addonDir = path.posix.join(environment.paths.scratch, 'pytest-addon');
  const install = await installTool(environment, options.requirement, addonDir, options);
  const version = install.exitCode === 0 ? await addedVersion(environment, addonDir, options) : undefined;
  if (!version) {
    const last = install.stderr.trim().split('\n').at(-1) ?? `pip exited with ${install.exitCode}`;
    return { source: 'missing', reason: `pytest is not in this set and could not be added: ${last}` };
  }
  return { source: 'added', version, addonDir };
}

/** The command that starts pytest, given how it was found. */
export function pytestCommand(python: string, launch: PytestLaunch): string[] {
  if (launch.source !== 'added') return [python, '-m', 'pytest'];
  // `python -c` puts the working directory first on sys.path, as `python -m pytest` does.
  const bootstrap = `import sys; sys.path.append(${JSON.stringify(launch.addonDir)}); import pytest; raise SystemExit(pytest.console_main())`;
  return [python, '-c', bootstrap];
}

async function addedVersion(
  environment: PythonEnvironment,
  addonDir: string,
  options: { logFile: string; signal: AbortSignal },
): Promise<string | undefined> {
  const script = `import sys; sys.path.append(${JSON.stringify(addonDir)}); ${VERSION_SCRIPT}`;
  const result = await environment.exec({
    command: [environment.paths.python, '-c', script],
    timeoutSeconds: 120,
    logFile: options.logFile,
    signal: options.signal,
  });
  return result.exitCode === 0 ? result.stdout.trim() : undefined;
}
