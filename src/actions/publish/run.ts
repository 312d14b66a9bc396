/**
 * publish: builds the reports site (src/core/render/site) from the checkout of the default
 * branch, with commit and PR links from one `git log`, into a folder the workflow hands to
 * `actions/upload-pages-artifact` and `actions/deploy-pages`. Deploying stays in the workflow:
 * that step needs `pages: write` and `id-token: write`, this one only reads.
 */
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { relative, resolve, sep } from 'node:path';
import * as core from '@actions/core';
import { FsSource } from '../../io/fs-source.js';
import { writeSite, SiteWriteError, type SiteCopy } from '../../io/site-writer.js';
import { readTemplateOverrides } from '../../io/template-overrides.js';
import { loadRepo } from '../../core/load.js';
import { buildIndex } from '../../core/repo-index.js';
import { buildSite, normaliseBasePath } from '../../core/render/site/build.js';
import { createTemplates, TemplateError } from '../../core/render/templates.js';
import { MANAGED_ROOTS } from '../../core/schema/file-kinds.js';
import { isGitRepo } from '../../git/index.js';
import { readIncidentCommits } from '../../git/incident-commits.js';
import { readEnv, incidentRoot, ActionInputError } from '../shared/env.js';
import { stringInput, timeInput } from '../shared/inputs.js';
import { Summary } from '../shared/summary.js';
import { log } from '../shared/log.js';
import { runAction } from '../shared/run.js';

/** Mermaid for the timelines, when the checkout has it installed; without it timelines are tables. */
function mermaidAsset(): string | undefined {
  try {
    const path = createRequire(import.meta.url).resolve('mermaid/dist/mermaid.min.js');
    return existsSync(path) ? path : undefined;
  } catch {
    return undefined;
  }
}

export async function run(): Promise<void> {
  await runAction('publish', async () => {
    const env = readEnv();
    const { dir } = incidentRoot(env, stringInput('root', '.'));
    const now = timeInput('now') ?? Date.now();
    const out = resolve(env.workspace, stringInput('output', '_site'));
    const rel = relative(env.workspace, out);
    if (!rel || rel.startsWith('..') || resolve(rel) === rel) throw new ActionInputError(`output must be a folder inside the workspace, not ${JSON.stringify(stringInput('output', '_site'))}`);

    const { model } = await loadRepo(new FsSource(dir));
    const idx = buildIndex(model);
    // Never into the incident repo's own files.
    const sources = [...MANAGED_ROOTS, ...(idx.config?.templates ? [idx.config.templates] : [])].map((p) => resolve(dir, p));
    if (out === dir || sources.some((s) => out === s || out.startsWith(`${s}${sep}`) || s.startsWith(`${out}${sep}`))) {
      throw new ActionInputError(`output ${rel} overlaps the incident repo's files; choose another folder`);
    }
    let templates;
    try {
      templates = createTemplates((await readTemplateOverrides(dir, idx.config?.templates)).templates).templates;
    } catch (error) {
      if (error instanceof TemplateError || (error instanceof Error && /outside the repository/.test(error.message))) throw new ActionInputError(`template overrides: ${error.message}`);
      throw error;
    }
    const light = (await isGitRepo(dir)) ? await readIncidentCommits(dir) : undefined;
    const mermaid = mermaidAsset();
    const basePath = normaliseBasePath(stringInput('base-path') || idx.config?.site?.base_path);
    const plan = buildSite({
      idx, now, basePath, templates, mermaid: !!mermaid,
      ...(light ? { history: { commitsOf: (p: string) => light.byPath.get(p), partial: light.partial } } : {}),
    });
    const copies: SiteCopy[] = mermaid ? [{ path: 'assets/mermaid.min.js', from: mermaid }] : [];
    let written;
    try {
      written = await writeSite(out, plan.pages, copies);
    } catch (error) {
      if (error instanceof SiteWriteError) throw new ActionInputError(error.message);
      throw error;
    }

    const summary = new Summary().heading('sitrep publish');
    summary.paragraph(`${written.files} files (${(written.bytes / 1e6).toFixed(1)} MB) in ${rel}/, served under ${plan.basePath}; ${model.incidents.length} incident(s)${light?.partial ? ', from a shallow clone: timelines may miss early commits' : ''}.`);
    if (plan.skipped.length) summary.paragraph(`Left out, because they fail validation: ${plan.skipped.join(', ')}.`);
    if (!mermaid) summary.paragraph('Timelines are tables: the mermaid package is not installed in this checkout.');
    await summary.write();
    log(`publish: ${written.files} files in ${rel}/ under ${plan.basePath}`);
    core.setOutput('path', rel.split(sep).join('/'));
    core.setOutput('files', String(written.files));
    core.setOutput('base-path', plan.basePath);
  });
}
