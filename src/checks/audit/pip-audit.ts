import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import type { PythonEnvironment } from '../../provision/environment.js';
import { installTool } from '../../provision/install-tool.js';
import { normalizePackageName } from '../../scenario/requirement.js';
import type { AdvisoryMatch } from './match-advisories.js';

export type PipAuditResult =
  | { status: 'ran'; matches: AdvisoryMatch[]; notAudited: string[] }
  | { status: 'unavailable'; reason: string };

// pip-audit's `--format json` output (https://github.com/pypa/pip-audit#json-output), the parts read here.
const pipAuditOutputSchema = z.object({
  dependencies: z.array(
    z.object({
      name: z.string(),
      version: z.string().optional(),
      skip_reason: z.string().optional(),
      vulns: z
        .array(
          z.object({
            id: z.string(),
            fix_versions: z.array(z.string()).default([]),
            aliases: z.array(z.string()).default([]),
            description: z.string().optional(),
          }),
        )
        .default([]),
    }),
  ),
});

/**
 * Runs pip-audit inside the environment on its exact package list. pip-audit is installed into the
 * environment's scratch folder (not into the set under test) and asks PyPI's vulnerability data, so
 * it needs the network; offline, the result says why it is unavailable instead of failing the check.
 */
export async function runPipAudit(
  environment: PythonEnvironment,
  packages: Record<string, string>,
  options: { timeoutSeconds: number; signal: AbortSignal; logFile: string },
): Promise<PipAuditResult> {
  const target = `${environment.paths.scratch}/pip-audit`;
  const run = (command: string[], env: Record<string, string> = {}) =>
    environment.exec({ command, env, network: true, ...options });
  const install = await installTool(environment, 'pip-audit', target, options);
  if (install.exitCode !== 0)
    return { status: 'unavailable', reason: `pip-audit could not be installed: ${lastLine(install.stderr)}` };

  const hostDir = await mkdtemp(path.join(os.tmpdir(), 'uh-pip-audit-'));
  const requirements = `${environment.paths.scratch}/pip-audit-requirements.txt`;
  try {
    const pins = Object.entries(packages).map(([name, version]) => `${name}==${version}`);
    await writeFile(path.join(hostDir, 'requirements.txt'), `${pins.join('\n')}\n`);
    await environment.copyIn(path.join(hostDir, 'requirements.txt'), requirements);
  } finally {
    await rm(hostDir, { recursive: true, force: true });
  }
  // --no-deps --disable-pip: audit exactly the installed versions, without resolving anything again.
  const audit = await run(
    [
      environment.paths.python,
      '-m',
      'pip_audit',
      '-r',
      requirements,
      '--no-deps',
      '--disable-pip',
      '--format',
      'json',
      '--progress-spinner',
      'off',
    ],
    { PYTHONPATH: target },
  );
  return parsePipAudit(audit.stdout, audit.stderr);
}

/** Reads pip-audit's JSON; a run that could audit nothing (no network) is unavailable, not clean. */
export function parsePipAudit(stdout: string, stderr: string): PipAuditResult {
  let output: z.infer<typeof pipAuditOutputSchema>;
  try {
    output = pipAuditOutputSchema.parse(JSON.parse(stdout));
  } catch {
    return { status: 'unavailable', reason: `pip-audit gave no result: ${lastLine(stderr)}` };
  }
  const notAudited = output.dependencies.filter((dependency) => dependency.skip_reason);
  if (output.dependencies.length > 0 && notAudited.length === output.dependencies.length)
    return {
      status: 'unavailable',
      reason: `pip-audit could not audit any package: ${notAudited[0]?.skip_reason}`,
    };
  const matches = output.dependencies.flatMap((dependency) =>
    dependency.vulns.map(
      (vuln): AdvisoryMatch => ({
        id: vuln.id,
        aliases: vuln.aliases,
        package: normalizePackageName(dependency.name),
        version: dependency.version ?? '?',
        // pip-audit reports no severity; such advisories gate only when failOn lists `unknown`.
        severity: 'unknown',
        summary: (vuln.description ?? '').split('\n')[0]?.slice(0, 200) ?? '',
        ...(vuln.fix_versions[0] ? { fixedIn: vuln.fix_versions[0] } : {}),
      }),
    ),
  );
  return { status: 'ran', matches, notAudited: notAudited.map((dependency) => dependency.name) };
}

/** Adds pip-audit's findings that the OSV records did not already name (by id or alias). */
export function mergeMatches(
  osv: readonly AdvisoryMatch[],
  extra: readonly AdvisoryMatch[],
): AdvisoryMatch[] {
  const known = new Set(osv.flatMap((match) => [match.id, ...match.aliases]));
  const added = extra.filter((match) => ![match.id, ...match.aliases].some((name) => known.has(name)));
  return [...osv, ...added].sort((left, right) => left.id.localeCompare(right.id));
}

function lastLine(text: string): string {
  return text.trim().split('\n').at(-1) ?? 'no output';
}
