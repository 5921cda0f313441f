import { access } from 'node:fs/promises';
import path from 'node:path';
import { smallestPValue } from '../../compare/statistics/rank-sum-test.js';
import type { CheckRuleProblem } from '../check-kind.js';
import { modelName, type TorchBenchCheck } from './torch-bench-schema.js';

/** The sizes each built-in model reads (runners/torch_bench.py); any other key would be ignored there. */
const BUILTIN_SIZES: Record<string, readonly string[]> = {
  mlp: ['hidden', 'layers', 'activation', 'outFeatures', 'inputDtype'],
  cnn: ['width', 'layers', 'numClasses', 'inputDtype'],
  transformer: ['dModel', 'nhead', 'layers', 'dimFeedforward', 'inputDtype'],
};

const ACTIVATIONS = ['relu', 'gelu', 'tanh'];
const INPUT_DTYPES = ['float32', 'float64', 'bfloat16', 'float16'];

/** The runner's own checks of a size's value, made before anything is built. */
function sizeValueProblem(key: string, value: number | string): string | undefined {
  if (key === 'activation')
    return ACTIVATIONS.includes(String(value)) ? undefined : `activation is one of ${ACTIVATIONS.join(', ')}`;
  if (key === 'inputDtype')
    return INPUT_DTYPES.includes(String(value))
      ? undefined
      : `inputDtype is one of ${INPUT_DTYPES.join(', ')}`;
  return typeof value === 'number' && Number.isInteger(value) && value > 0
    ? undefined
    : `${key} is a whole number above 0`;
}

/** What the schema cannot see: files in the workdir, names, sizes, and a gate that could never fire. */
export async function torchBenchRules(
  check: TorchBenchCheck,
  paths: { workdir: string },
): Promise<CheckRuleProblem[]> {
  const problems: CheckRuleProblem[] = [];
  const seen = new Map<string, number>();
  for (const [index, model] of check.models.entries()) {
    for (const key of ['file', 'torchscript'] as const) {
      const file = model[key];
      if (file === undefined) continue;
      await access(path.resolve(paths.workdir, file)).catch(() =>
        problems.push({
          path: ['models', index, key],
          message: `no file ${file} in the workdir ${paths.workdir}`,
        }),
      );
    }
    const name = modelName(model);
    const first = seen.get(name);
    if (first === undefined) seen.set(name, index);
    else
      problems.push({
        path: ['models', index],
        message: `models ${first} and ${index} are both named "${name}": give one a \`name:\``,
      });
    if (model.builtin) {
      const known = BUILTIN_SIZES[model.builtin] ?? [];
      for (const [key, value] of Object.entries(model.size)) {
        const problem = known.includes(key)
          ? sizeValueProblem(key, value)
          : `the ${model.builtin} model has no size "${key}"; its sizes are ${known.join(', ')}`;
        if (problem) problems.push({ path: ['models', index, 'size', key], message: problem });
      }
    } else if (Object.keys(model.size).length > 0) {
      problems.push({
        path: ['models', index, 'size'],
        message: '`size` shapes a builtin model only; a model file takes `kwargs`',
      });
    }
    if (!model.file && Object.keys(model.kwargs).length > 0)
      problems.push({
        path: ['models', index, 'kwargs'],
        message: '`kwargs` are passed to the factory of a model `file` only',
      });
  }

  if (check.iterations !== undefined && check.timeBudgetSeconds !== undefined)
    problems.push({
      path: ['timeBudgetSeconds'],
      message: 'give `iterations` or `timeBudgetSeconds`, not both',
    });
  const batchSizes = check.batchSizes;
  for (const [index, size] of batchSizes.entries())
    if (batchSizes.indexOf(size) !== index)
      problems.push({ path: ['batchSizes', index], message: `batch size ${size} is listed twice` });

  const baselineRounds = (rounds: number) => (check.mode === 'ab' && check.noiseFloor ? 2 * rounds : rounds);
  const smallest = smallestPValue(check.rounds, baselineRounds(check.rounds));
  if (smallest >= check.alpha) {
    let enough = check.rounds + 1;
    while (smallestPValue(enough, baselineRounds(enough)) >= check.alpha) enough += 1;
    problems.push({
      path: ['rounds'],
      message:
        `${check.rounds} rounds (${check.rounds} against ${baselineRounds(check.rounds)}) can never show a ` +
        `regression: the smallest p-value they can give is ${smallest.toPrecision(2)}, not below alpha ` +
        `${check.alpha}; use rounds: ${enough} or more`,
    });
  }
  return problems;
}
