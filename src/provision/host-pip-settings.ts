import type { PipSettings } from './environment.js';

/** pip's own variables for the settings a team's machines carry: a mirror, wheel folders, a CA. */
const words = (value: string | undefined) => (value ?? '').split(/\s+/).filter(Boolean);

/**
 * Adds the host's pip settings (`PIP_INDEX_URL`, `PIP_EXTRA_INDEX_URL`, `PIP_FIND_LINKS`,
 * `PIP_TRUSTED_HOST`, `PIP_CERT`, `PIP_NO_INDEX`) to a scenario's own, which win where both set one.
 * Used when the scenario says `pip.fromHost: true`, so a container installs from the same corporate
 * mirror or offline wheel folder as the host, with the folders and CA copied into its build.
 */
export function withHostPipSettings(settings: PipSettings, env: NodeJS.ProcessEnv): PipSettings {
  const union = (own: string[], host: string[]) => [...new Set([...own, ...host])];
  return {
    ...settings,
    indexUrl: settings.indexUrl ?? env.PIP_INDEX_URL,
    extraIndexUrls: union(settings.extraIndexUrls, words(env.PIP_EXTRA_INDEX_URL)),
    findLinks: union(settings.findLinks, words(env.PIP_FIND_LINKS)),
    trustedHosts: union(settings.trustedHosts, words(env.PIP_TRUSTED_HOST)),
    caBundle: settings.caBundle ?? env.PIP_CERT,
    noIndex: settings.noIndex || ['1', 'true', 'yes', 'on'].includes((env.PIP_NO_INDEX ?? '').toLowerCase()),
  };
}
