import { defineConfig } from 'vitest/config';

// Two projects: `npm test` runs everything that needs no browser; `npm run test:browser` needs Debian's chromium.
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', globalSetup: ['test/support/global-setup.ts'], include: ['test/**/*.test.ts'], exclude: ['test/browser/**', 'node_modules/**'], testTimeout: 30_000, hookTimeout: 60_000 } },
      { test: { name: 'browser', globalSetup: ['test/support/global-setup.ts'], include: ['test/browser/**/*.test.ts'], testTimeout: 60_000, hookTimeout: 120_000, fileParallelism: false } },
    ],
  },
});
