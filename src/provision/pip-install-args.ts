import type { EnvironmentSpec } from './environment.js';

/**
 * The arguments of `pip install` for a dependency set. Files, folders and index URLs are passed
 * through `mapLocation`, so the Docker backend can point them at its copies inside the build
 * context or at the host indexes it serves to the build.
 */
export function pipInstallArgs(
  spec: EnvironmentSpec,
  inlineConstraintsFile: string | undefined,
  mapLocation: (location: string) => string = (location) => location,
): string[] {
  const { pip } = spec;
  const args = ['-m', 'pip', 'install', '--disable-pip-version-check', '--no-input', '--progress-bar', 'off'];
  if (pip.indexUrl) args.push('--index-url', mapLocation(pip.indexUrl));
  for (const url of pip.extraIndexUrls) args.push('--extra-index-url', mapLocation(url));
  for (const link of pip.findLinks) args.push('--find-links', mapLocation(link));
  for (const host of pip.trustedHosts) args.push('--trusted-host', host);
  if (pip.caBundle) args.push('--cert', mapLocation(pip.caBundle));
  if (pip.noIndex) args.push('--no-index');
  args.push(...pip.extraArgs);
  if (spec.requirementsFile) args.push('-r', mapLocation(spec.requirementsFile));
  for (const file of pip.constraintFiles) args.push('-c', mapLocation(file));
  if (spec.constraintsFile) args.push('-c', mapLocation(spec.constraintsFile));
  if (inlineConstraintsFile) args.push('-c', inlineConstraintsFile);
  args.push(...spec.requirements);
  return args;
}
