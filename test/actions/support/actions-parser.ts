/**
 * GitHub's workflow and action.yml parser (@actions/workflow-parser and its `actions` entry),
 * bundled once by esbuild into a cache file: the package imports its JSON schemas without an
 * import attribute, which Node's ESM loader refuses (as test/support/workflow-parser.ts explains).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { REPO_ROOT } from '../../support/paths.js';

type Parser = typeof import('@actions/workflow-parser') & Pick<typeof import('@actions/workflow-parser/actions/index'), 'parseAction'>;

let loaded: Promise<Parser> | undefined;

export function loadActionsParser(): Promise<Parser> {
  loaded ??= (async () => {
    const dir = join(REPO_ROOT, 'node_modules', '.cache', 'sitrep-actions-parser');
    mkdirSync(dir, { recursive: true });
    const out = join(dir, `actions-parser-${process.pid}.mjs`);
    await build({
      stdin: {
        contents: "export * from '@actions/workflow-parser'; export { parseAction } from '@actions/workflow-parser/actions/index';",
        resolveDir: REPO_ROOT,
        loader: 'js',
      },
      bundle: true, format: 'esm', platform: 'node', target: 'node20', outfile: out, logLevel: 'silent',
      banner: { js: "import { createRequire as __apCreateRequire } from 'node:module'; const require = __apCreateRequire(import.meta.url);" },
    });
    return (await import(pathToFileURL(out).href)) as Parser;
  })();
  return loaded;
}
