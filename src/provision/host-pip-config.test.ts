import { mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readHostPipConfig } from './host-pip-config.js';

let dir: string;
beforeAll(async () => {
  dir = path.join(os.tmpdir(), `host-pip-config-${process.pid}`);
  await mkdir(path.join(dir, 'xdg', 'pip'), { recursive: true });
  // Read first: its [install] value must still beat the later file's [global] one, as in pip.
  await writeFile(
    path.join(dir, 'xdg', 'pip', 'pip.conf'),
    '[global]\nindex_url = https://early/simple\n[install]\ntrusted-host = install.example\n',
  );
  await writeFile(
    path.join(dir, 'own.conf'),
    [
      '# a comment',
      '[global]',
      'index-url = https://late/simple',
      'trusted-host = global.example',
      'extra-index-url =',
      '    https://a.example/simple',
      '    https://b.example/simple',
      '',
    ].join('\n'),
  );
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('readHostPipConfig', () => {
  it("merges pip's files as pip does: later files win, [install] beats [global], values may continue", async () => {
    const config = await readHostPipConfig({
      HOME: dir,
      PATH: process.env.PATH,
      XDG_CONFIG_DIRS: path.join(dir, 'xdg'),
      PIP_CONFIG_FILE: path.join(dir, 'own.conf'),
    });
    expect(config['index-url']).toBe('https://late/simple');
    expect(config['trusted-host']).toBe('install.example');
    expect(config['extra-index-url']?.split(/\s+/).filter(Boolean)).toEqual([
      'https://a.example/simple',
      'https://b.example/simple',
    ]);
  });

  it('names the file pip would refuse', async () => {
    const broken = path.join(dir, 'broken.conf');
    await writeFile(broken, 'index-url = https://no-section/simple\n');
    await expect(
      readHostPipConfig({ HOME: dir, PATH: process.env.PATH, XDG_CONFIG_DIRS: dir, PIP_CONFIG_FILE: broken }),
    ).rejects.toThrow(/broken\.conf/);
  });
});
