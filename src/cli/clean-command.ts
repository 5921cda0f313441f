import { removeHarnessResources } from '../provision/clean-resources.js';

export async function cleanCommand(): Promise<number> {
  const removed = await removeHarnessResources();
  for (const line of removed.lines) console.error(line);
  console.error(`Freed ${(removed.bytes / 1024 / 1024).toFixed(1)} MiB.`);
  return 0;
}
