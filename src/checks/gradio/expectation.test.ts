import { describe, expect, it } from 'vitest';
import { answersAgree, unmetExpectation } from './expectation.js';

describe('unmetExpectation', () => {
  it('compares exact outputs and says what came back', () => {
    expect(unmetExpectation({ exact: ['Hello, WORLD!'] }, ['Hello, WORLD!'])).toBeUndefined();
    expect(unmetExpectation({ exact: ['Hello, WORLD!'] }, ['Hello, world!'])).toBe(
      'expected ["Hello, WORLD!"], got ["Hello, world!"]',
    );
  });

  it('tolerates numeric drift within the tolerance only', () => {
    expect(unmetExpectation({ approx: [5], tolerance: 0.01 }, [5.004])).toBeUndefined();
    expect(unmetExpectation({ approx: [5], tolerance: 0.01 }, [5.02])).toMatch(/within 0.01/);
    expect(unmetExpectation({ approx: [{ x: 1 }], tolerance: 0 }, [{ x: 1, y: 2 }])).toBeDefined();
  });

  it('checks only the JSON types in shape mode', () => {
    expect(unmetExpectation({ shape: ['string', 'number'] }, ['any', 3])).toBeUndefined();
    expect(unmetExpectation({ shape: ['string'] }, [null])).toBe(
      'expected outputs of type ["string"], got ["null"]',
    );
  });
});

describe('answersAgree', () => {
  it('compares the two sides the way the expectation does', () => {
    expect(answersAgree({ approx: [5], tolerance: 1e-9 }, [5.0], [5])).toBe(true);
    expect(answersAgree({ exact: ['a'] }, ['a'], ['b'])).toBe(false);
    expect(answersAgree({ shape: ['string'] }, ['32x20 RGB'], ['32x20 RGBA'])).toBe(true);
  });
});
