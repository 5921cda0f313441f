import { isDeepStrictEqual } from 'node:util';
import type { GradioEndpoint } from './gradio-check-schema.js';

type Expectation = GradioEndpoint['expect'];

/** Why outputs do not meet the expectation, or undefined when they do. */
export function unmetExpectation(expectation: Expectation, outputs: unknown[]): string | undefined {
  if ('exact' in expectation) {
    return isDeepStrictEqual(outputs, expectation.exact)
      ? undefined
      : `expected ${JSON.stringify(expectation.exact)}, got ${JSON.stringify(outputs)}`;
  }
  if ('approx' in expectation) {
    return approximatelyEqual(outputs, expectation.approx, expectation.tolerance)
      ? undefined
      : `expected ${JSON.stringify(expectation.approx)} within ${expectation.tolerance}, got ${JSON.stringify(outputs)}`;
  }
  const shape = outputs.map(jsonType);
  return isDeepStrictEqual(shape, expectation.shape)
    ? undefined
    : `expected outputs of type ${JSON.stringify(expectation.shape)}, got ${JSON.stringify(shape)}`;
}

/**
 * Whether two answers agree as the expectation defines agreement: a 4.8 server answers `5.0` where
 * 5.31 answers `5` (both `5` in JSON), and numeric drift is tolerated where `approx` says so.
 */
export function answersAgree(expectation: Expectation, baseline: unknown[], candidate: unknown[]): boolean {
  if ('approx' in expectation) return approximatelyEqual(baseline, candidate, expectation.tolerance);
  if ('shape' in expectation) return isDeepStrictEqual(baseline.map(jsonType), candidate.map(jsonType));
  return isDeepStrictEqual(baseline, candidate);
}

function approximatelyEqual(actual: unknown, expected: unknown, tolerance: number): boolean {
  if (typeof actual === 'number' && typeof expected === 'number')
    return Math.abs(actual - expected) <= tolerance;
  if (Array.isArray(actual) && Array.isArray(expected)) {
    return (
      actual.length === expected.length &&
      actual.every((value, i) => approximatelyEqual(value, expected[i], tolerance))
    );
  }
  if (isObject(actual) && isObject(expected)) {
    const keys = Object.keys(expected);
    return (
      keys.length === Object.keys(actual).length &&
      keys.every((key) => approximatelyEqual(actual[key], expected[key], tolerance))
    );
  }
  return isDeepStrictEqual(actual, expected);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}
