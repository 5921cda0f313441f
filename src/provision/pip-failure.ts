import { stripVTControlCharacters } from 'node:util';

const MAX_LINES = 12;

/**
 * The lines of pip's output that say why an install failed: its ERROR lines, the resolver's
 * "conflict is caused by" block, and a build backend's own error, in pip's order.
 */
export function explainPipFailure(output: string): string[] {
  const lines = stripVTControlCharacters(output).split(/\r?\n/);
  const picked: string[] = [];
  let inBlock = false;
  for (const raw of lines) {
    const line = raw.trimEnd();
    if (/^ERROR:|^error:/.test(line)) {
      picked.push(line);
      inBlock = false;
    } else if (/The conflict is caused by:|Because .* depends on|note: This error originates/.test(line)) {
      picked.push(line.trim());
      inBlock = true;
    } else if (inBlock && line.trim() !== '') {
      picked.push(line.trim());
    } else {
      inBlock = false;
    }
  }
  const unique = [...new Set(picked)].slice(0, MAX_LINES);
  if (unique.length > 0) return unique;
  const tail = lines.filter((line) => line.trim() !== '').slice(-5);
  return tail.length > 0 ? tail : ['pip failed without saying why'];
}
