import { describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';

// Running the seed installs about 6 GB (see README.md, "Seed scenario"); the end-to-end proof of its
// audit and probe is test/e2e/security-upgrade.test.ts on the same torch and gradio pins.
describe('scenarios/seed-phase2.yaml', () => {
  it('is a valid scenario with its imports, pipeline, probe, audit, gradio and benchmark checks', async () => {
    const result = await runCli(['validate', 'scenarios/seed-phase2.yaml']);
    expect(result.exitCode).toBe(0);
    expect(result.stderr + result.stdout).toContain('scenario "seed-phase2", 6 check(s)');
  });
});
