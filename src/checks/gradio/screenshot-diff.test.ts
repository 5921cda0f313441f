import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { screenshotDiff } from './screenshot-diff.js';

async function solidPng(file: string, width: number, height: number, red: number): Promise<string> {
  const png = new PNG({ width, height });
  for (let i = 0; i < png.data.length; i += 4) png.data.set([red, 0, 0, 255], i);
  await writeFile(file, PNG.sync.write(png));
  return file;
}

describe('screenshotDiff', () => {
  it('finds no difference between identical images and writes the diff image', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'uh-diff-'));
    const a = await solidPng(path.join(dir, 'a.png'), 10, 10, 200);
    const result = await screenshotDiff(a, a, path.join(dir, 'diff.png'));
    expect(result).toEqual({ differentPixels: 0, totalPixels: 100, fraction: 0 });
    expect(PNG.sync.read(await readFile(path.join(dir, 'diff.png'))).width).toBe(10);
  });

  it('counts the rows only the taller page has as different', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'uh-diff-'));
    const a = await solidPng(path.join(dir, 'a.png'), 10, 10, 200);
    const b = await solidPng(path.join(dir, 'b.png'), 10, 20, 200);
    const result = await screenshotDiff(a, b, path.join(dir, 'diff.png'));
    expect(result).toEqual({ differentPixels: 100, totalPixels: 200, fraction: 0.5 });
  });
});
