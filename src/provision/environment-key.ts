import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { EnvironmentSpec } from './environment.js';

/** Bump when the layout or content of a built environment changes, so old caches are not reused. */
export const ENVIRONMENT_FORMAT_VERSION = 1;

// pip settings that change only how pip talks, never what it installs.
const COSMETIC_PIP_VARIABLES = new Set([
  'PIP_DISABLE_PIP_VERSION_CHECK',
  'PIP_NO_INPUT',
  'PIP_PROGRESS_BAR',
  'PIP_NO_COLOR',
  'PIP_QUIET',
  'PIP_VERBOSE',
  'PIP_ROOT_USER_ACTION',
]);

/** pip's configuration files, in the order pip reads them (see `pip config debug`). */
export function pipConfigFiles(env: NodeJS.ProcessEnv): string[] {
  const home = env.HOME ?? os.homedir();
  const configHome = env.XDG_CONFIG_HOME ?? path.join(home, '.config');
  const xdgDirs = (env.XDG_CONFIG_DIRS ?? '/etc/xdg').split(':');
  return [
    ...xdgDirs.map((dir) => path.join(dir, 'pip', 'pip.conf')),
    '/etc/pip.conf',
    path.join(home, '.pip', 'pip.conf'),
    path.join(configHome, 'pip', 'pip.conf'),
    ...(env.PIP_CONFIG_FILE ? [env.PIP_CONFIG_FILE] : []),
  ];
}

/** What decides the content of an environment beyond the spec itself. */
export interface KeyInputs {
  spec: EnvironmentSpec;
  /** The interpreter's full version, or the base image's id for containers. */
  interpreter: string;
  env: NodeJS.ProcessEnv;
  /** Backend-specific inputs, e.g. the Dockerfile template. */
  extra?: Record<string, string>;
}

/**
 * A content hash of everything that decides what an environment holds: interpreter, requirements
 * and constraints (with the content of their files), pip settings, `PIP_*` variables, pip's
 * configuration files and the harness's format version. Equal keys mean interchangeable environments.
 */
export async function environmentKey(inputs: KeyInputs): Promise<string> {
  const { spec } = inputs;
  const fileContent = async (file: string | undefined) =>
    file === undefined ? null : await readFile(file, 'utf8').catch(() => null);
  const pipVariables = Object.entries(inputs.env)
    .filter(([name]) => name.startsWith('PIP_') && !COSMETIC_PIP_VARIABLES.has(name))
    .sort(([a], [b]) => a.localeCompare(b));
  const pipConfig = await Promise.all(
    pipConfigFiles(inputs.env).map(async (file) => [file, await fileContent(file)]),
  );

  const material = {
    format: ENVIRONMENT_FORMAT_VERSION,
    interpreter: inputs.interpreter,
    requirements: spec.requirements,
    requirementsFile: await fileContent(spec.requirementsFile),
    constraints: spec.constraints,
    constraintsFile: await fileContent(spec.constraintsFile),
    pip: spec.pip,
    hostConstraints: await Promise.all(spec.pip.constraintFiles.map(fileContent)),
    pipVariables,
    pipConfig: pipConfig.filter(([, content]) => content !== null),
    extra: inputs.extra ?? {},
  };
  return createHash('sha256').update(JSON.stringify(material)).digest('hex').slice(0, 24);
}
