import { describe, expect, it } from 'vitest';
import { packagePath } from '../../package-paths.js';
import { compareAudits } from './compare-audits.js';
import { matchAdvisories } from './match-advisories.js';
import { loadAdvisories } from './osv-records.js';

// The seed upgrade (scenarios/seed-phase2.yaml) against the shipped snapshot, without installing it.
describe('the shipped advisory snapshot on the seed upgrade', () => {
  const baseline = { torch: '2.1.2', gradio: '4.8.0', setuptools: '69.0.2', transformers: '4.36.2' };
  const candidate = { torch: '2.7.1', gradio: '5.31.0', setuptools: '78.1.1', transformers: '4.50.0' };

  it('lists the baseline critical and high advisories of torch and gradio as fixed; CVE-2026-24747 remains', async () => {
    const advisories = await loadAdvisories([packagePath('advisories', 'osv')]);
    expect(advisories).toHaveLength(20);
    const result = compareAudits(
      matchAdvisories(advisories, baseline),
      matchAdvisories(advisories, candidate),
      {
        failOn: { remaining: ['critical', 'high'], introduced: ['critical', 'high', 'moderate'] },
        waivers: [],
        now: new Date('2026-12-03T00:00:00Z'),
      },
    );
    const fixed = result.fixed.map((entry) => `${entry.package}:${entry.id}:${entry.severity}`);
    expect(fixed).toContain('torch:GHSA-53q9-r3pm-6pq6:critical');
    expect(fixed).toContain('torch:GHSA-pg7h-5qx3-wjr3:high');
    expect(fixed).toContain('gradio:GHSA-6qm2-wpxq-7qh2:high');
    expect(fixed).toContain('gradio:GHSA-973g-55hp-3frw:high');
    expect(fixed).toContain('setuptools:GHSA-5rjg-fvgr-3xxf:high');
    expect(result.remaining.map((entry) => entry.id)).toEqual(['GHSA-63cw-57p8-fm3p']);
    expect(result.remaining[0]).toMatchObject({ package: 'torch', fixedIn: '2.10.0', blocking: true });
    expect(result.introduced).toEqual([]);
    expect(result.counts.candidate).toMatchObject({ critical: 0, high: 1, moderate: 0 });
  });
});
