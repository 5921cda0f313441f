import { access } from 'node:fs/promises';
import path from 'node:path';
import type { CheckRuleProblem } from '../check-kind.js';
import type { GradioCheck } from './gradio-check-schema.js';

/** The app file and every file the scenario uploads must exist in the workdir before anything is built. */
export async function gradioCheckRules(
  check: GradioCheck,
  paths: { scenarioDir: string; workdir: string },
): Promise<CheckRuleProblem[]> {
  const wanted: { path: PropertyKey[]; file: string }[] = [{ path: ['app'], file: check.app }];
  check.endpoints.forEach((endpoint, index) => {
    endpoint.inputs.forEach((input, inputIndex) => {
      if (typeof input === 'object' && input !== null && !Array.isArray(input) && 'file' in input) {
        wanted.push({ path: ['endpoints', index, 'inputs', inputIndex, 'file'], file: String(input.file) });
      }
    });
  });
  check.browser?.steps.forEach((step, index) => {
    if ('upload' in step) wanted.push({ path: ['browser', 'steps', index, 'file'], file: step.file });
  });

  const problems: CheckRuleProblem[] = [];
  for (const { path: keyPath, file } of wanted) {
    const absolute = path.resolve(paths.workdir, file);
    const found = await access(absolute).then(
      () => true,
      () => false,
    );
    if (!found)
      problems.push({ path: keyPath, message: `${file} does not exist in the workdir (${absolute})` });
  }
  return problems;
}
