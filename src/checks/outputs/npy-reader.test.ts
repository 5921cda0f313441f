import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareNpz } from './compare-arrays.js';
import { elementIndex, readNpy } from './npy-reader.js';
import { DEFAULT_TOLERANCE } from './tolerance.js';

// Written by numpy itself: test/fixtures/output-formats/make_arrays.py.
const file = (name: string) =>
  readFileSync(path.join(import.meta.dirname, '../../../test/fixtures/output-formats', name));

describe('readNpy on files numpy wrote', () => {
  it('reads float32, little-endian, format 1.0', () => {
    expect(readNpy(file('float32.npy'))).toEqual({
      dtype: '<f4',
      shape: [3],
      fortranOrder: false,
      values: new Float64Array([1.5, -2.25, 3.0]),
    });
  });

  it('reads big-endian int32, int64, bool and a format 2.0 header', () => {
    expect(
      Array.from((readNpy(file('big-endian-int32.npy')) as { values: ArrayLike<number> }).values),
    ).toEqual([1, -2, 70000]);
    expect(Array.from((readNpy(file('int64.npy')) as { values: ArrayLike<number> }).values)).toEqual([
      2 ** 40,
      -5,
    ]);
    expect(Array.from((readNpy(file('bool.npy')) as { values: ArrayLike<number> }).values)).toEqual([
      1, 0, 1,
    ]);
    expect(readNpy(file('float64-v2.npy'))).toMatchObject({
      dtype: '<f8',
      shape: [2],
      values: new Float64Array([0.1, 0.2]),
    });
  });

  it('names element positions in Fortran order', () => {
    const array = readNpy(file('fortran-2x3.npy'));
    expect(array).toMatchObject({ shape: [2, 3], fortranOrder: true });
    // Fortran order stores column by column: flat position 1 is row 1, column 0, holding 3.0.
    expect((array as { values: ArrayLike<number> }).values[1]).toBe(3);
    expect(elementIndex(1, [2, 3], true)).toBe('[1, 0]');
    expect(elementIndex(1, [2, 3], false)).toBe('[0, 1]');
  });

  it('declines string arrays, so they are compared byte for byte', () => {
    expect(readNpy(file('strings.npy'))).toEqual({ unsupported: 'dtype <U2' });
  });
});

describe('compareNpz', () => {
  it('compares member by member and reports members on one side only', () => {
    const findings = compareNpz(
      'pair.npz',
      file('pair-baseline.npz'),
      file('pair-candidate.npz'),
      () => DEFAULT_TOLERANCE,
    );
    expect(findings.drift).toEqual([
      expect.objectContaining({
        field: 'logits',
        at: '[1]',
        baseline: 2,
        candidate: 2.001,
        verdict: 'beyond',
        beyond: 1,
      }),
    ]);
    expect(findings.mismatches.map((mismatch) => mismatch.message)).toEqual([
      'array "ids" is only in the baseline',
      'array "mask" is only in the candidate',
    ]);
  });
});
