import '../dispose-polyfill.js';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { CheckKind } from '../checks/check-kind.js';
import { checkKinds } from '../checks/registry.js';
import { dependencyDiff } from '../compare/dependency-diff.js';
import { decideVerdict } from '../compare/gate.js';
import { HarnessError, throwIfAborted } from '../errors.js';
import type { Logger } from '../log/logger.js';
import { harnessVersion, packagePath } from '../package-paths.js';
import {
  type EnvironmentBackend,
  type EnvironmentSpec,
  type ProvisionResult,
  SIDES,
  type Side,
} from '../provision/environment.js';
import { readHostPipConfig } from '../provision/host-pip-config.js';
import { withHostPipSettings } from '../provision/host-pip-settings.js';
import { type BackendChoice, selectBackend } from '../provision/select-backend.js';
import type { CheckReport, EnvironmentReport, Report } from '../report/report-schema.js';
import type { Check } from '../scenario/scenario-schema.js';
import type { ResolvedScenario } from '../scenario/semantic-rules.js';
import { runCheck } from './run-check.js';

export interface RunOptions {
  outDir: string;
  backend?: BackendChoice | undefined;
  only?: readonly string[] | undefined;
  logger: Logger;
  /** Human progress lines (the CLI writes them to stderr). */
  progress: (line: string) => void;
  signal: AbortSignal;
  env?: NodeJS.ProcessEnv;
  now?: () => Date;
  /** Injected for tests and other front ends; built from `backend` otherwise. */
  environmentBackend?: EnvironmentBackend;
}

/**
 * The life of a scenario: provision both sets concurrently, run every check in both, compare,
 * gate. Returns the report (not yet written); disposes every environment it made, whatever happens.
 */
export async function runScenario(resolved: ResolvedScenario, options: RunOptions): Promise<Report> {
  const now = options.now ?? (() => new Date());
  const env = options.env ?? process.env;
  const startedAt = now().toISOString();
  const { scenario } = resolved;
  const selected = selectChecks(scenario.checks, options.only);
  const logDir = path.join(options.outDir, 'logs');
  await mkdir(logDir, { recursive: true });

  const backend =
    options.environmentBackend ??
    (await selectBackend(options.backend ?? scenario.backend, {
      logger: options.logger.child({ subsystem: 'provision' }),
      runnersDir: packagePath('runners'),
      env,
      docker: scenario.docker,
      notice: options.progress,
    }));
  options.progress(
    `Provisioning baseline and candidate (python ${scenario.python}, ${backend.name} backend)…`,
  );

  const hostPipConfig = scenario.pip.fromHost ? await readHostPipConfig(env) : {};
  const provisioned: Partial<Record<Side, ProvisionResult>> = {};
  try {
    // allSettled, not all: when one side fails, the other must finish (and be recorded) before
    // `finally` disposes what was made, or its container would outlive the run.
    const settled = await Promise.allSettled(
      SIDES.map(async (side) => {
        const spec = {
          ...environmentSpec(resolved, side, logDir, env, hostPipConfig),
          progress: (line: string) => options.progress(`  ${side}: ${line.slice(0, 160)}`),
        };
        const result = await backend.provision(spec, options.signal);
        provisioned[side] = result;
        options.progress(provisionLine(side, result));
      }),
    );
    for (const outcome of settled) if (outcome.status === 'rejected') throw outcome.reason;
    throwIfAborted(options.signal);

    const checks: CheckReport[] = [];
    for (const check of scenario.checks) {
      throwIfAborted(options.signal);
      if (!selected.has(check.id)) {
        checks.push(notSelected(check));
        continue;
      }
      options.progress(`Running ${check.id} (${check.kind})…`);
      const report = await runCheck(kindOf(check), check, {
        provisioned: provisioned as Record<Side, ProvisionResult>,
        resolved,
        outDir: options.outDir,
        artifactsDir: logDir,
        logger: options.logger.child({ subsystem: 'check', checkId: check.id }),
        signal: options.signal,
        now,
      });
      options.progress(
        `  ${report.outcome}: ${check.id}${report.message ? ` — ${report.message.split('\n')[0]}` : ''}`,
      );
      checks.push(report);
    }
    // A check cut short by the interruption must not be reported as a verdict.
    throwIfAborted(options.signal);

    const environments = {
      baseline: environmentReport(provisioned.baseline!, path.join('logs', 'baseline-pip.log')),
      candidate: environmentReport(provisioned.candidate!, path.join('logs', 'candidate-pip.log')),
    };
    const { verdict, reasons } = decideVerdict({ environments, checks, rules: scenario.gate });
    return {
      schemaVersion: 1,
      harnessVersion: harnessVersion(),
      scenario: { name: scenario.name, file: resolved.file },
      verdict,
      reasons,
      backend: backend.name,
      startedAt,
      finishedAt: now().toISOString(),
      environments,
      // A set that did not install has no packages; a diff against it would list everything as removed.
      dependencyDiff:
        environments.baseline.status === 'ready' && environments.candidate.status === 'ready'
          ? dependencyDiff(environments.baseline.packages, environments.candidate.packages)
          : [],
      checks,
    };
  } finally {
    await Promise.all(
      Object.values(provisioned).map(async (result) => {
        if (result?.status === 'ready') await result.environment[Symbol.asyncDispose]();
      }),
    );
  }
}

