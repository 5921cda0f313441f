import { describe, expect, it } from 'vitest';
import { explainPipFailure } from './pip-failure.js';

describe('explainPipFailure', () => {
  it('quotes a package that does not exist', () => {
    const output = [
      'Collecting nosuchpkg-xyz==1.0',
      'ERROR: Could not find a version that satisfies the requirement nosuchpkg-xyz==1.0 (from versions: none)',
      'ERROR: No matching distribution found for nosuchpkg-xyz==1.0',
    ].join('\n');
    expect(explainPipFailure(output)).toEqual([
      'ERROR: Could not find a version that satisfies the requirement nosuchpkg-xyz==1.0 (from versions: none)',
      'ERROR: No matching distribution found for nosuchpkg-xyz==1.0',
    ]);
  });

  it('keeps the resolver conflict block', () => {
    const output = [
      'ERROR: Cannot install six==1.16.0 and six==1.15.0 because these package versions have conflicting dependencies.',
      '',
      'The conflict is caused by:',
      '    The user requested six==1.16.0',
      '    The user requested six==1.15.0',
      '',
      'To fix this you could try to:',
    ].join('\n');
    expect(explainPipFailure(output)).toEqual([
      'ERROR: Cannot install six==1.16.0 and six==1.15.0 because these package versions have conflicting dependencies.',
      'The conflict is caused by:',
      'The user requested six==1.16.0',
      'The user requested six==1.15.0',
    ]);
  });

  it('falls back to the last lines', () => {
    expect(explainPipFailure('a\nb\n\nKilled\n')).toEqual(['a', 'b', 'Killed']);
  });
});

describe('explainPipFailure with a colored terminal', () => {
  it('reads through ANSI color codes', () => {
    const output =
      '\u001b[33mWARNING: Location is ignored\u001b[0m\n\u001b[31mERROR: No matching distribution found for x==1\u001b[0m\n';
    expect(explainPipFailure(output)).toEqual(['ERROR: No matching distribution found for x==1']);
  });
});
