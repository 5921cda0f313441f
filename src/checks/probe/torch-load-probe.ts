import { z } from 'zod';
import type { SideResult } from '../../report/report-schema.js';

const modeSchema = z.object({ loaded: z.boolean(), codeExecuted: z.boolean(), error: z.string().nullable() });

// What runners/torch_load_probe.py prints: one JSON object on its last line.
const probeOutputSchema = z.object({
  torchVersion: z.string().nullable(),
  modes: z.object({ default: modeSchema.optional(), weights_only: modeSchema.optional() }),
  controlPickleExecutes: z.boolean().optional(),
  error: z.string().optional(),
});

/**
 * Judges one side of the torch-load probe: the side fails when loading a crafted checkpoint ran
 * code (the probe's payload only creates an empty marker file in a temporary folder).
 */
export function judgeTorchLoad(stdout: string): Pick<SideResult, 'status' | 'message' | 'details'> {
  const lastLine = stdout.trim().split('\n').at(-1) ?? '';
  let output: z.infer<typeof probeOutputSchema>;
  try {
    output = probeOutputSchema.parse(JSON.parse(lastLine));
  } catch {
    return { status: 'error', message: 'the torch-load probe printed no result' };
  }
  const details = { ...output };
  if (output.error) return { status: 'error', message: output.error, details };
  // Without a working detector a clean result would mean nothing.
  if (output.controlPickleExecutes !== true)
    return {
      status: 'error',
      message: 'the probe’s marker detection did not work (control pickle)',
      details,
    };

  const ran = (['default', 'weights_only'] as const).filter((mode) => output.modes[mode]?.codeExecuted);
  const torch = `torch ${output.torchVersion ?? '?'}`;
  if (ran.includes('default'))
    return {
      status: 'failed',
      message: `${torch}: code ran on torch.load with default arguments${ran.includes('weights_only') ? ' and with weights_only=True' : ''}`,
      details,
    };
  if (ran.includes('weights_only'))
    return { status: 'failed', message: `${torch}: code ran on torch.load(weights_only=True)`, details };
  return {
    status: 'passed',
    message: `${torch}: no code ran on load (default: ${refusal(output.modes.default?.error)})`,
    details,
  };
}

function refusal(error: string | null | undefined): string {
  if (!error) return 'loaded without running the payload';
  return `refused, ${error.split(':')[0]}`;
}
