import { readFile } from 'node:fs/promises';
import { type OutputsHeader, outputsHeaderSchema } from './runner-result.js';

export interface OutputDrift {
  /** max |candidate − baseline| over every output element; null when the outputs cannot be compared. */
  maxAbsoluteError: number | null;
  /** max |candidate − baseline| / |baseline| over elements with |baseline| ≥ the absolute tolerance. */
  maxRelativeError: number | null;
  elements: number;
  /** Set when shapes differ or one side is not finite where the other is: the outputs disagree outright. */
  mismatch?: string;
}

export async function readOutputs(binFile: string): Promise<{ header: OutputsHeader; values: Float64Array }> {
  const header = outputsHeaderSchema.parse(JSON.parse(await readFile(`${binFile}.json`, 'utf8')));
  const bytes = await readFile(binFile);
  const values = new Float64Array(bytes.length / 8);
  for (let index = 0; index < values.length; index++) values[index] = bytes.readDoubleLE(index * 8);
  return { header, values };
}

/** Compares the same inputs run through the same weights on both sides. */
export function compareOutputs(
  baseline: { header: OutputsHeader; values: Float64Array },
  candidate: { header: OutputsHeader; values: Float64Array },
  absoluteTolerance: number,
): OutputDrift {
  const shapes = (header: OutputsHeader) =>
    header.tensors.map((t) => `${t.name}${JSON.stringify(t.shape)}`).join(', ');
  if (
    shapes(baseline.header) !== shapes(candidate.header) ||
    baseline.values.length !== candidate.values.length
  ) {
    return {
      maxAbsoluteError: null,
      maxRelativeError: null,
      elements: 0,
      mismatch: `output shapes differ: baseline ${shapes(baseline.header)}, candidate ${shapes(candidate.header)}`,
    };
  }

  let maxAbsoluteError = 0;
  let maxRelativeError = 0;
  let nonFinite = 0;
  for (let index = 0; index < baseline.values.length; index++) {
    const b = baseline.values[index] ?? 0;
    const c = candidate.values[index] ?? 0;
    if (!Number.isFinite(b) || !Number.isFinite(c)) {
      if (!Object.is(b, c) && !(Number.isNaN(b) && Number.isNaN(c))) nonFinite++;
      continue;
    }
    const error = Math.abs(c - b);
    maxAbsoluteError = Math.max(maxAbsoluteError, error);
    if (Math.abs(b) >= absoluteTolerance && Math.abs(b) > 0)
      maxRelativeError = Math.max(maxRelativeError, error / Math.abs(b));
  }
  const drift: OutputDrift = { maxAbsoluteError, maxRelativeError, elements: baseline.values.length };
  if (nonFinite > 0)
    drift.mismatch = `${nonFinite} output value(s) are NaN or infinite on one side and not the same on the other`;
  return drift;
}
