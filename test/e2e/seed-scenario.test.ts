import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, runCli } from '../support/run-cli.js';

// Running the seed installs about 6 GB (see README.md, "Seed scenario"); the end-to-end proof of its
// audit and probe is test/e2e/security-upgrade.test.ts on the same torch and gradio pins.
describe('scenarios/seed-phase2.yaml', () => {
  it('is a valid scenario with its imports, pipeline, probe, audit, gradio and benchmark checks', async () => {
    const result = await runCli(['validate', 'scenarios/seed-phase2.yaml']);
    expect(result.exitCode).toBe(0);
    expect(result.stderr + result.stdout).toContain('scenario "seed-phase2", 6 check(s)');
  });
});

// The torch 2.1.2 → 2.7.1 scenario downloads about 5.5 GB and is not run here; it must stay valid.
describe('every scenario shipped in scenarios/', () => {
  it('validates', async () => {
    const files = (await readdir(path.join(repoRoot, 'scenarios'))).filter((name) => name.endsWith('.yaml'));
    expect(files).toContain('torch-2.1-to-2.7.yaml');
    for (const file of files) {
      const result = await runCli(['validate', path.join('scenarios', file)]);
      expect({ file, exitCode: result.exitCode, output: result.stderr }).toMatchObject({ file, exitCode: 0 });
    }
  });
});
