import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/report-schema.js';
import { harnessLeftovers, requireEngine } from '../support/docker-leftovers.js';
import { fixture, readReport, runCli, temporaryDir } from '../support/run-cli.js';

// Real torch on both sides, on each backend: 2.13.0+cpu from the host's wheel folder and the 2.14.1
// CUDA build (~5.5 GB venv) from the host's file:// index, which Docker builds reach through the index
// served on loopback. About 3 minutes to install from local files the first time locally, a few more
// in Docker (the image layer is committed), cached afterwards.
describe.each(['local', 'docker'] as const)(
  'torch 2.13.0 → 2.14.1 on the built-in models (%s backend)',
  (backend) => {
    let result: { exitCode: number; report: Report; outDir: string };

    beforeAll(async () => {
      if (backend === 'docker') await requireEngine();
      const outDir = await temporaryDir(`torch-bench-${backend}`);
      const run = await runCli([
        'run',
        'scenarios/torch-2.13-to-2.14.yaml',
        '--backend',
        backend,
        '--out',
        outDir,
      ]);
      const report = await readReport(outDir);
      result = { exitCode: run.exitCode, report, outDir };
    }, 30 * 60_000);

    const inference = () => result.report.checks.find((check) => check.id === 'inference');

    it('installs each release from the host on the backend asked for', () => {
      expect(result.report.backend).toBe(backend);
      expect(result.report.environments.baseline.packages.torch).toBe('2.13.0+cpu');
      expect(result.report.environments.candidate.packages.torch).toBe('2.14.1');
    });

    it('reports latency percentiles, throughput and peak memory for every model with interval, p and noise floor', () => {
      const names = inference()?.metrics?.map((metric) => metric.name) ?? [];
      for (const model of ['mlp b8', 'cnn b8', 'transformer b8'])
        for (const metric of [
          'p50 latency',
          'p95 latency',
          'p50 CPU time',
          'p95 CPU time',
          'throughput',
          'peak RSS',
        ])
          expect(names).toContain(`${model} ${metric}`);
      // On the cpu device the CPU time per call is gated; wall latency is shown beside it, without a limit.
      const metric = (name: string) => inference()?.metrics?.find((m) => m.name === name);
      expect(metric('mlp b8 p50 CPU time')?.limit).toBe(1.1);
      expect(metric('mlp b8 p50 latency')?.limit).toBeNull();
      expect(metric('mlp b8 p50 latency')?.regressed).toBe(false);
      const p50 = inference()?.metrics?.find((metric) => metric.name === 'mlp b8 p50 latency');
      expect(p50?.confidenceInterval?.[0]).toBeLessThanOrEqual(p50?.confidenceInterval?.[1] ?? 0);
      expect(p50?.pValue).toBeGreaterThan(0);
      expect(p50?.noiseFloor).toBeGreaterThanOrEqual(0);
    });

    it('finds the same outputs from the same weights on both torch releases (no drift on the built-ins)', () => {
      const drift =
        inference()?.metrics?.filter((metric) => metric.name.includes('output max abs error')) ?? [];
      expect(drift).toHaveLength(3);
      for (const metric of drift) expect(metric.candidate).toBe(0);
    });

    it('flags the 2.14.1 CUDA build for its peak memory, which maps the CUDA libraries even on a CPU', () => {
      const rss = inference()?.metrics?.find((metric) => metric.name === 'mlp b8 peak RSS');
      expect(rss?.ratio).toBeGreaterThan(1.5);
      expect(rss?.regressed).toBe(true);
      expect(result.report.verdict).toBe('no-go');
      expect(result.exitCode).toBe(1);
    });

    it('skips the CUDA check with the reason when there is no GPU', () => {
      const cuda = result.report.checks.find((check) => check.id === 'inference-cuda');
      expect(cuda?.outcome).toBe('skipped');
      expect(cuda?.candidate.message).toContain('CUDA not available');
    });

    it("draws both sides' latency distribution in report.html", async () => {
      const html = await readFile(path.join(result.outDir, 'report.html'), 'utf8');
      expect(html).toContain('<h3>Latency distributions</h3>');
      expect(html.match(/<svg /g)?.length).toBeGreaterThanOrEqual(3);
    });

    // Defined for Docker alone, so the local run counts no skipped test.
    if (backend === 'docker')
      it('leaves no container or network behind', async () => {
        expect(await harnessLeftovers()).toEqual({ containers: [], networks: [] });
      });
  },
);

// The same check in containers: weights prepared in one container and copied into the other, rounds
// in fresh processes through exec. torch 2.13.0 on both sides (only its CPU wheel lies on this host).
describe('torch-bench on the Docker backend (torch 2.13.0 on both sides)', () => {
  let report: Report;

  beforeAll(async () => {
    await requireEngine();
    const outDir = await temporaryDir('torch-bench-docker');
    await runCli(['run', fixture('torch-bench-docker', 'scenario.yaml'), '--out', outDir]);
    report = await readReport(outDir);
  }, 30 * 60_000);

  it('measures both containers and finds the same outputs from the shared weights', () => {
    const inference = report.checks.find((check) => check.id === 'inference');
    expect(report.backend).toBe('docker');
    expect(report.environments.candidate.packages.torch).toBe('2.13.0+cpu');
    expect(inference?.baseline.status).toBe('passed');
    expect(inference?.candidate.status).toBe('passed');
    const metric = (name: string) => inference?.metrics?.find((m) => m.name === name);
    expect(metric('mlp b4 p50 CPU time')?.baseline).toBeGreaterThan(0);
    expect(metric('mlp b4 peak RSS')?.candidate).toBeGreaterThan(0);
    expect(metric('mlp output max abs error')?.candidate).toBe(0);
    // Whether an identical pair passes measures the machine's quiet, not the harness: not asserted.
  });
});
