import { cp, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { packagePath } from '../../package-paths.js';
import type { EnvironmentSpec } from '../environment.js';
import { pipInstallArgs } from '../pip-install-args.js';
import { FACTS_SCRIPT } from '../read-facts.js';

/** Where the build context's `context/` folder lands inside the image. */
const CONTEXT_IN_IMAGE = '/opt/upgrade-harness/context';
export const VENV_PYTHON = '/opt/venv/bin/python';

export function readDockerfileTemplate(): Promise<string> {
  return readFile(packagePath('docker', 'environment.Dockerfile.template'), 'utf8');
}

/** The Dockerfile's pip step, as the classic builder echoes it in its "Step n/m" lines. */
export function pipStep(args: readonly string[]): string {
  return `RUN ${JSON.stringify([VENV_PYTHON, ...args])}`;
}

/**
 * Writes a build context for one dependency set into `dir`: the Dockerfile from the template, and
 * under `context/` the files pip reads (requirements and constraints files, find-links folders, the
 * CA bundle) so the image needs nothing from the host but the indexes that `mapUrl` points at (the
 * host's file:// indexes, served to the build). Returns the pip step for failure detection.
 */
export async function writeBuildContext(
  dir: string,
  spec: EnvironmentSpec,
  baseImage: string,
  template: string,
  mapUrl: (location: string) => string = (location) => location,
): Promise<{ pipStep: string }> {
  const contextDir = path.join(dir, 'context');
  await mkdir(contextDir, { recursive: true });
  const copies = new Map<string, string>();
  const mapLocation = (location: string) => copies.get(location) ?? mapUrl(location);

  const copyIn = async (hostPath: string | undefined, name: string) => {
    if (hostPath === undefined || /^[a-z]+:\/\//i.test(hostPath)) return;
    await cp(hostPath, path.join(contextDir, name), { recursive: true });
    copies.set(hostPath, `${CONTEXT_IN_IMAGE}/${name}`);
  };
  await copyIn(spec.requirementsFile, 'requirements.txt');
  await copyIn(spec.constraintsFile, 'constraints.txt');
  await copyIn(spec.pip.caBundle, 'ca-bundle.pem');
  for (const [index, link] of spec.pip.findLinks.entries()) await copyIn(link, `find-links-${index}`);
  for (const [index, file] of spec.pip.constraintFiles.entries())
    await copyIn(file, `host-constraints-${index}.txt`);

  let inlineConstraints: string | undefined;
  if (spec.constraints.length > 0) {
    await writeFile(path.join(contextDir, 'inline-constraints.txt'), `${spec.constraints.join('\n')}\n`);
    inlineConstraints = `${CONTEXT_IN_IMAGE}/inline-constraints.txt`;
  }
  await writeFile(path.join(contextDir, 'facts.py'), FACTS_SCRIPT);

  const step = pipStep(pipInstallArgs(spec, inlineConstraints, mapLocation));
  const dockerfile = template
    .replace('{{BASE_IMAGE}}', () => baseImage)
    .replace('RUN {{PIP_INSTALL}}', () => step);
  await writeFile(path.join(dir, 'Dockerfile'), dockerfile);
  return { pipStep: step };
}
