import { describe, expect, it } from 'vitest';
import { compareAudits } from './compare-audits.js';
import type { AdvisoryMatch } from './match-advisories.js';
import type { Severity } from './osv-records.js';

const match = (id: string, severity: Severity, version: string, aliases: string[] = []): AdvisoryMatch => ({
  id,
  aliases,
  package: 'torch',
  version,
  severity,
  summary: id,
});
const failOn = {
  remaining: ['critical', 'high'] as Severity[],
  introduced: ['critical', 'high', 'moderate'] as Severity[],
};
const noon = (date: string) => new Date(`${date}T12:00:00Z`);

describe('compareAudits', () => {
  const baseline = [
    match('CRIT-1', 'critical', '2.1.2'),
    match('HIGH-1', 'high', '2.1.2'),
    match('LOW-1', 'low', '2.1.2'),
  ];
  const candidate = [
    match('HIGH-1', 'high', '2.7.1'),
    match('MOD-2', 'moderate', '2.7.1'),
    match('LOW-1', 'low', '2.7.1'),
  ];

  it('lists fixed, remaining and introduced advisories and counts what gates', () => {
    const result = compareAudits(baseline, candidate, { failOn, waivers: [], now: noon('2026-12-03') });
    expect(result.fixed.map((entry) => entry.id)).toEqual(['CRIT-1']);
    expect(result.remaining.map((entry) => entry.id)).toEqual(['HIGH-1', 'LOW-1']);
    expect(result.introduced.map((entry) => entry.id)).toEqual(['MOD-2']);
    expect(result.items).toEqual({ regressed: 1, failedBoth: 1, improved: 1 });
    expect(result.counts.baseline).toMatchObject({ critical: 1, high: 1, low: 1, moderate: 0 });
    expect(result.counts.candidate).toMatchObject({ critical: 0, high: 1, moderate: 1, low: 1 });
    expect(result.candidateFailed).toBe(true);
  });

  it('does not gate on severities outside failOn', () => {
    const result = compareAudits([match('LOW-1', 'low', '1')], [match('LOW-1', 'low', '2')], {
      failOn,
      waivers: [],
      now: noon('2026-12-03'),
    });
    expect(result.items).toEqual({ regressed: 0, failedBoth: 0, improved: 0 });
    expect(result.candidateFailed).toBe(false);
    expect(result.baselineFailed).toBe(false);
  });

  describe('waivers', () => {
    const waiver = { id: 'CVE-2026-0001', reason: 'no untrusted input', expires: '2027-01-31' };
    const run = (date: string) =>
      compareAudits(
        [match('HIGH-1', 'high', '1', ['CVE-2026-0001']), match('HIGH-2', 'high', '1')],
        [match('HIGH-1', 'high', '2', ['CVE-2026-0001']), match('HIGH-2', 'high', '2')],
        { failOn, waivers: [waiver], now: noon(date) },
      );

    it('silences exactly the advisory it names (by alias), through its expiry date', () => {
      for (const date of ['2026-12-03', '2027-01-31']) {
        const result = run(date);
        expect(result.remaining.find((entry) => entry.id === 'HIGH-1')).toMatchObject({
          blocking: false,
          waivedBy: waiver,
        });
        expect(result.remaining.find((entry) => entry.id === 'HIGH-2')).toMatchObject({ blocking: true });
        expect(result.items.failedBoth).toBe(1);
        expect(result.counts.candidate.high).toBe(1);
        expect(result.waived).toEqual([waiver]);
        expect(result.expiredWaivers).toEqual([]);
      }
    });

    it('stops counting the day after its expiry date, and is named as expired', () => {
      const result = run('2027-02-01');
      expect(result.remaining.every((entry) => entry.blocking && !entry.waivedBy)).toBe(true);
      expect(result.items.failedBoth).toBe(2);
      expect(result.counts.candidate.high).toBe(2);
      expect(result.waived).toEqual([]);
      expect(result.expiredWaivers).toEqual([waiver]);
    });
  });
});

describe('compareAudits with installed versions', () => {
  it('shows the version that fixed an advisory', () => {
    const result = compareAudits([match('CRIT-1', 'critical', '2.1.2')], [], {
      failOn,
      waivers: [],
      now: noon('2026-12-03'),
      installed: { baseline: { torch: '2.1.2' }, candidate: { torch: '2.7.1' } },
    });
    expect(result.fixed[0]).toMatchObject({ baselineVersion: '2.1.2', candidateVersion: '2.7.1' });
  });
});
