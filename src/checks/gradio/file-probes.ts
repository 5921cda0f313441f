import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { throwIfAborted } from '../../errors.js';
import type { PythonEnvironment } from '../../provision/environment.js';
import { uploadFile } from './gradio-routes.js';
import type { RunningApp } from './launch-app.js';
import { probeVariants } from './probe-paths.js';
import { rawGet } from './raw-get.js';

export interface ProbeResult {
  name: string;
  requestPath: string;
  status: number;
  /** Whether the answer carried the canary's secret token. */
  leaked: boolean;
}

// Writes and removes the canary inside the environment, so it works where the app runs (host or container).
const CANARY_SCRIPT = `
import os, sys
action, path, token = sys.argv[1:4]
if action == "write":
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write("upgrade-harness canary " + token + "\\n")
else:
    os.remove(path)
    os.rmdir(os.path.dirname(path))
`;

/**
 * Asks every file route of this server for a harmless canary that lies outside the app's allowed paths
 * (in the environment's scratch dir, which the harness owns). Only GET requests; the canary is removed
 * afterwards whatever happens.
 */
export async function runFileProbes(
  app: RunningApp,
  environment: PythonEnvironment,
  signal: AbortSignal,
): Promise<{ canaryPath: string; probes: ProbeResult[] }> {
  const token = randomBytes(16).toString('hex');
  const canaryPath = path.posix.join(environment.paths.scratch, `canary-${token.slice(0, 8)}`, 'canary.txt');
  const canary = (action: 'write' | 'remove') =>
    environment.exec({
      command: [environment.paths.python, '-c', CANARY_SCRIPT, action, canaryPath, token],
      timeoutSeconds: 60,
      signal,
    });

  const written = await canary('write');
  if (written.exitCode !== 0) throw new Error(`could not write the canary: ${written.stderr.trim()}`);
  try {
    const uploadDir = path.posix.dirname(await uploadProbeFile(app));
    const fileRoutes = [...new Set(['/file', `${app.config.apiPrefix}/file`])];
    const variants = probeVariants({ fileRoutes, canaryPath, uploadDir, appCwd: environment.paths.workdir });
    const probes: ProbeResult[] = [];
    for (const variant of variants) {
      throwIfAborted(signal);
      const answer = await rawGet(app.hostPort, variant.requestPath);
      probes.push({ ...variant, status: answer.status, leaked: answer.body.includes(token) });
    }
    return { canaryPath, probes };
  } finally {
    await canary('remove');
  }
}

/** A real upload gives a directory that exists inside gradio's temp dir, where a climb can start. */
async function uploadProbeFile(app: RunningApp): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'uh-probe-'));
  try {
    const file = path.join(dir, 'probe.txt');
    await writeFile(file, 'upgrade-harness file-access probe\n');
    return await uploadFile(app.baseUrl, app.config, file);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
