import { quantile } from 'simple-statistics';
import { Bench } from 'tinybench';
import type { Side } from '../../provision/environment.js';
import { callEndpoint } from './gradio-routes.js';
import type { RunningApp } from './launch-app.js';

export interface LatencySummary {
  p50Ms: number;
  p99Ms: number;
  samples: number;
  /** The same percentiles of each turn's calls: one value per turn, for the gate's test. */
  turns: { p50Ms: number; p99Ms: number }[];
}

export interface LatencyTarget {
  api: string;
  inputs: Record<Side, unknown[]>;
}

/** Turns per side in which an endpoint's calls are timed, the order swapped each turn. */
const TURNS = 6;

/**
 * Measures each endpoint's response time from the host, as a client sees it. The calls of the two
 * sides take turns (baseline then candidate, then the other way round, six turns), so that a busy
 * moment of the machine, such as a container starting, lands on both sides rather than one.
 */
export async function measureLatency(
  apps: Record<Side, RunningApp>,
  targets: readonly LatencyTarget[],
  iterations: number,
  signal: AbortSignal,
): Promise<Map<string, Record<Side, LatencySummary>>> {
  const measured = new Map<string, Record<Side, LatencySummary>>();
  for (const target of targets) {
    const samples: Record<Side, number[]> = { baseline: [], candidate: [] };
    const turns: Record<Side, LatencySummary['turns']> = { baseline: [], candidate: [] };
    for (let turn = 0; turn < TURNS; turn++) {
      const bench = new Bench({
        iterations: Math.max(1, Math.ceil(iterations / TURNS)),
        time: 0,
        warmupIterations: turn === 0 ? 3 : 1,
        throws: true,
        retainSamples: true,
        signal,
      });
      const order: Side[] = turn % 2 === 0 ? ['baseline', 'candidate'] : ['candidate', 'baseline'];
      for (const side of order) {
        const app = apps[side];
        bench.add(side, async () => {
          const call = await callEndpoint(app.baseUrl, app.config, target.api, target.inputs[side]);
          if (!call.ok) throw new Error(`${side} ${target.api}: ${call.error}`);
        });
      }
      await bench.run();
      for (const side of order) {
        const result = bench.getTask(side)?.result;
        const turnSamples = result && 'latency' in result ? result.latency.samples : undefined;
        if (!turnSamples) throw new Error(`no latency measured for ${side} ${target.api}`);
        samples[side].push(...turnSamples);
        turns[side].push({ p50Ms: quantile([...turnSamples], 0.5), p99Ms: quantile([...turnSamples], 0.99) });
      }
    }
    const summary = (side: Side): LatencySummary => ({
      p50Ms: quantile(samples[side], 0.5),
      p99Ms: quantile(samples[side], 0.99),
      samples: samples[side].length,
      turns: turns[side],
    });
    measured.set(target.api, { baseline: summary('baseline'), candidate: summary('candidate') });
  }
  return measured;
}
