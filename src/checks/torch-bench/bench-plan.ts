import path from 'node:path';
import type { BenchModel, TorchBenchCheck } from './torch-bench-schema.js';

/** Which environment plays which part in the rounds. */
export type Role = 'baseline' | 'candidate' | 'noise';

/**
 * The runner's model spec for one model, with user files as the environment sees them (the
 * scenario's workdir is at `workdirInEnvironment` there).
 */
export function runnerSpec(model: BenchModel, workdirInEnvironment: string): Record<string, unknown> {
  const inputShape = model.inputShape ? { inputShape: model.inputShape } : {};
  if (model.builtin) return { builtin: model.builtin, ...model.size, ...inputShape };
  if (model.file)
    return {
      file: path.posix.join(workdirInEnvironment, model.file),
      factory: model.factory,
      inputs: model.inputs,
      kwargs: model.kwargs,
    };
  return { torchscript: path.posix.join(workdirInEnvironment, model.torchscript ?? ''), ...inputShape };
}

/**
 * The order of one cycle of rounds. Rotating the order from cycle to cycle keeps any side from
 * always running first (right after the previous cycle), so slow drift of the machine and
 * position effects land on every side alike.
 */
export function cycleOrder(check: TorchBenchCheck, cycle: number, roles: readonly Role[]): Role[] {
  if (roles.length === 0) return [];
  const shift = cycle % roles.length;
  const rotated = [...roles.slice(shift), ...roles.slice(0, shift)];
  return check.mode === 'aa' ? rotated.filter((role) => role !== 'noise') : rotated;
}
