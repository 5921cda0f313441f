import { describe, expect, it } from 'vitest';
import { withHostPipSettings } from './host-pip-settings.js';

const none = { extraIndexUrls: [], findLinks: [], trustedHosts: [], noIndex: false, extraArgs: [] };

describe('withHostPipSettings', () => {
  it('carries the host mirror, wheel folders, trusted hosts and CA', () => {
    const env = {
      PIP_INDEX_URL: 'https://mirror.corp/simple',
      PIP_EXTRA_INDEX_URL: 'https://a/simple https://b/simple',
      PIP_FIND_LINKS: '/opt/wheels',
      PIP_TRUSTED_HOST: 'mirror.corp',
      PIP_CERT: '/etc/ssl/corp.pem',
      PIP_NO_INDEX: 'true',
    };
    expect(withHostPipSettings(none, env)).toEqual({
      indexUrl: 'https://mirror.corp/simple',
      extraIndexUrls: ['https://a/simple', 'https://b/simple'],
      findLinks: ['/opt/wheels'],
      trustedHosts: ['mirror.corp'],
      caBundle: '/etc/ssl/corp.pem',
      noIndex: true,
      extraArgs: [],
    });
  });

  it("keeps the scenario's own settings first and does not repeat them", () => {
    const own = { ...none, indexUrl: 'https://own/simple', findLinks: ['/opt/wheels', './wheels'] };
    const merged = withHostPipSettings(own, {
      PIP_INDEX_URL: 'https://host/simple',
      PIP_FIND_LINKS: '/opt/wheels',
    });
    expect(merged.indexUrl).toBe('https://own/simple');
    expect(merged.findLinks).toEqual(['/opt/wheels', './wheels']);
    expect(merged.noIndex).toBe(false);
  });
});
