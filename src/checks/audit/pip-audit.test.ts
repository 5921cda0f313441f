import { describe, expect, it } from 'vitest';
import { mergeMatches, parsePipAudit } from './pip-audit.js';

describe('parsePipAudit', () => {
  it('reads vulnerabilities with their fix and aliases, severity unknown', () => {
    const stdout = JSON.stringify({
      dependencies: [
        {
          name: 'Gradio',
          version: '4.8.0',
          vulns: [
            { id: 'PYSEC-2024-1', fix_versions: ['4.11.0'], aliases: ['CVE-2023-51449'], description: 'x' },
          ],
        },
        { name: 'six', version: '1.16.0', vulns: [] },
      ],
      fixes: [],
    });
    expect(parsePipAudit(stdout, '')).toEqual({
      status: 'ran',
      notAudited: [],
      matches: [
        {
          id: 'PYSEC-2024-1',
          aliases: ['CVE-2023-51449'],
          package: 'gradio',
          version: '4.8.0',
          severity: 'unknown',
          summary: 'x',
          fixedIn: '4.11.0',
        },
      ],
    });
  });

  it('is unavailable when no package could be audited (offline), as seen on this machine', () => {
    // pip-audit 2.10.1's output here, where PyPI's JSON API cannot be reached.
    const stdout =
      '{"dependencies": [{"name": "gradio", "skip_reason": "Dependency not found on PyPI and could not be audited: gradio (4.8.0)"}], "fixes": []}';
    expect(parsePipAudit(stdout, '')).toMatchObject({ status: 'unavailable' });
    expect(parsePipAudit('', 'ConnectionError: boom')).toEqual({
      status: 'unavailable',
      reason: 'pip-audit gave no result: ConnectionError: boom',
    });
  });
});

describe('mergeMatches', () => {
  it('keeps the OSV record when pip-audit names the same advisory by an alias', () => {
    const osv = [
      {
        id: 'GHSA-1',
        aliases: ['CVE-1'],
        package: 'x',
        version: '1',
        severity: 'high' as const,
        summary: '',
      },
    ];
    const extra = [
      {
        id: 'PYSEC-1',
        aliases: ['CVE-1'],
        package: 'x',
        version: '1',
        severity: 'unknown' as const,
        summary: '',
      },
      { id: 'PYSEC-2', aliases: [], package: 'x', version: '1', severity: 'unknown' as const, summary: '' },
    ];
    expect(mergeMatches(osv, extra).map((match) => match.id)).toEqual(['GHSA-1', 'PYSEC-2']);
  });
});
