import { describe, expect, it } from 'vitest';
import { withHostPipSettings } from './host-pip-settings.js';

const none = {
  extraIndexUrls: [],
  findLinks: [],
  trustedHosts: [],
  noIndex: false,
  constraintFiles: [],
  extraArgs: [],
};

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
      constraintFiles: [],
      extraArgs: [],
    });
  });

  it("takes pip's configuration files where no variable overrides them", () => {
    const config = {
      'extra-index-url': 'file:///opt/pypi/simple\nfile:///opt/pypi-more/simple',
      'find-links': '/opt/wheels',
      cert: '/etc/ssl/certs/ca-certificates.crt',
      constraint: '/etc/xdg/pip/constraints.txt',
      'no-index': 'false',
    };
    const merged = withHostPipSettings(none, { PIP_FIND_LINKS: '/srv/wheels' }, config);
    expect(merged.extraIndexUrls).toEqual(['file:///opt/pypi/simple', 'file:///opt/pypi-more/simple']);
    expect(merged.findLinks).toEqual(['/srv/wheels']);
    expect(merged.caBundle).toBe('/etc/ssl/certs/ca-certificates.crt');
    expect(merged.constraintFiles).toEqual(['/etc/xdg/pip/constraints.txt']);
    expect(merged.noIndex).toBe(false);
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
