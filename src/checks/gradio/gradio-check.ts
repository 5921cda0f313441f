import path from 'node:path';
import { throwIfAborted } from '../../errors.js';
import type { PythonEnvironment, Side } from '../../provision/environment.js';
import { SIDES } from '../../provision/environment.js';
import { type CheckContext, type CheckKind, errorSide, skippedSide } from '../check-kind.js';
import { gradioCheckRules } from './gradio-check-rules.js';
import { type GradioCheck, gradioCheckSchema } from './gradio-check-schema.js';
import { judgeSides, type SideRun } from './judge-sides.js';
import { AppLaunchError, launchApp, type RunningApp } from './launch-app.js';
import { sideMetrics } from './side-metrics.js';
import { runSideParts } from './side-parts.js';

/**
 * Launches the scenario's gradio app in each environment and checks it as a client and as a person
 * would: its API, its page in Chromium and its file routes; then compares the two sides.
 */
export const gradioCheckKind: CheckKind<GradioCheck> = {
  kind: 'gradio',
  schema: gradioCheckSchema,
  rules: gradioCheckRules,
  async run(context) {
    const apps: Partial<Record<Side, RunningApp>> = {};
    const runs: Partial<Record<Side, SideRun>> = {};
    try {
      // Both apps start at once (their start-up is most of the wait); the parts then run one side at a
      // time so that neither side's measurements share the machine with the other's browser.
      const started = await Promise.all(SIDES.map((side) => startSide(context, side)));
      for (const [index, side] of SIDES.entries()) {
        const start = started[index];
        if (!start || 'run' in start) {
          runs[side] = start?.run ?? { state: 'not-run', result: errorSide('the side did not start') };
          continue;
        }
        apps[side] = start.app;
        runs[side] = await runParts(context, side, start);
      }

      const { metrics, details } = await sideMetrics(context, apps, runs);
      const judged = judgeSides(context.check, runs as Record<Side, SideRun>);
      return { ...judged, ...(metrics.length > 0 ? { metrics } : {}), details };
    } finally {
      await Promise.all(Object.values(apps).map((app) => app?.[Symbol.asyncDispose]()));
    }
  },
};

type Started =
  | { run: SideRun }
  | { app: RunningApp; environment: PythonEnvironment; startedAt: number; logFile: string };

async function startSide(context: CheckContext<GradioCheck>, side: Side): Promise<Started> {
  const environment = context.environments[side];
  const skip = context.skipReasons[side] ?? `the ${side} environment is not ready`;
  if (!environment) return { run: { state: 'not-run', result: skippedSide(skip) } };
  const { check } = context;
  const logFile = path.join(context.artifactsDir, `${check.id}-${side}-app.log`);
  const relativeLog = path.relative(context.outDir, logFile);
  const startedAt = performance.now();
  try {
    const app = await launchApp({
      environment,
      app: check.app,
      object: check.object,
      allowedPaths: check.allowedPaths,
      readyTimeoutSeconds: check.readyTimeoutSeconds,
      lifetimeSeconds: check.timeoutSeconds,
      logFile,
      signal: context.signal,
    });
    context.logger.info({ side, version: app.config.version, port: app.hostPort }, 'gradio app ready');
    return { app, environment, startedAt, logFile: relativeLog };
  } catch (error) {
    throwIfAborted(context.signal);
    const durationSeconds = (performance.now() - startedAt) / 1000;
    if (error instanceof AppLaunchError) {
      const run: SideRun = {
        state: 'did-not-start',
        message: `the app did not start: ${error.message}`,
        logTail: error.logTail,
        durationSeconds,
        logFile: relativeLog,
      };
      return { run };
    }
    context.logger.error({ err: error, side }, 'could not launch the gradio app');
    return {
      run: { state: 'not-run', result: errorSide(`could not launch the app: ${(error as Error).message}`) },
    };
  }
}

async function runParts(
  context: CheckContext<GradioCheck>,
  side: Side,
  start: Extract<Started, { app: RunningApp }>,
): Promise<SideRun> {
  try {
    const parts = await runSideParts({
      app: start.app,
      environment: start.environment,
      side,
      check: context.check,
      hostWorkdir: context.workdir,
      artifactsDir: context.artifactsDir,
      signal: context.signal,
    });
    const durationSeconds = (performance.now() - start.startedAt) / 1000;
    return { state: 'ran', parts, durationSeconds, logFile: start.logFile };
  } catch (error) {
    throwIfAborted(context.signal);
    context.logger.error({ err: error, side }, 'gradio check side failed to run');
    const durationSeconds = (performance.now() - start.startedAt) / 1000;
    return {
      state: 'not-run',
      result: errorSide(`the harness could not run this side: ${(error as Error).message}`, durationSeconds),
    };
  }
}
