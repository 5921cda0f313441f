import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { execa } from 'execa';
import type { ExecResult } from './environment.js';

export interface ProcessRequest {
  file: string;
  args: readonly string[];
  cwd: string;
  env?: Record<string, string | undefined>;
  timeoutSeconds: number;
  /** Host file that receives stdout and stderr as they come. */
  logFile?: string | undefined;
  signal?: AbortSignal | undefined;
}

/**
 * Runs a host process in its own process group, so that a timeout or an interruption kills
 * everything it started (a shell's children included), not just the direct child.
 */
export async function runProcess(request: ProcessRequest): Promise<ExecResult> {
  if (request.logFile) await mkdir(path.dirname(request.logFile), { recursive: true });
  const logTarget = request.logFile ? [{ file: request.logFile, append: true }] : [];
  const startedAt = performance.now();

  const subprocess = execa(request.file, request.args, {
    cwd: request.cwd,
    env: request.env,
    extendEnv: false,
    detached: true,
    reject: false,
    stdin: 'ignore',
    stdout: ['pipe', ...logTarget],
    stderr: ['pipe', ...logTarget],
    maxBuffer: 64 * 1024 * 1024,
  });

  let timedOut = false;
  const killGroup = () => {
    if (subprocess.pid === undefined) return;
    try {
      process.kill(-subprocess.pid, 'SIGKILL');
    } catch {
      // The group is already gone.
    }
  };
  const timer = setTimeout(() => {
    timedOut = true;
    killGroup();
  }, request.timeoutSeconds * 1000);
  request.signal?.addEventListener('abort', killGroup, { once: true });

  try {
    const result = await subprocess;
    return {
      exitCode: result.exitCode ?? null,
      stdout: String(result.stdout ?? ''),
      stderr: String(result.stderr ?? ''),
      durationSeconds: (performance.now() - startedAt) / 1000,
      timedOut,
      oomKilled: false,
    };
  } finally {
    clearTimeout(timer);
    request.signal?.removeEventListener('abort', killGroup);
    // Children that outlived their parent (a daemon started by a check) go with the group.
    killGroup();
  }
}
