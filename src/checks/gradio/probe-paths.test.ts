import { describe, expect, it } from 'vitest';
import { probeVariants } from './probe-paths.js';

describe('probeVariants', () => {
  const variants = probeVariants({
    fileRoutes: ['/file', '/gradio_api/file'],
    canaryPath: '/tmp/uh-x/canary.txt',
    uploadDir: '/tmp/gradio/abc/',
    appCwd: '/work/app',
  });

  it('climbs out of the upload dir to the root, then down to the canary', () => {
    expect(variants.find((v) => v.name === '/file=: traversal from an upload dir')?.requestPath).toBe(
      '/file=/tmp/gradio/abc/../../../tmp/uh-x/canary.txt',
    );
    expect(variants.find((v) => v.name === '/file=: traversal from an upload dir, ..%2F')?.requestPath).toBe(
      '/file=/tmp/gradio/abc/..%2F..%2F..%2Ftmp%2Fuh-x%2Fcanary.txt',
    );
  });

  it('asks every file route, with absolute, encoded and working-dir forms', () => {
    expect(variants).toHaveLength(10);
    expect(variants.map((v) => v.requestPath)).toContain('/gradio_api/file=%2Ftmp%2Fuh-x%2Fcanary.txt');
    expect(variants.map((v) => v.requestPath)).toContain('/gradio_api/file=../../tmp/uh-x/canary.txt');
    expect(variants.map((v) => v.requestPath)).toContain('/file=/tmp/uh-x/canary.txt');
  });
});
