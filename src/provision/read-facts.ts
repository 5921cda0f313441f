import { z } from 'zod';
import { normalizePackageName } from '../scenario/requirement.js';
import type { EnvironmentFacts, ExecResult } from './environment.js';

// Runs inside the environment; pip's JSON listing, never its human table, is what we parse.
export const FACTS_SCRIPT = `
import json, platform, subprocess, sys
def pip(*args):
    return subprocess.run([sys.executable, "-m", "pip", *args, "--disable-pip-version-check"],
                          capture_output=True, text=True)
listing = pip("list", "--format=json")
check = pip("check")
print(json.dumps({
    "python": platform.python_version(),
    "packages": json.loads(listing.stdout or "[]"),
    "listError": listing.stderr.strip() if listing.returncode else None,
    "pipCheck": {"exitCode": check.returncode, "output": (check.stdout + check.stderr).strip()},
    "glibc": "-".join(platform.libc_ver()),
}))
`;

const factsOutputSchema = z.object({
  python: z.string(),
  packages: z.array(z.object({ name: z.string(), version: z.string() })),
  listError: z.string().nullable(),
  pipCheck: z.object({ exitCode: z.number(), output: z.string() }),
  glibc: z.string(),
});

export interface ParsedFacts {
  facts: EnvironmentFacts;
  glibc: string;
}

/** Reads the output of FACTS_SCRIPT: Python version, installed packages and `pip check`. */
export function parseFacts(result: ExecResult): ParsedFacts {
  if (result.exitCode !== 0) {
    throw new Error(
      `reading the environment's packages failed (exit ${result.exitCode}): ${result.stderr.trim()}`,
    );
  }
  const output = factsOutputSchema.parse(JSON.parse(result.stdout.trim().split('\n').at(-1) ?? ''));
  if (output.listError) throw new Error(`pip list failed: ${output.listError}`);

  const packages: Record<string, string> = {};
  for (const { name, version } of output.packages) packages[normalizePackageName(name)] = version;
  const sorted = Object.fromEntries(Object.entries(packages).sort(([a], [b]) => a.localeCompare(b)));
  const ok = output.pipCheck.exitCode === 0;
  const problems = ok ? [] : output.pipCheck.output.split('\n').filter((line) => line.trim() !== '');

  return {
    facts: { python: output.python, packages: sorted, pipCheck: { ok, problems } },
    glibc: output.glibc,
  };
}
