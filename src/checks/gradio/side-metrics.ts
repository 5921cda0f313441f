import { access } from 'node:fs/promises';
import path from 'node:path';
import { throwIfAborted } from '../../errors.js';
import type { Side } from '../../provision/environment.js';
import type { Metric } from '../../report/report-schema.js';
import type { CheckContext } from '../check-kind.js';
import { measureLatency } from './api-latency.js';
import { answersAgree } from './expectation.js';
import type { GradioCheck } from './gradio-check-schema.js';
import type { SideRun } from './judge-sides.js';
import { latencyMetrics } from './latency-metrics.js';
import type { RunningApp } from './launch-app.js';
import { screenshotDiff } from './screenshot-diff.js';

type Ran = Extract<SideRun, { state: 'ran' }>;

/**
 * What needs both sides at once: whether the answers agree, each endpoint's latency from the host and
 * the pixel difference of the two screenshots.
 */
export async function sideMetrics(
  context: CheckContext<GradioCheck>,
  apps: Partial<Record<Side, RunningApp>>,
  runs: Partial<Record<Side, SideRun>>,
): Promise<{ metrics: Metric[]; details: Record<string, unknown> }> {
  const { check } = context;
  const baseline = runs.baseline?.state === 'ran' ? runs.baseline : undefined;
  const candidate = runs.candidate?.state === 'ran' ? runs.candidate : undefined;
  const metrics: Metric[] = [];
  const details: Record<string, unknown> = {};
  if (!baseline || !candidate || !apps.baseline || !apps.candidate) return { metrics, details };

  details.answersAgree = compareAnswers(check, baseline, candidate);
  if (check.latency) {
    try {
      metrics.push(
        ...(await latency(
          context,
          { baseline: apps.baseline, candidate: apps.candidate },
          baseline,
          candidate,
        )),
      );
    } catch (error) {
      throwIfAborted(context.signal);
      details.latencyError = (error as Error).message;
    }
  }
  if (check.browser) {
    const diffFile = path.join(context.artifactsDir, `${check.id}-screenshot-diff.png`);
    const shots = [baseline.parts.browser?.screenshotFile, candidate.parts.browser?.screenshotFile];
    const [baseShot, candShot] = shots;
    if (baseShot && candShot && (await exists(baseShot)) && (await exists(candShot))) {
      const diff = await screenshotDiff(baseShot, candShot, diffFile);
      const limit = check.browser.screenshotDiffLimit;
      metrics.push({
        name: 'screenshot pixel diff',
        unit: 'fraction of pixels',
        baseline: 0,
        candidate: round(diff.fraction),
        ratio: null,
        // A pixel diff of two fixed screenshots has no sampling noise.
        significant: true,
        limit,
        limitKind: 'absolute',
        regressed: diff.fraction > limit,
        better: 'lower',
      });
      details.screenshots = {
        baseline: path.relative(context.outDir, baseShot),
        candidate: path.relative(context.outDir, candShot),
        diff: path.relative(context.outDir, diffFile),
        differentPixels: diff.differentPixels,
        totalPixels: diff.totalPixels,
      };
    }
  }
  return { metrics, details };
}

function compareAnswers(check: GradioCheck, baseline: Ran, candidate: Ran): Record<string, boolean> {
  const agree: Record<string, boolean> = {};
  for (const endpoint of check.endpoints) {
    const base = baseline.parts.endpoints?.find((result) => result.api === endpoint.api);
    const cand = candidate.parts.endpoints?.find((result) => result.api === endpoint.api);
    if (base?.outputs && cand?.outputs)
      agree[endpoint.api] = answersAgree(endpoint.expect, base.outputs, cand.outputs);
  }
  return agree;
}

async function latency(
  context: CheckContext<GradioCheck>,
  apps: Record<Side, RunningApp>,
  baseline: Ran,
  candidate: Ran,
): Promise<Metric[]> {
  const settings = context.check.latency;
  if (!settings) return [];
  // Only endpoints that answered well on both sides are timed: a failing call measures nothing useful.
  const targets = context.check.endpoints.flatMap((endpoint) => {
    const base = baseline.parts.endpoints?.find((result) => result.api === endpoint.api);
    const cand = candidate.parts.endpoints?.find((result) => result.api === endpoint.api);
    if (!base?.passed || !cand?.passed) return [];
    return [{ api: endpoint.api, inputs: { baseline: base.sentInputs, candidate: cand.sentInputs } }];
  });
  const measured = await measureLatency(apps, targets, settings.iterations, context.signal);
  return [...measured].flatMap(([api, sides]) => latencyMetrics(api, sides, settings.limitRatio));
}

function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}

function round(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}
