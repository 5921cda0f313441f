import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tinyWheel, writeTinyIndex } from '../../../test/support/tiny-index.js';
import { serveLocalIndexes } from './local-index-server.js';

let root: string;
let indexUrl: string;
beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'local-index-'));
  indexUrl = await writeTinyIndex(path.join(root, 'index'), ['1.0']);
  await writeFile(path.join(root, 'secret.txt'), 'outside the served folder\n');
});
afterAll(() => rm(root, { recursive: true, force: true }));

/** The status of a GET of `rawPath`, sent without the URL normalisation fetch applies. */
function statusOf(port: string, rawPath: string): Promise<number | undefined> {
  return new Promise((resolve, reject) => {
    const request = http.get({ host: '127.0.0.1', port, path: rawPath }, (response) => {
      response.resume();
      resolve(response.statusCode);
    });
    request.on('error', reject);
  });
}

describe('serveLocalIndexes', () => {
  it('serves nothing, and keeps the host network off, when no index is a folder', async () => {
    const indexes = await serveLocalIndexes(['https://pypi.org/simple']);
    expect(indexes.networkMode).toBeUndefined();
    expect(indexes.map('https://pypi.org/simple')).toBe('https://pypi.org/simple');
    await indexes.close();
  });

  it('maps a file:// index to loopback HTTP, trailing slash or not, and leaves other locations alone', async () => {
    const indexes = await serveLocalIndexes([indexUrl, `${indexUrl}/`, 'https://pypi.org/simple']);
    try {
      expect(indexes.networkMode).toBe('host');
      expect(indexes.map(indexUrl)).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/0\/simple$/);
      expect(indexes.map(`${indexUrl}/`)).toBe(indexes.map(indexUrl));
      expect(indexes.map('https://pypi.org/simple')).toBe('https://pypi.org/simple');
      expect(indexes.map('/opt/wheels')).toBe('/opt/wheels');
    } finally {
      await indexes.close();
    }
  });

  it('lets pip download from the served index, hash checked, and refuses paths outside it', async () => {
    const indexes = await serveLocalIndexes([indexUrl]);
    const served = indexes.map(indexUrl);
    const downloads = path.join(root, 'downloads');
    try {
      // PIP_CONFIG_FILE=os.devNull: pip reads no configuration file, so only the served index is asked.
      await execa(
        'python3',
        [
          '-m',
          'pip',
          'download',
          '--no-deps',
          '--no-cache-dir',
          '--index-url',
          served,
          '-d',
          downloads,
          'tiny-pkg',
        ],
        { env: { PIP_CONFIG_FILE: os.devNull, PIP_FIND_LINKS: '', PIP_DISABLE_PIP_VERSION_CHECK: '1' } },
      );
      expect(await readdir(downloads)).toEqual([tinyWheel('1.0')]);

      const { port } = new URL(served);
      expect(await statusOf(port, '/0/secret.txt')).toBe(404);
      // Sent as is (fetch would normalise the dots away): the static server refuses to climb out.
      expect(await statusOf(port, '/0/%2e%2e/secret.txt')).toBe(403);
      expect(await statusOf(port, '/0/../secret.txt')).toBe(403);
      expect(await statusOf(port, '/1/simple/')).toBe(404);
    } finally {
      await indexes.close();
    }
  });
});
