import { defineConfig, type Plugin } from 'vitest/config';
import { dirname, resolve } from 'node:path';

/** Templates (`.hbs`) and browser scripts (`.client.js`) import as text, as esbuild's `text` loader does in scripts/build.mjs. */
function textImports(): Plugin {
  return {
    name: 'sitrep-text-imports',
    enforce: 'pre',
    resolveId(source, importer) {
      if (importer && /\.(hbs|client\.js)$/.test(source) && source.startsWith('.')) return `${resolve(dirname(importer), source)}?raw`;
      return null;
    },
  };
}

// Two projects: `npm test` runs everything that needs no browser; `npm run test:browser` needs Debian's chromium.
export default defineConfig({
  test: {
    projects: [
      { plugins: [textImports()], test: { name: 'unit', globalSetup: ['test/support/global-setup.ts'], include: ['test/**/*.test.ts'], exclude: ['test/browser/**', 'node_modules/**'], testTimeout: 30_000, hookTimeout: 60_000 } },
      { plugins: [textImports()], test: { name: 'browser', globalSetup: ['test/support/global-setup.ts'], include: ['test/browser/**/*.test.ts'], testTimeout: 60_000, hookTimeout: 120_000, fileParallelism: false } },
    ],
  },
});
