import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { PythonEnvironment, Side } from '../../provision/environment.js';
import type { SideResult } from '../../report/report-schema.js';
import type { CheckContext } from '../check-kind.js';
import { outputTail } from '../output-tail.js';
import { ensurePytest, pytestCommand } from './ensure-pytest.js';
import { parseJunitXml } from './junit-results.js';
import type { PytestCheck } from './pytest-check.js';
import { namedTestResults, type TestResult } from './test-results.js';
import { parseWarningsFile, type WarningsFile } from './warnings-json.js';

/** One side's pytest run: the side's result for the report, and what was read back. */
export interface PytestSideRun {
  result: SideResult;
  tests?: TestResult[];
  warnings?: WarningsFile;
}

// pytest's exit codes: 0 all passed, 1 some failed, 2 interrupted, 3 internal error, 4 usage error,
// 5 no tests collected (https://docs.pytest.org/en/stable/reference/exit-codes.html).
const NO_TESTS_COLLECTED = 5;

/**
 * Runs the suite in one environment with pytest's JUnit XML and the harness's warnings plugin,
 * then copies both files out through the environment (so it works the same in a container).
 */
export async function runPytestSide(
  context: CheckContext<PytestCheck>,
  environment: PythonEnvironment,
  side: Side,
): Promise<PytestSideRun> {
  const { check } = context;
  const logFile = path.join(context.artifactsDir, `${check.id}-${side}.log`);
  const launch = await ensurePytest(environment, {
    install: check.installPytest,
    requirement: check.pytestRequirement,
    timeoutSeconds: check.timeoutSeconds,
    logFile,
    signal: context.signal,
  });
  if (launch.source === 'missing')
    return { result: { status: 'error', durationSeconds: 0, message: launch.reason } };

  const scratch = path.posix.join(environment.paths.scratch, 'pytest', check.id);
  const junitInEnvironment = path.posix.join(scratch, 'junit.xml');
  const warningsInEnvironment = path.posix.join(scratch, 'warnings.json');
  const userPythonPath = check.env.PYTHONPATH;
  const run = await environment.exec({
    command: [
      ...pytestCommand(environment.paths.python, launch),
      ...pytestArguments(check, junitInEnvironment),
    ],
    env: {
      ...check.env,
      PYTHONPATH: [environment.paths.runners, userPythonPath].filter(Boolean).join(':'),
      UPGRADE_HARNESS_WARNINGS_JSON: warningsInEnvironment,
    },
    timeoutSeconds: check.timeoutSeconds,
    network: check.network,
    logFile,
    signal: context.signal,
  });

  const hostDir = path.join(context.artifactsDir, `${check.id}-${side}`);
  const junitXml = await copyOutText(environment, junitInEnvironment, path.join(hostDir, 'junit.xml'));
  const warningsText = await copyOutText(
    environment,
    warningsInEnvironment,
    path.join(hostDir, 'warnings.json'),
  );
  const warnings = warningsText === undefined ? undefined : parseWarningsFile(warningsText);
  const tests = junitXml === undefined ? undefined : namedTestResults(parseJunitXml(junitXml), warnings);

  const base = {
    durationSeconds: run.durationSeconds,
    exitCode: run.exitCode,
    timedOut: run.timedOut,
    stdoutTail: outputTail(run.stdout),
    stderrTail: outputTail(run.stderr),
    logFile: path.relative(context.outDir, logFile),
    details: {
      pytestVersion: launch.version,
      pytestSource: launch.source === 'set' ? 'the set' : `added by the harness (${launch.addonDir})`,
      ...(junitXml !== undefined
        ? { junitFile: path.relative(context.outDir, path.join(hostDir, 'junit.xml')) }
        : {}),
      ...(tests ? { counts: countByStatus(tests) } : {}),
    },
  };
  if (run.timedOut)
    return {
      result: {
        ...base,
        status: 'failed',
        message: `pytest timed out after ${check.timeoutSeconds} s and was killed`,
      },
    };
  if (!tests)
    return {
      result: {
        ...base,
        status: 'failed',
        message: `pytest wrote no JUnit XML (exit ${run.exitCode})${lastLine(run)}`,
      },
    };
  if (run.exitCode === NO_TESTS_COLLECTED)
    return {
      result: {
        ...base,
        status: 'error',
        message: 'pytest collected no tests (exit 5); check `paths` and `markers`',
      },
    };

  const failing = tests.filter((test) => test.status === 'failed' || test.status === 'error').length;
  return {
    result: { ...base, status: failing === 0 ? 'passed' : 'failed', message: summarize(tests) },
    tests,
    ...(warnings ? { warnings } : {}),
  };
}

export function pytestArguments(check: PytestCheck, junitFile: string): string[] {
  return [
    '-p',
    'pytest_warnings_plugin',
    `--junitxml=${junitFile}`,
    '-o',
    'junit_family=xunit2',
    // Without it one module that fails to import stops the whole run, hiding every other result.
    '--continue-on-collection-errors',
    // Both sides may share the workdir (local backend); no .pytest_cache written into it.
    '-p',
    'no:cacheprovider',
    // FORCE_COLOR (even "0") makes pytest colour its tracebacks, and JUnit XML then holds "#x1B[31m".
    '--color=no',
    ...(check.markers ? ['-m', check.markers] : []),
    ...check.args,
    ...check.paths,
  ];
}

function summarize(tests: TestResult[]): string {
  const counts = countByStatus(tests);
  const parts = Object.entries(counts).map(([status, count]) => `${count} ${status}`);
  return `${tests.length} tests: ${parts.join(', ')}`;
}

function countByStatus(tests: TestResult[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const test of tests) counts[test.status] = (counts[test.status] ?? 0) + 1;
  return counts;
}

function lastLine(run: { stdout: string; stderr: string }): string {
  const line = `${run.stdout}\n${run.stderr}`.trim().split('\n').at(-1)?.trim();
  return line ? `: ${line.slice(0, 300)}` : '';
}

async function copyOutText(
  environment: PythonEnvironment,
  from: string,
  to: string,
): Promise<string | undefined> {
  await mkdir(path.dirname(to), { recursive: true });
  try {
    await environment.copyOut(from, to);
  } catch {
    return undefined; // pytest did not get far enough to write it; the side's message says why
  }
  return readFile(to, 'utf8');
}
