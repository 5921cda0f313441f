import { readdir, readFile } from 'node:fs/promises';

/**
 * Live processes (zombies awaiting their reaper excluded) whose command line contains every given
 * fragment. Waits up to `settleMs` for processes that were just killed to go.
 */
export async function liveProcesses(fragments: string[], settleMs = 5_000): Promise<string[]> {
  const deadline = Date.now() + settleMs;
  for (;;) {
    const found = await scan(fragments);
    if (found.length === 0 || Date.now() >= deadline) return found;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

async function scan(fragments: string[]): Promise<string[]> {
  const found: string[] = [];
  for (const pid of await readdir('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
    const command = cmdline.replaceAll('\0', ' ');
    if (stat.split(') ')[1]?.startsWith('Z')) continue;
    if (fragments.every((fragment) => command.includes(fragment))) found.push(`${pid}: ${command}`);
  }
  return found;
}