function selectChecks(checks: readonly Check[], only: readonly string[] | undefined): Set<string> {
  const ids = new Set(checks.map((check) => check.id));
  if (!only || only.length === 0) return ids;
  const unknown = only.filter((id) => !ids.has(id));
  if (unknown.length > 0) {
    throw new HarnessError(
      'USAGE',
      `--only names checks the scenario does not have: ${unknown.join(', ')}.`,
      {
        hint: `The scenario's checks are: ${[...ids].join(', ')}.`,
      },
    );
  }
  return new Set(only);
}

function kindOf(check: Check): CheckKind<Check> {
  const kind = checkKinds.find((candidate) => candidate.kind === check.kind);
  if (!kind) throw new Error(`no runner is registered for check kind ${check.kind}`);
  return kind as unknown as CheckKind<Check>;
}

function notSelected(check: Check): CheckReport {
  const side = { status: 'skipped' as const, durationSeconds: 0, message: 'not selected by --only' };
  return {
    id: check.id,
    kind: check.kind,
    outcome: 'skipped',
    message: 'not selected by --only',
    baseline: side,
    candidate: side,
  };
}

function environmentSpec(
  resolved: ResolvedScenario,
  side: Side,
  logDir: string,
  env: NodeJS.ProcessEnv,
  hostPipConfig: Record<string, string>,
): EnvironmentSpec {
  const set = resolved.sets[side];
  const { fromHost, ...scenarioPip } = resolved.scenario.pip;
  const fromScenario = (file: string) =>
    /^[a-z]+:\/\//i.test(file) ? file : path.resolve(resolved.scenarioDir, file);
  const ownPip = {
    ...scenarioPip,
    findLinks: scenarioPip.findLinks.map(fromScenario),
    caBundle: scenarioPip.caBundle && fromScenario(scenarioPip.caBundle),
    constraintFiles: [],
  };
  return {
    side,
    pythonVersion: resolved.scenario.python,
    requirements: set.requirements,
    requirementsFile: set.requirementsFile,
    constraints: set.constraints,
    constraintsFile: set.constraintsFile,
    pip: fromHost ? withHostPipSettings(ownPip, env, hostPipConfig) : ownPip,
    workdir: resolved.workdir,
    logFile: path.join(logDir, `${side}-pip.log`),
  };
}

function provisionLine(side: Side, result: ProvisionResult): string {
  if (result.status === 'failed') return `  ${side}: did not install — ${result.failure[0] ?? 'pip failed'}`;
  const how = result.cached ? 'reused from cache' : 'built';
  return `  ${side}: ${how} in ${result.provisionSeconds.toFixed(1)} s (${Object.keys(result.facts.packages).length} packages)`;
}

/** The report's view of an environment; `logFile` is relative to the report folder. */
function environmentReport(result: ProvisionResult, logFile: string): EnvironmentReport {
  if (result.status === 'ready') {
    return {
      status: 'ready',
      python: result.facts.python,
      packages: result.facts.packages,
      pipCheck: result.facts.pipCheck,
      cached: result.cached,
      provisionSeconds: result.provisionSeconds,
      logFile,
      details: result.details,
    };
  }
  return {
    status: 'failed',
    python: result.python,
    packages: {},
    pipCheck: { ok: false, problems: ['the environment did not install'] },
    cached: false,
    provisionSeconds: result.provisionSeconds,
    failure: result.failure,
    logFile,
    details: result.details,
  };
}
