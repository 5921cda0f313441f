import { z } from 'zod';
import type { Metric } from '../../report/report-schema.js';
import { type CheckFindings, type CheckKind, checkBaseShape, runEachSide } from '../check-kind.js';
import { compareTests, type TestComparison } from './compare-tests.js';
import { diffWarnings, groupWarnings, type WarningGroup } from './new-warnings.js';
import { type PytestSideRun, runPytestSide } from './run-pytest.js';

export const pytestCheckSchema = z.strictObject({
  ...checkBaseShape,
  kind: z.literal('pytest'),
  paths: z
    .array(z.string().min(1))
    .default([])
    .describe(
      "Test files, folders or node ids, relative to the workdir. Default [] (pytest's own testpaths). Example: [tests]",
    ),
  markers: z
    .string()
    .optional()
    .describe('A marker expression passed as -m. Example: "not slow and not gpu"'),
  args: z.array(z.string()).default([]).describe('More pytest arguments. Example: ["-x", "--tb=long"]'),
  env: z.record(z.string(), z.string()).default({}).describe('Extra environment variables for pytest.'),
  network: z.boolean().default(false).describe('Whether the tests may reach the network. Default false.'),
  newWarnings: z
    .enum(['report', 'fail'])
    .default('report')
    .describe(
      'What warnings that are new on the candidate do: `report` lists them; `fail` (strict mode) also makes the check regress. Default report.',
    ),
  installPytest: z
    .boolean()
    .default(true)
    .describe(
      'When a set lacks pytest, add it beside the set (pip --target into scratch, last on sys.path) instead of reporting an error. Default true.',
    ),
  pytestRequirement: z
    .string()
    .default('pytest')
    .describe('What installPytest installs. Default "pytest". Example: "pytest==8.3.4"'),
});
export type PytestCheck = z.infer<typeof pytestCheckSchema>;

/** Runs the team's pytest suite on both sides and judges it test by test, with new warnings. */
export const pytestCheckKind: CheckKind<PytestCheck> = {
  kind: 'pytest',
  schema: pytestCheckSchema,
  async run(context) {
    const runs: Partial<Record<'baseline' | 'candidate', PytestSideRun>> = {};
    const sides = await runEachSide(context, async (environment, side) => {
      runs[side] = await runPytestSide(context, environment, side);
      return runs[side].result;
    });
    return judge(context.check, sides, runs.baseline, runs.candidate);
  },
};

function judge(
  check: PytestCheck,
  sides: Pick<CheckFindings, 'baseline' | 'candidate'>,
  baseline: PytestSideRun | undefined,
  candidate: PytestSideRun | undefined,
): CheckFindings {
  if (!baseline?.tests || !candidate?.tests) {
    // Without both sides' results there is nothing to judge test by test; the side statuses decide.
    return {
      ...sides,
      ...(candidate?.tests
        ? { details: { tests: candidate.tests.map(({ id, status }) => ({ id, candidate: status })) } }
        : {}),
    };
  }

  const tests = compareTests(baseline.tests, candidate.tests);
  const warnings =
    baseline.warnings && candidate.warnings
      ? diffWarnings(groupWarnings(baseline.warnings), groupWarnings(candidate.warnings))
      : undefined;
  return {
    ...sides,
    items: {
      regressed: tests.regressed.length,
      improved: tests.fixed.length,
      failedBoth: tests.preExisting.length,
    },
    ...(warnings ? { metrics: [newWarningsMetric(check, warnings.added)] } : {}),
    message: summary(tests, warnings?.added),
    details: {
      regressed: tests.regressed,
      preExisting: tests.preExisting,
      fixed: tests.fixed,
      oneSideOnly: tests.oneSideOnly,
      unchanged: tests.unchanged,
      tests: allTests(baseline, candidate),
      ...(warnings ? { newWarnings: warnings.added, goneWarnings: warnings.gone } : {}),
      newWarningsPolicy: check.newWarnings,
    },
  };
}

/**
 * New warnings as a metric, so the central outcome logic judges strict mode: with `fail`, any new
 * warning is beyond the limit of zero; with `report`, there is no limit and it is only shown.
 */
function newWarningsMetric(check: PytestCheck, added: WarningGroup[]): Metric {
  const strict = check.newWarnings === 'fail';
  return {
    name: 'new warnings',
    unit: 'warnings',
    baseline: 0,
    candidate: added.length,
    ratio: null,
    significant: added.length > 0,
    limit: strict ? 0 : null,
    limitKind: 'absolute',
    regressed: strict && added.length > 0,
    better: 'lower',
  };
}

function summary(tests: TestComparison, added: WarningGroup[] | undefined): string {
  const parts = [
    `${tests.regressed.length} regressed`,
    `${tests.preExisting.length} failing on both`,
    `${tests.fixed.length} fixed`,
    `${tests.oneSideOnly.length} on one side only`,
  ];
  if (added) parts.push(`${added.length} new warning${added.length === 1 ? '' : 's'}`);
  const regressed = tests.regressed.map((test) => test.id.split('::').at(-1)).slice(0, 5);
  return `${parts.join(', ')}${regressed.length > 0 ? ` (regressed: ${regressed.join(', ')})` : ''}`;
}

function allTests(baseline: PytestSideRun, candidate: PytestSideRun) {
  const byId = new Map<string, { id: string; baseline: string; candidate: string }>();
  for (const test of baseline.tests ?? [])
    byId.set(test.id, { id: test.id, baseline: test.status, candidate: 'absent' });
  for (const test of candidate.tests ?? []) {
    const entry = byId.get(test.id) ?? { id: test.id, baseline: 'absent', candidate: 'absent' };
    byId.set(test.id, { ...entry, candidate: test.status });
  }
  return [...byId.values()];
}
