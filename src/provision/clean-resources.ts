import { readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { cacheDir } from './cache-dir.js';
import { connectEngine, engineAnswers } from './docker/docker-client.js';
import { removeEverything } from './docker/sweep.js';

export interface CleanResult {
  lines: string[];
  bytes: number;
}

/**
 * Removes everything the harness made that outlives a run: cached virtualenvs (and their builds),
 * and, when a Docker engine answers, the harness's containers, networks and environment images.
 */
export async function removeHarnessResources(env: NodeJS.ProcessEnv = process.env): Promise<CleanResult> {
  const venvs = path.join(cacheDir(env), 'venvs');
  const venvBytes = await sizeOf(venvs);
  const entries = await readdir(venvs).catch(() => [] as string[]);
  await rm(venvs, { recursive: true, force: true });
  const count = entries.filter((entry) => entry !== 'builds').length;
  const lines = [`Removed ${count} cached virtualenv(s) from ${venvs}.`];

  const engine = connectEngine(env);
  if (!(await engineAnswers(engine, 3000))) {
    lines.push(`No Docker engine answered at ${engine.describe}; nothing removed there.`);
    return { lines, bytes: venvBytes };
  }
  const docker = await removeEverything(engine.client);
  return { lines: [...lines, ...docker.lines], bytes: venvBytes + docker.bytes };
}

async function sizeOf(target: string): Promise<number> {
  const info = await stat(target).catch(() => undefined);
  if (!info) return 0;
  if (!info.isDirectory()) return info.size;
  const entries = await readdir(target, { withFileTypes: true });
  let total = 0;
  for (const entry of entries) {
    const child = path.join(target, entry.name);
    total += entry.isSymbolicLink() ? 0 : await sizeOf(child);
  }
  return total;
}
