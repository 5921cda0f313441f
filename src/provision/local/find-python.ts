import { readdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { HarnessError } from '../../errors.js';

export interface Interpreter {
  path: string;
  /** Full version, e.g. 3.11.7. */
  version: string;
}

/**
 * Finds an interpreter for a requested version ("3.11" or "3.11.7"): `python3.11` on PATH first,
 * then pyenv's versions (newest patch first). Raises an error that lists what exists otherwise.
 */
export async function findPython(
  requested: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<Interpreter> {
  const minor = requested.split('.').slice(0, 2).join('.');
  const candidates = [...pathCandidates(minor, env), ...(await pyenvCandidates(env))];
  const found: Interpreter[] = [];

  for (const candidate of candidates) {
    const version = await interpreterVersion(candidate);
    if (!version) continue;
    found.push({ path: candidate, version });
    if (version === requested || (requested === minor && version.startsWith(`${minor}.`))) {
      return { path: candidate, version };
    }
  }

  const seen = [...new Set(found.map((interpreter) => interpreter.version))].sort();
  throw new HarnessError(
    'PYTHON_NOT_FOUND',
    `No Python ${requested} interpreter was found on PATH or under pyenv (found: ${seen.join(', ') || 'none'}).`,
    {
      hint: `Install Python ${requested} (e.g. \`pyenv install ${minor}\`), or set \`python:\` in the scenario to one of those.`,
    },
  );
}

function pathCandidates(minor: string, env: NodeJS.ProcessEnv): string[] {
  const dirs = (env.PATH ?? '').split(path.delimiter).filter(Boolean);
  return dirs.flatMap((dir) => [path.join(dir, `python${minor}`), path.join(dir, 'python3')]);
}

async function pyenvCandidates(env: NodeJS.ProcessEnv): Promise<string[]> {
  const root = env.PYENV_ROOT ?? path.join(env.HOME ?? os.homedir(), '.pyenv');
  const versions = await readdir(path.join(root, 'versions')).catch(() => [] as string[]);
  const newestFirst = versions.sort((a, b) => b.localeCompare(a, undefined, { numeric: true }));
  return newestFirst.map((version) => path.join(root, 'versions', version, 'bin', 'python3'));
}

async function interpreterVersion(file: string): Promise<string | undefined> {
  const result = await execa(file, ['-c', 'import platform; print(platform.python_version())'], {
    reject: false,
    timeout: 20_000,
  }).catch(() => undefined);
  return result?.exitCode === 0 ? String(result.stdout).trim() : undefined;
}
