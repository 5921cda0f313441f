import { loadScenario } from '../scenario/load-scenario.js';

export async function validateCommand(file: string, options: { json?: boolean }): Promise<number> {
  const resolved = await loadScenario(file);
  const { scenario } = resolved;
  if (options.json) process.stdout.write(`${JSON.stringify(resolved, null, 2)}\n`);
  console.error(
    `${file} is valid: scenario "${scenario.name}", ${scenario.checks.length} check(s), python ${scenario.python}.`,
  );
  return 0;
}
