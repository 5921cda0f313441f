import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CheckReport, Report } from '../../src/report/report-schema.js';
import { fixture, readReport, runCli, temporaryDir } from '../support/run-cli.js';
import { validateJunit } from '../support/xmllint.js';

const checkOf = (report: Report, id: string): CheckReport => {
  const check = report.checks.find((candidate) => candidate.id === id);
  if (!check) throw new Error(`no check ${id}`);
  return check;
};
const ids = (entries: unknown) => (entries as { id: string }[]).map((entry) => entry.id);

// torch 2.1.2 + gradio 4.8.0 (a 2023 deployment) against torch 2.13.0 + gradio 5.31.0. The baseline is
// a ~2.5 GB CUDA install the first time; the harness's venv cache (default folder) keeps it for
// later runs, and gate-rules.yaml names the same sets so it reuses both environments.
describe('a security upgrade: torch 2.1.2 → 2.13.0, gradio 4.8.0 → 5.31.0 (local backend)', () => {
  let run: { exitCode: number; stderr: string; report: Report; outDir: string; summary: string };
  let gates: { exitCode: number; report: Report };

  beforeAll(async () => {
    const outDir = await temporaryDir('security');
    const summaryFile = path.join(outDir, '..', `${path.basename(outDir)}-step-summary.md`);
    await writeFile(summaryFile, '# earlier step\n');
    const result = await runCli(
      ['run', fixture('torch-gradio-security-upgrade', 'scenario.yaml'), '--out', outDir],
      {
        env: { GITHUB_STEP_SUMMARY: summaryFile },
      },
    );
    run = {
      ...result,
      report: await readReport(outDir),
      outDir,
      summary: await readFile(summaryFile, 'utf8'),
    };
    const gatesDir = await temporaryDir('gate-rules');
    const gated = await runCli([
      'run',
      fixture('torch-gradio-security-upgrade', 'gate-rules.yaml'),
      '--out',
      gatesDir,
    ]);
    gates = { exitCode: gated.exitCode, report: await readReport(gatesDir) };
  });

  it('shows code running on torch.load in torch 2.1.2 and not in 2.13.0', () => {
    const probe = checkOf(run.report, 'torch-load');
    expect(probe.baseline.status).toBe('failed');
    expect(probe.baseline.details).toMatchObject({
      torchVersion: expect.stringMatching(/^2\.1\.2/),
      controlPickleExecutes: true,
      modes: { default: { codeExecuted: true }, weights_only: { codeExecuted: false } },
    });
    expect(probe.candidate.status).toBe('passed');
    expect(probe.candidate.details).toMatchObject({
      torchVersion: expect.stringMatching(/^2\.13\.0/),
      modes: { default: { codeExecuted: false, loaded: false }, weights_only: { codeExecuted: false } },
    });
    expect(probe.outcome).toBe('improved');
  });

  it('lists the baseline critical and high torch and gradio advisories as fixed, and says go', () => {
    const audit = checkOf(run.report, 'audit');
    expect(ids(audit.details?.fixed)).toEqual(
      expect.arrayContaining([
        'GHSA-53q9-r3pm-6pq6', // torch, critical (CVE-2025-32434)
        'GHSA-63cw-57p8-fm3p', // torch, high, fixed in 2.10.0
        'GHSA-6qm2-wpxq-7qh2', // gradio, high (CVE-2023-51449)
        'CVE-2024-1561', // gradio, high
        'GHSA-m842-4qm8-7gpq', // gradio, high (CVE-2024-1728)
      ]),
    );
    expect(audit.details?.remaining).toEqual([]);
    expect(audit.details?.introduced).toEqual([]);
    expect(audit.details?.counts).toMatchObject({
      baseline: { critical: 1 },
      candidate: { critical: 0, high: 0, moderate: 0 },
    });
    expect(audit.outcome).toBe('improved');
    expect(run.report.verdict).toBe('go');
    expect(run.exitCode).toBe(0);
  });

  it('writes both resolved sets as pinned requirements beside the report', async () => {
    const baseline = await readFile(path.join(run.outDir, 'baseline-requirements.lock.txt'), 'utf8');
    const candidate = await readFile(path.join(run.outDir, 'candidate-requirements.lock.txt'), 'utf8');
    const pins = (text: string) => text.split('\n').filter((line) => line && !line.startsWith('#'));
    expect(pins(baseline)).toContain('torch==2.1.2');
    expect(pins(baseline)).toContain('gradio==4.8.0');
    expect(pins(candidate)).toContain('gradio==5.31.0');
    expect(pins(baseline)).toHaveLength(Object.keys(run.report.environments.baseline.packages).length);
    expect(pins(candidate).every((line) => /^[a-z0-9-]+==\S+$/.test(line))).toBe(true);
  });

  it('writes a junit.xml that passes the JUnit XML schema, and appends report.md to the step summary', async () => {
    const junit = await validateJunit(path.join(run.outDir, 'junit.xml'));
    expect(junit.output).toContain('validates');
    expect(junit.valid).toBe(true);
    const markdown = await readFile(path.join(run.outDir, 'report.md'), 'utf8');
    expect(run.summary).toBe(`# earlier step\n${markdown}\n`);
    expect(markdown).toContain('## Security advisories (audit)');
  });

  it('follows the gate rules and waivers: an unexpired waiver silences exactly its advisory', () => {
    const outcomes = Object.fromEntries(gates.report.checks.map((check) => [check.id, check.outcome]));
    expect(outcomes).toEqual({
      'introduced-unwaived': 'regressed',
      'introduced-waived': 'pass',
      'introduced-waiver-expired': 'regressed',
      'high-not-gated-when-failOn-says-critical-only': 'pass',
    });
    expect(ids(checkOf(gates.report, 'introduced-unwaived').details?.introduced)).toEqual(['TEST-2099-0001']);
    expect(checkOf(gates.report, 'introduced-waived').details?.waived).toEqual([
      { id: 'CVE-2099-0001', reason: 'test: accepted until the fix ships', expires: '2099-12-31' },
    ]);
    const expired = checkOf(gates.report, 'introduced-waiver-expired');
    expect(expired.details?.expiredWaivers).toEqual([
      { id: 'TEST-2099-0001', reason: 'test: accepted once', expires: '2020-01-31' },
    ]);
    expect(expired.message).toContain(
      'expired waivers (no longer counted): TEST-2099-0001 (expired 2020-01-31)',
    );
    expect(gates.report.verdict).toBe('no-go');
    expect(gates.exitCode).toBe(1);
  });
});
