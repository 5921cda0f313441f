import { describe, expect, it } from 'vitest';
import { dependencyDiff } from './dependency-diff.js';

describe('dependencyDiff', () => {
  it('classifies every kind of change with PEP 440 ordering', () => {
    const baseline = { torch: '2.1.2', numpy: '1.26.4', six: '1.16.0', 'old-pkg': '1.0', gradio: '4.10.0' };
    const candidate = { torch: '2.7.1', numpy: '1.26.4', six: '1.15.0', 'new-pkg': '0.1', gradio: '4.9.0' };
    expect(dependencyDiff(baseline, candidate)).toEqual([
      { name: 'gradio', baseline: '4.10.0', candidate: '4.9.0', change: 'downgraded', majorJump: false },
      { name: 'new-pkg', baseline: null, candidate: '0.1', change: 'added' },
      { name: 'old-pkg', baseline: '1.0', candidate: null, change: 'removed' },
      { name: 'six', baseline: '1.16.0', candidate: '1.15.0', change: 'downgraded', majorJump: false },
      { name: 'torch', baseline: '2.1.2', candidate: '2.7.1', change: 'upgraded', majorJump: false },
    ]);
  });

  it('orders pre-releases and post-releases as PEP 440 does', () => {
    expect(
      dependencyDiff({ a: '2.0.0rc1', b: '1.0.post1', c: '1.0' }, { a: '2.0.0', b: '1.0', c: '2.0' }),
    ).toEqual([
      { name: 'a', baseline: '2.0.0rc1', candidate: '2.0.0', change: 'upgraded', majorJump: false },
      { name: 'b', baseline: '1.0.post1', candidate: '1.0', change: 'downgraded', majorJump: false },
      { name: 'c', baseline: '1.0', candidate: '2.0', change: 'upgraded', majorJump: true },
    ]);
  });

  it('treats equal versions written differently as unchanged', () => {
    expect(dependencyDiff({ a: '1.0' }, { a: '1.0.0' })).toEqual([]);
  });
});
