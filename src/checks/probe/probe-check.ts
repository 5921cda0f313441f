import { z } from 'zod';
import type { SideResult } from '../../report/report-schema.js';
import { type CheckKind, checkBaseShape, runEachSide } from '../check-kind.js';
import { execForSide } from '../exec-side.js';
import { judgeTorchLoad } from './torch-load-probe.js';

/** Each probe: a runner in runners/ and how its output is judged. A side fails when the hole is open. */
const PROBES = {
  'torch-load': { runner: 'torch_load_probe.py', judge: judgeTorchLoad },
} as const;

export const probeCheckSchema = z.strictObject({
  ...checkBaseShape,
  kind: z.literal('probe'),
  probe: z
    .enum(Object.keys(PROBES) as [keyof typeof PROBES])
    .describe(
      'Which safe exploit probe to run. torch-load: does torch.load run code from a crafted checkpoint (default arguments and weights_only=True)? Example: torch-load',
    ),
});
export type ProbeCheck = z.infer<typeof probeCheckSchema>;

/**
 * Runs a harmless exploit probe on both sides. A side where the exploit works fails, so a hole the
 * upgrade closes shows as `improved` and one it opens as `regressed`.
 */
export const probeCheckKind: CheckKind<ProbeCheck> = {
  kind: 'probe',
  schema: probeCheckSchema,
  async run(context) {
    const { check } = context;
    const probe = PROBES[check.probe];
    return runEachSide(context, async (environment, side): Promise<SideResult> => {
      const { result, facts } = await execForSide(context, environment, side, {
        command: [environment.paths.python, `${environment.paths.runners}/${probe.runner}`],
        cwd: environment.paths.scratch,
        network: false,
      });
      const base = { ...facts, stdoutTail: undefined };
      if (result.timedOut)
        return { ...base, status: 'error', timedOut: true, message: 'the probe timed out' };
      return { ...base, ...probe.judge(result.stdout) };
    });
  },
};
