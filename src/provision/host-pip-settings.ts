import type { PipSettings } from './environment.js';

const words = (value: string | undefined) => (value ?? '').split(/\s+/).filter(Boolean);
const isTrue = (value: string | undefined) =>
  ['1', 'true', 'yes', 'on', 'y', 't'].includes((value ?? '').trim().toLowerCase());

/**
 * Adds the host's pip settings to a scenario's own, which win where both set one. The host's are
 * pip's: its configuration files (`config`, from readHostPipConfig) overridden by its variables
 * (`PIP_INDEX_URL`, `PIP_EXTRA_INDEX_URL`, `PIP_FIND_LINKS`, `PIP_TRUSTED_HOST`, `PIP_CERT`,
 * `PIP_NO_INDEX`, `PIP_CONSTRAINT`). Used when the scenario says `pip.fromHost: true`, so a
 * container installs from the same mirror, file index or wheel folder as the host does.
 */
export function withHostPipSettings(
  settings: PipSettings,
  env: NodeJS.ProcessEnv,
  config: Record<string, string> = {},
): PipSettings {
  const host = (key: string) => env[`PIP_${key.toUpperCase().replaceAll('-', '_')}`] ?? config[key];
  const union = (own: string[], key: string) => [...new Set([...own, ...words(host(key))])];
  return {
    ...settings,
    indexUrl: settings.indexUrl ?? host('index-url'),
    extraIndexUrls: union(settings.extraIndexUrls, 'extra-index-url'),
    findLinks: union(settings.findLinks, 'find-links'),
    trustedHosts: union(settings.trustedHosts, 'trusted-host'),
    caBundle: settings.caBundle ?? host('cert'),
    noIndex: settings.noIndex || isTrue(host('no-index')),
    constraintFiles: union(settings.constraintFiles, 'constraint'),
  };
}
