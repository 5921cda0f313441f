import { Bench } from 'tinybench';
import type { Side } from '../../provision/environment.js';
import { callEndpoint } from './gradio-routes.js';
import type { RunningApp } from './launch-app.js';

export interface LatencySummary {
  p50Ms: number;
  p99Ms: number;
  /** Median absolute deviation: how much the calls of one side spread around their median. */
  madMs: number;
  samples: number;
}

export interface LatencyTarget {
  api: string;
  inputs: Record<Side, unknown[]>;
}

/**
 * Measures each endpoint's response time from the host, as a client sees it. The two sides of an
 * endpoint run one after the other within one bench, so a busy moment of the machine hits both.
 */
export async function measureLatency(
  apps: Record<Side, RunningApp>,
  targets: readonly LatencyTarget[],
  iterations: number,
  signal: AbortSignal,
): Promise<Map<string, Record<Side, LatencySummary>>> {
  const measured = new Map<string, Record<Side, LatencySummary>>();
  for (const target of targets) {
    const bench = new Bench({ iterations, time: 0, warmupIterations: 3, throws: true, signal });
    for (const side of ['baseline', 'candidate'] as const) {
      const app = apps[side];
      bench.add(side, async () => {
        const call = await callEndpoint(app.baseUrl, app.config, target.api, target.inputs[side]);
        if (!call.ok) throw new Error(`${side} ${target.api}: ${call.error}`);
      });
    }
    await bench.run();
    const summary = (side: Side): LatencySummary => {
      const result = bench.getTask(side)?.result;
      if (!result || !('latency' in result)) throw new Error(`no latency measured for ${side} ${target.api}`);
      const { p50, p99, mad, samplesCount } = result.latency;
      return { p50Ms: p50, p99Ms: p99, madMs: mad, samples: samplesCount };
    };
    measured.set(target.api, { baseline: summary('baseline'), candidate: summary('candidate') });
  }
  return measured;
}
