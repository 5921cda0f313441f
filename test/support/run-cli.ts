import { mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { type Report, reportSchema } from '../../src/report/report-schema.js';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
export const fixture = (...segments: string[]) => path.join(repoRoot, 'test', 'fixtures', ...segments);

export interface CliResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI (`dist/bin.js`, as `npx upgrade-harness` would) and never throws on a non-zero exit. */
export async function runCli(
  args: string[],
  options: { env?: Record<string, string>; cwd?: string } = {},
): Promise<CliResult> {
  const result = await execa('node', [path.join(repoRoot, 'dist', 'bin.js'), ...args], {
    cwd: options.cwd ?? repoRoot,
    env: { ...options.env, FORCE_COLOR: '0' },
    reject: false,
    stripFinalNewline: false,
    timeout: 25 * 60_000,
  });
  return { exitCode: result.exitCode ?? -1, stdout: String(result.stdout), stderr: String(result.stderr) };
}

export function temporaryDir(prefix: string): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), `uh-test-${prefix}-`));
}

/** The report.json a run wrote into `outDir`, checked against the contract's schema. */
export async function readReport(outDir: string): Promise<Report> {
  return reportSchema.parse(JSON.parse(await readFile(path.join(outDir, 'report.json'), 'utf8')));
}
