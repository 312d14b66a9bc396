// Bundles the CLI and every Action with esbuild into dist/. Deterministic, so a
// fresh build can be compared byte for byte with the committed dist/ (test/dist.test.ts).
import { build } from 'esbuild';
import { readdirSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const actionsDir = 'src/actions';
const actionEntries = existsSync(actionsDir)
  ? readdirSync(actionsDir, { withFileTypes: true })
      .filter((d) => d.isDirectory() && existsSync(join(actionsDir, d.name, 'main.ts')))
      .map((d) => ({ in: join(actionsDir, d.name, 'main.ts'), out: d.name }))
  : [];

/** The CLI and what it starts: the site's worker thread sits next to every bundle that builds the site (src/site/shard-runner.ts). */
export const cliEntries = [{ in: 'src/cli/entry.ts', out: 'cli' }, { in: 'src/site/worker.ts', out: 'site-worker' }];

export const buildOptions = (outdir = 'dist') => ({
  entryPoints: [...cliEntries, ...actionEntries],
  outdir,
  absWorkingDir: process.cwd(),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  loader: { '.hbs': 'text', '.css': 'text', '.client.js': 'text' },
  legalComments: 'none',
  define: { SITREP_VERSION: JSON.stringify(JSON.parse(readFileSync('package.json', 'utf8')).version) },
  logLevel: 'warning',
  // Some dependencies are CommonJS and call require() for Node built-ins.
  banner: { js: "import { createRequire as __sitrepCreateRequire } from 'node:module'; const require = __sitrepCreateRequire(import.meta.url);" },
});

if (import.meta.url === `file://${process.argv[1]}`) {
  await build(buildOptions(process.argv[2] ?? 'dist'));
}
