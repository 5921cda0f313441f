import { readFile, writeFile } from 'node:fs/promises';
import pixelmatch from 'pixelmatch';
import { PNG } from 'pngjs';

/**
 * The fraction of pixels that differ between two screenshots, and an image of where. Pages of different
 * sizes are compared where they overlap; every pixel of the larger canvas outside it counts as different.
 */
export async function screenshotDiff(
  baselineFile: string,
  candidateFile: string,
  diffFile: string,
): Promise<{ differentPixels: number; totalPixels: number; fraction: number }> {
  const [baseline, candidate] = await Promise.all([readPng(baselineFile), readPng(candidateFile)]);
  const width = Math.min(baseline.width, candidate.width);
  const height = Math.min(baseline.height, candidate.height);
  const diff = new PNG({ width, height });
  const inOverlap = pixelmatch(
    crop(baseline, width, height),
    crop(candidate, width, height),
    diff.data,
    width,
    height,
    {
      threshold: 0.1,
    },
  );
  await writeFile(diffFile, PNG.sync.write(diff));
  const totalPixels = Math.max(baseline.width, candidate.width) * Math.max(baseline.height, candidate.height);
  const differentPixels = inOverlap + totalPixels - width * height;
  return { differentPixels, totalPixels, fraction: totalPixels > 0 ? differentPixels / totalPixels : 0 };
}

async function readPng(file: string): Promise<PNG> {
  return PNG.sync.read(await readFile(file));
}

/** The top-left `width` × `height` pixels of the image. */
function crop(image: PNG, width: number, height: number): Uint8Array {
  if (image.width === width && image.height === height) return image.data;
  const canvas = new PNG({ width, height });
  PNG.bitblt(image, canvas, 0, 0, width, height, 0, 0);
  return canvas.data;
}
