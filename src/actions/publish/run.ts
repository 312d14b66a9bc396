/**
 * publish: builds the reports site (src/core/render/site) from the checkout of the default
 * branch, with commit and PR links from one `git log`, into a folder the workflow hands to
 * `actions/upload-pages-artifact` and `actions/deploy-pages`. Deploying stays in the workflow:
 * that step needs `pages: write` and `id-token: write`, this one only reads.
 */
import { relative, resolve, sep } from 'node:path';
import * as core from '@actions/core';
import { TemplateError } from '../../core/render/templates.js';
import { SiteWriteError } from '../../io/site-writer.js';
import { TemplateFolderError } from '../../io/template-overrides.js';
import { buildSiteFolder } from '../../site/build-site.js';
import { readEnv, incidentRoot, ActionInputError } from '../shared/env.js';
import { stringInput, timeInput } from '../shared/inputs.js';
import { Summary } from '../shared/summary.js';
import { log } from '../shared/log.js';
import { runAction } from '../shared/run.js';

export async function run(): Promise<void> {
  await runAction('publish', async () => {
    const env = readEnv();
    const { dir } = incidentRoot(env, stringInput('root', '.'));
    const now = timeInput('now') ?? Date.now();
    const out = resolve(env.workspace, stringInput('output', '_site'));
    const rel = relative(env.workspace, out);
    if (!rel || rel.startsWith('..') || resolve(rel) === rel) throw new ActionInputError(`output must be a folder inside the workspace, not ${JSON.stringify(stringInput('output', '_site'))}`);

    let site;
    try {
      site = await buildSiteFolder({ root: dir, out, now, basePath: stringInput('base-path') || undefined, warn: (w) => core.warning(w) });
    } catch (error) {
      if (error instanceof SiteWriteError || error instanceof TemplateFolderError) throw new ActionInputError(error.message);
      if (error instanceof TemplateError) throw new ActionInputError(`template overrides: ${error.message}: ${error.problems.join('; ')}`);
      throw error;
    }

    const summary = new Summary().heading('sitrep publish');
    summary.paragraph(`${site.files} files (${(site.bytes / 1e6).toFixed(1)} MB) in ${rel}/, served under ${site.basePath}; ${site.incidents} incident(s)${site.partial ? ', from a shallow clone: timelines may miss early commits' : ''}.`);
    if (site.skipped.length) summary.paragraph(`Left out, because they fail validation: ${site.skipped.join(', ')}.`);
    if (!site.mermaid) summary.paragraph('Timelines are tables: the mermaid package is not installed in this checkout.');
    await summary.write();
    log(`publish: ${site.files} files in ${rel}/ under ${site.basePath}`);
    core.setOutput('path', rel.split(sep).join('/'));
    core.setOutput('files', String(site.files));
    core.setOutput('base-path', site.basePath);
  });
}
