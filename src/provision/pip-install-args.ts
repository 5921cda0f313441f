import type { EnvironmentSpec } from './environment.js';

/**
 * The arguments of `pip install` for a dependency set. File paths are passed through `mapPath`,
 * so the Docker backend can point them at its copies inside the build context.
 */
export function pipInstallArgs(
  spec: EnvironmentSpec,
  inlineConstraintsFile: string | undefined,
  mapPath: (hostPath: string) => string = (hostPath) => hostPath,
): string[] {
  const { pip } = spec;
  const args = ['-m', 'pip', 'install', '--disable-pip-version-check', '--no-input', '--progress-bar', 'off'];
  if (pip.indexUrl) args.push('--index-url', pip.indexUrl);
  for (const url of pip.extraIndexUrls) args.push('--extra-index-url', url);
  for (const link of pip.findLinks) args.push('--find-links', mapPath(link));
  for (const host of pip.trustedHosts) args.push('--trusted-host', host);
  if (pip.caBundle) args.push('--cert', mapPath(pip.caBundle));
  if (pip.noIndex) args.push('--no-index');
  args.push(...pip.extraArgs);
  if (spec.requirementsFile) args.push('-r', mapPath(spec.requirementsFile));
  if (spec.constraintsFile) args.push('-c', mapPath(spec.constraintsFile));
  if (inlineConstraintsFile) args.push('-c', inlineConstraintsFile);
  args.push(...spec.requirements);
  return args;
}
