/**
 * Bundles what the bench runs into plain JavaScript under .bench/build/: the CLI from the working
 * tree (what would ship if you committed now; the committed dist/ is left alone), and each
 * baseline script, so a baseline starts as fast as the CLI does and no TypeScript loader is timed.
 */
import { build } from 'esbuild';
import { join } from 'node:path';
import { buildOptions, cliEntries } from '../../scripts/build.mjs';

export async function buildCli(root: string, outdir: string): Promise<string> {
  await build({ ...buildOptions(outdir), absWorkingDir: root, entryPoints: cliEntries });
  return join(outdir, 'cli.js');
}

export async function buildScript(root: string, entry: string, outfile: string): Promise<string> {
  await build({
    absWorkingDir: root,
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
    legalComments: 'none',
    banner: { js: "import { createRequire as __benchCreateRequire } from 'node:module'; const require = __benchCreateRequire(import.meta.url);" },
  });
  return outfile;
}
