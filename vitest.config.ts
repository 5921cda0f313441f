import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['src/**/*.test.ts'] } },
      {
        test: {
          name: 'e2e',
          include: ['test/**/*.test.ts'],
          testTimeout: 30 * 60_000,
          hookTimeout: 30 * 60_000,
          // The end-to-end tests share two cores and pip's cache; one file at a time keeps them honest.
          fileParallelism: false,
        },
      },
    ],
  },
});
