import { describe, expect, it } from 'vitest';
import { isPipLocation, normalizePackageName, parseRequirement, requirementLines } from './requirement.js';

describe('parseRequirement', () => {
  it.each([
    ['torch==2.7.1', 'torch', '==2.7.1'],
    ['Gradio_Client >=0.7, <1', 'gradio-client', '>=0.7, <1'],
    ['numpy~=1.26', 'numpy', '~=1.26'],
    ['requests[socks,security] (>=2.0)', 'requests', '>=2.0'],
    ['six', 'six', ''],
    ['pywin32>=300; sys_platform == "win32"', 'pywin32', '>=300'],
  ])('accepts %s', (text, normalizedName, specifier) => {
    const requirement = parseRequirement(text);
    expect(requirement).toMatchObject({ normalizedName, specifier });
  });

  it('keeps a direct URL', () => {
    expect(parseRequirement('pkg @ https://example.org/pkg-1.0.tar.gz')).toMatchObject({
      url: 'https://example.org/pkg-1.0.tar.gz',
    });
  });

  it.each([
    ['torch=2.7.1', 'invalid version specifier'],
    ['torch==', 'invalid version specifier'],
    ['==1.0', 'not a PEP 508 requirement'],
    ['pkg[bad extra]', 'invalid extra'],
    ['pkg @ not-a-url', 'no URL'],
    ['pkg>=1;', 'empty environment marker'],
  ])('rejects %s', (text, message) => {
    expect(parseRequirement(text)).toContain(message);
  });
});

describe('normalizePackageName', () => {
  it('follows PEP 503', () => {
    expect(normalizePackageName('Foo.Bar__baz-Qux')).toBe('foo-bar-baz-qux');
  });
});

describe('requirementLines', () => {
  it('skips options and comments and joins continuations', () => {
    const content =
      '# pinned\n-c constraints.txt\ntorch==2.1.2  # cuda\n\ngradio==4.8.0 \\\n  --hash=sha256:abc\n';
    expect(requirementLines(content)).toEqual([
      { line: 3, text: 'torch==2.1.2' },
      { line: 5, text: 'gradio==4.8.0' },
    ]);
  });
});

describe('isPipLocation', () => {
  it.each([
    './wheels/pkg-1.0-py3-none-any.whl',
    '/opt/wheels/x.whl',
    '../project',
    'https://host/pkg.whl',
    'git+https://github.com/o/r#egg=foo-bar',
  ])('knows %s is a location pip resolves itself', (text) => expect(isPipLocation(text)).toBe(true));
  it.each(['torch==2.7.1', 'requests[socks]>=2', 'pkg @ https://host/pkg.whl'])(
    'reads %s as PEP 508',
    (text) => {
      expect(isPipLocation(text)).toBe(false);
    },
  );
});
