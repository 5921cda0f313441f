import { describe, expect, it } from 'vitest';
import { fixedVersionAbove, inRange, isAffected } from './affected-versions.js';

describe('inRange (OSV ECOSYSTEM events, PEP 440 order)', () => {
  const fixedAt260 = [{ introduced: '0' }, { fixed: '2.6.0' }];
  it.each([
    ['2.1.2', true],
    ['2.5.1', true],
    ['2.6.0rc1', true],
    ['2.6.0', false],
    ['2.7.1', false],
    ['2.1.2+cu121', true],
  ])('introduced 0, fixed 2.6.0: %s → %s', (version, expected) => {
    expect(inRange(version, fixedAt260)).toBe(expected);
  });

  it('treats last_affected as inclusive', () => {
    const events = [{ introduced: '0' }, { last_affected: '4.36.0' }];
    expect(inRange('4.36.0', events)).toBe(true);
    expect(inRange('4.36.1', events)).toBe(false);
  });

  it('honours a later introduced version and several windows, whatever the event order', () => {
    const events = [{ fixed: '5.5.0' }, { introduced: '5.0.0' }, { introduced: '6.0' }, { fixed: '6.2' }];
    expect(inRange('4.8.0', events)).toBe(false);
    expect(inRange('5.0.0', events)).toBe(true);
    expect(inRange('5.4.9', events)).toBe(true);
    expect(inRange('5.31.0', events)).toBe(false);
    expect(inRange('6.1', events)).toBe(true);
    expect(inRange('6.10', events)).toBe(false);
  });

  it('compares numerically, not as strings', () => {
    expect(inRange('2.10.0', [{ introduced: '0' }, { fixed: '2.9.0' }])).toBe(false);
    expect(inRange('78.1.0', [{ introduced: '0' }, { fixed: '78.1.1' }])).toBe(true);
  });
});

describe('isAffected', () => {
  it('matches exact `versions` entries with PEP 440 equality', () => {
    const affected = { name: 'x', ranges: [], versions: ['1.0', '1.2.0'] };
    expect(isAffected('1.0.0', affected)).toBe(true);
    expect(isAffected('1.1', affected)).toBe(false);
  });

  it('matches any of several ranges', () => {
    const affected = {
      name: 'x',
      ranges: [
        [{ introduced: '0' }, { fixed: '1.0' }],
        [{ introduced: '2.0' }, { fixed: '2.1' }],
      ],
      versions: [],
    };
    expect(isAffected('2.0.5', affected)).toBe(true);
    expect(isAffected('1.5', affected)).toBe(false);
  });
});

describe('fixedVersionAbove', () => {
  it('names the lowest fix above the installed version', () => {
    const affected = {
      name: 'x',
      ranges: [
        [{ introduced: '0' }, { fixed: '1.0' }],
        [{ introduced: '2.0' }, { fixed: '2.1' }],
      ],
      versions: [],
    };
    expect(fixedVersionAbove('2.0.5', affected)).toBe('2.1');
    expect(fixedVersionAbove('0.5', affected)).toBe('1.0');
  });
});
