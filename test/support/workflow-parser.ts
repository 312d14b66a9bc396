/**
 * @actions/workflow-parser imports its JSON schemas without an import attribute, which Node's ESM
 * loader (and so vitest's) refuses. esbuild bundles it once into a cache file that loads anywhere.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { REPO_ROOT } from './paths.js';

type WorkflowParser = typeof import('@actions/workflow-parser');

let loaded: Promise<WorkflowParser> | undefined;

export function loadWorkflowParser(): Promise<WorkflowParser> {
  loaded ??= (async () => {
    const dir = join(REPO_ROOT, 'node_modules', '.cache', 'sitrep-workflow-parser');
    mkdirSync(dir, { recursive: true });
    const out = join(dir, `workflow-parser-${process.pid}.mjs`);
    await build({
      stdin: { contents: "export * from '@actions/workflow-parser';", resolveDir: REPO_ROOT, loader: 'js' },
      bundle: true, format: 'esm', platform: 'node', target: 'node20', outfile: out, logLevel: 'silent',
      // Some dependencies are CommonJS and require() Node built-ins.
      banner: { js: "import { createRequire as __wpCreateRequire } from 'node:module'; const require = __wpCreateRequire(import.meta.url);" },
    });
    try {
      return (await import(pathToFileURL(out).href)) as WorkflowParser;
    } finally {
      rmSync(out, { force: true });
    }
  })();
  return loaded;
}
