import { describe, expect, it } from 'vitest';
import { compareOutputs } from './output-drift.js';
import type { OutputsHeader } from './runner-result.js';

function outputs(values: number[], shape: number[] = [values.length], name = 'output') {
  const header: OutputsHeader = {
    format: 'raw-float64-le',
    totalElements: values.length,
    nonFiniteCount: values.filter((value) => !Number.isFinite(value)).length,
    tensors: [{ name, shape, offsetBytes: 0, numel: values.length }],
  };
  return { header, values: Float64Array.from(values) };
}

describe('compareOutputs', () => {
  it('finds no drift between identical outputs', () => {
    const drift = compareOutputs(outputs([1, -2, 3.5]), outputs([1, -2, 3.5]), 1e-4);
    expect(drift).toEqual({ maxAbsoluteError: 0, maxRelativeError: 0, elements: 3 });
  });

  it('takes the largest absolute and the largest relative error, which may come from different elements', () => {
    const drift = compareOutputs(outputs([100, 0.5, -2]), outputs([100.3, 0.51, -2]), 1e-4);
    expect(drift.maxAbsoluteError).toBeCloseTo(0.3, 12);
    // 0.01 / 0.5 beats 0.3 / 100.
    expect(drift.maxRelativeError).toBeCloseTo(0.02, 12);
    expect(drift.mismatch).toBeUndefined();
  });

  it('leaves elements whose baseline is below the absolute tolerance out of the relative error', () => {
    // 1e-6 → 2e-6 is +100%, but both are noise next to a tolerance of 1e-4.
    const drift = compareOutputs(outputs([1e-6, 1]), outputs([2e-6, 1.001]), 1e-4);
    expect(drift.maxRelativeError).toBeCloseTo(0.001, 9);
    expect(drift.maxAbsoluteError).toBeCloseTo(0.001, 9);
  });

  it('reports differing shapes as a mismatch, without errors to compare', () => {
    const drift = compareOutputs(outputs([1, 2, 3, 4], [2, 2]), outputs([1, 2, 3, 4], [4, 1]), 1e-4);
    expect(drift.maxAbsoluteError).toBeNull();
    expect(drift.maxRelativeError).toBeNull();
    expect(drift.mismatch).toBe('output shapes differ: baseline output[2,2], candidate output[4,1]');
  });

  it('reports a differently named output tensor as a mismatch', () => {
    const drift = compareOutputs(outputs([1], [1], 'logits'), outputs([1], [1], 'scores'), 1e-4);
    expect(drift.mismatch).toContain('output shapes differ');
  });

  it('accepts NaN and infinities that both sides share, and flags one side going non-finite', () => {
    const same = compareOutputs(
      outputs([Number.NaN, Number.POSITIVE_INFINITY, 1]),
      outputs([Number.NaN, Number.POSITIVE_INFINITY, 1]),
      1e-4,
    );
    expect(same.mismatch).toBeUndefined();
    expect(same.maxAbsoluteError).toBe(0);

    const diverged = compareOutputs(
      outputs([1, Number.POSITIVE_INFINITY, 2]),
      outputs([Number.NaN, Number.NEGATIVE_INFINITY, 2]),
      1e-4,
    );
    expect(diverged.mismatch).toBe(
      '2 output value(s) are NaN or infinite on one side and not the same on the other',
    );
    expect(diverged.maxAbsoluteError).toBe(0);
  });
});
