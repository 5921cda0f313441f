import os from 'node:os';
import path from 'node:path';

/** Where the harness keeps environments between runs: $UPGRADE_HARNESS_CACHE_DIR, else the XDG cache. */
export function cacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.UPGRADE_HARNESS_CACHE_DIR) return path.resolve(env.UPGRADE_HARNESS_CACHE_DIR);
  const base = env.XDG_CACHE_HOME ?? path.join(env.HOME ?? os.homedir(), '.cache');
  return path.join(base, 'upgrade-harness');
}
