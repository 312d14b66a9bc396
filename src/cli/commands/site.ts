import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import type { Command, CommandContext } from '../command.js';
import { instantOption, stringOption } from '../command.js';
import { RefusedError, UsageError } from '../errors.js';
import { Progress } from '../progress.js';
import { FsSource } from '../../io/fs-source.js';
import { SiteWriteError, writeSite, type SiteCopy } from '../../io/site-writer.js';
import { loadRepo } from '../../core/load.js';
import { buildIndex, type RepoIndex } from '../../core/repo-index.js';
import { buildSite, normaliseBasePath, type SiteHistory } from '../../core/render/site/build.js';
import type { IncidentCommit } from '../../core/history/types.js';
import { isGitRepo } from '../../git/index.js';
import { readAllIncidentHistories, readStatusHistory } from '../../git/incident-history.js';
import { readIncidentCommits } from '../../git/incident-commits.js';
import { loadTemplates, refuseSourcePath } from './render.js';

const USAGE = 'site [--out DIR] [--base-path /repo-name/] [--history light|full|none] [--now T] [--root DIR]';
const HISTORY_MODES = ['light', 'full', 'none'] as const;
type HistoryMode = (typeof HISTORY_MODES)[number];

/** The bundled mermaid, for the incident timelines; the site still works without it (tables only). */
export function mermaidAsset(): string | undefined {
  try {
    const path = createRequire(import.meta.url).resolve('mermaid/dist/mermaid.min.js');
    return existsSync(path) ? path : undefined;
  } catch {
    return undefined;
  }
}

async function readHistory(root: string, mode: HistoryMode, progress: Progress): Promise<SiteHistory | undefined> {
  if (mode === 'none' || !(await isGitRepo(root))) return undefined;
  progress.step('reading git history');
  if (mode === 'light') {
    const light = await readIncidentCommits(root);
    return { commitsOf: (p) => light.byPath.get(p), partial: light.partial };
  }
  const [all, status] = await Promise.all([readAllIncidentHistories(root), readStatusHistory(root)]);
  const byPath = new Map<string, IncidentCommit[]>(all.incidents.map((h) => [h.path, h.commits]));
  return {
    commitsOf: (p) => byPath.get(p),
    partial: all.partial,
    metrics: {
      available: true, partial: status.partial, commits: status.commitsRead,
      movedBack: new Set([...status.incidents.values()].filter((f) => f.movedBack.length > 0).map((f) => f.id)),
    },
  };
}

export interface SiteBuildOptions {
  out?: string;
  basePath?: string;
  now?: number;
  history?: HistoryMode;
  /** A repo already loaded (report validates first, then builds from the same model). */
  idx?: RepoIndex;
}

export interface SiteBuildResult { dir: string; files: number; bytes: number; basePath: string; skipped: string[] }

/** Builds the site into a folder (default `<root>/_site`): shared by `sitrep site` and `sitrep report`. */
export async function buildSiteInto(ctx: CommandContext, opts: SiteBuildOptions = {}): Promise<SiteBuildResult> {
  const progress = new Progress(ctx.io);
  const now = opts.now ?? Date.now();
  const out = opts.out ? resolve(ctx.io.cwd, opts.out) : resolve(ctx.root, '_site');
  let idx = opts.idx;
  if (!idx) {
    progress.step('reading the repository');
    const { model } = await loadRepo(new FsSource(ctx.root));
    idx = buildIndex(model);
  }
  refuseSourcePath(ctx, out, idx.config?.templates);
  const templates = await loadTemplates(ctx, idx.config?.templates);
  const history = await readHistory(ctx.root, opts.history ?? 'light', progress);
  const mermaid = mermaidAsset();
  const plan = buildSite({ idx, now, basePath: opts.basePath, templates, history, mermaid: !!mermaid });
  const copies: SiteCopy[] = mermaid ? [{ path: 'assets/mermaid.min.js', from: mermaid }] : [];
  try {
    const written = await writeSite(out, plan.pages, copies, (n) => progress.count('writing pages', n, plan.total));
    progress.done();
    if (!mermaid) ctx.io.stderr('sitrep: warning: the mermaid package is not installed, so incident timelines are shown as tables only\n');
    return { ...written, basePath: plan.basePath, skipped: plan.skipped };
  } catch (e) {
    progress.done();
    if (e instanceof SiteWriteError) throw new RefusedError(e.message);
    throw e;
  }
}

/** Where to find the site, in words. */
export function describeSite(ctx: CommandContext, r: SiteBuildResult): string {
  const shown = relative(ctx.io.cwd, r.dir) || '.';
  const mb = (r.bytes / 1e6).toFixed(1);
  return `site: ${r.files} files (${mb} MB) in ${shown.startsWith('..') ? r.dir : shown}/\n`
    + `  open ${r.dir}/index.html, or serve the folder under ${r.basePath} (GitHub Pages: upload it as the Pages artifact)\n`
    + (r.skipped.length ? `  ${r.skipped.length} incident file(s) failed validation and are not on the site: run sitrep validate\n` : '');
}

/** `sitrep site`: the static reports site for GitHub Pages. */
export const siteCommand: Command = {
  name: 'site',
  summary: 'Build the static reports site (index, incidents, domains, datasets, teams, runbooks, metrics, feed, JSON) for GitHub Pages.',
  usage: USAGE,
  options: {
    out: { type: 'string' },
    'base-path': { type: 'string' },
    history: { type: 'string' },
    now: { type: 'string' },
  },
  async run(ctx) {
    if (ctx.positionals.length) throw new UsageError(`site takes no arguments\nusage: sitrep ${USAGE}`);
    const history = stringOption(ctx, 'history') ?? 'light';
    if (!(HISTORY_MODES as readonly string[]).includes(history)) throw new UsageError(`--history must be one of ${HISTORY_MODES.join(', ')}, not "${history}"`);
    const basePath = stringOption(ctx, 'base-path');
    if (basePath !== undefined && normaliseBasePath(basePath) === '/' && basePath.replace(/\//g, '') !== '') {
      throw new UsageError(`--base-path must be a URL path like /repo-name/, not "${basePath}"`);
    }
    const result = await buildSiteInto(ctx, { out: stringOption(ctx, 'out'), basePath, now: instantOption(ctx, 'now'), history: history as HistoryMode });
    ctx.io.stdout(`sitrep ${describeSite(ctx, result)}`);
    return 0;
  },
};
