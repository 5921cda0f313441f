import path from 'node:path';
import { throwIfAborted } from '../../errors.js';
import type { PythonEnvironment } from '../../provision/environment.js';
import { cycleOrder, type Role } from './bench-plan.js';
import { type BenchCase, type RoundSummary, runRound } from './run-round.js';
import type { BenchResult } from './runner-result.js';
import type { TorchBenchCheck } from './torch-bench-schema.js';

/** Everything one role (baseline, candidate, or the extra baseline rounds) measured. */
export interface RoleRecord {
  state: 'ok' | 'skipped' | 'failed';
  message?: string;
  stderrTail?: string;
  seconds: number;
  roundsByCase: Record<string, RoundSummary[]>;
  /** Every iteration's latency of every round, per case, for the report's distribution chart. */
  latencyMsByCase: Record<string, number[]>;
  /** Host path of the raw outputs of the first round, per model. */
  outputsByModel: Record<string, string>;
  firstResult?: BenchResult;
}

/**
 * Runs every case's rounds: each round a fresh process, the roles taking turns (A B A′, then
 * rotated) so that the machine's drift is shared by all. A role that is skipped (no GPU) or fails
 * stops; the others go on.
 */
export async function runAllRounds(options: {
  check: TorchBenchCheck;
  cases: BenchCase[];
  targets: Partial<Record<Role, PythonEnvironment>>;
  hostDir: string;
  logDir: string;
  signal: AbortSignal;
}): Promise<Partial<Record<Role, RoleRecord>>> {
  const { check, targets } = options;
  const roles = (['baseline', 'candidate', 'noise'] as const).filter((role) => targets[role]);
  const records: Partial<Record<Role, RoleRecord>> = {};
  for (const role of roles)
    records[role] = { state: 'ok', seconds: 0, roundsByCase: {}, latencyMsByCase: {}, outputsByModel: {} };

  for (const benchCase of options.cases) {
    for (let cycle = 0; cycle < check.rounds; cycle++) {
      for (const role of cycleOrder(check, cycle, roles)) {
        // Ctrl-C stops the benchmark between rounds too, not only the round it interrupted.
        throwIfAborted(options.signal);
        const record = records[role];
        const environment = targets[role];
        if (!record || !environment || record.state !== 'ok') continue;
        if (benchCase.runsIn && !benchCase.runsIn.has(environment)) continue;
        const modelName = benchCase.label.split(' ')[0] ?? benchCase.label;
        const withOutputs = role !== 'noise' && !(modelName in record.outputsByModel);
        const outcome = await runRound({
          environment,
          check,
          benchCase,
          hostDir: path.join(options.hostDir, benchCase.label.replace(/\s+/g, '-')),
          label: `${role}-${cycle}`,
          withOutputs,
          logFile: path.join(options.logDir, `${check.id}-${role}.log`),
          signal: options.signal,
        });
        record.seconds += outcome.seconds;
        if (outcome.status === 'skipped') {
          Object.assign(record, { state: 'skipped', message: outcome.reason });
          continue;
        }
        if (outcome.status === 'failed') {
          Object.assign(record, {
            state: 'failed',
            message: outcome.message,
            stderrTail: outcome.stderrTail,
          });
          continue;
        }
        const label = benchCase.label;
        record.roundsByCase[label] = [...(record.roundsByCase[label] ?? []), outcome.summary];
        record.latencyMsByCase[label] = [
          ...(record.latencyMsByCase[label] ?? []),
          ...outcome.result.latencyMs,
        ];
        if (outcome.outputsFile) record.outputsByModel[modelName] = outcome.outputsFile;
        record.firstResult ??= outcome.result;
      }
    }
  }
  return records;
}
