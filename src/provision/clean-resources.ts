import { readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { cacheDir } from './cache-dir.js';

export interface CleanResult {
  lines: string[];
  bytes: number;
}

/** Removes everything the harness made that outlives a run: cached virtualenvs (and their builds). */
export async function removeHarnessResources(env: NodeJS.ProcessEnv = process.env): Promise<CleanResult> {
  const venvs = path.join(cacheDir(env), 'venvs');
  const bytes = await sizeOf(venvs);
  const entries = await readdir(venvs).catch(() => [] as string[]);
  await rm(venvs, { recursive: true, force: true });
  const count = entries.filter((entry) => entry !== 'builds').length;
  return { lines: [`Removed ${count} cached virtualenv(s) from ${venvs}.`], bytes };
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
