import { relative, resolve } from 'node:path';
import type { Command, CommandContext } from '../command.js';
import { instantOption, stringOption } from '../command.js';
import { UsageError } from '../errors.js';
import { Progress } from '../progress.js';
import type { RepoIndex } from '../../core/repo-index.js';
import { normaliseBasePath } from '../../core/render/site/build.js';
import { buildSiteFolder, HISTORY_MODES, type HistoryMode, type SiteFolderResult } from '../../site/build-site.js';
import { refusalOf } from './render.js';

const USAGE = 'site [--out DIR] [--base-path /repo-name/] [--history light|full|none] [--jobs N] [--now T] [--root DIR]';

export interface SiteBuildOptions {
  out?: string;
  basePath?: string;
  now?: number;
  history?: HistoryMode;
  jobs?: number;
  /** A repo already loaded (report validates first, then builds from the same model). */
  idx?: RepoIndex;
}

/** Builds the site into a folder (default `<root>/_site`): shared by `sitrep site` and `sitrep report`. */
export async function buildSiteInto(ctx: CommandContext, opts: SiteBuildOptions = {}): Promise<SiteFolderResult> {
  const progress = new Progress(ctx.io);
  try {
    const result = await buildSiteFolder({
      root: ctx.root,
      out: opts.out ? resolve(ctx.io.cwd, opts.out) : resolve(ctx.root, '_site'),
      now: opts.now ?? Date.now(),
      basePath: opts.basePath,
      history: opts.history,
      jobs: opts.jobs,
      model: opts.idx?.model,
      onStep: (label) => progress.step(label),
      onCount: (label, done, total) => progress.count(label, done, total),
      warn: (w) => ctx.io.stderr(`sitrep: warning: ${w}\n`),
    });
    progress.done();
    if (!result.mermaid) ctx.io.stderr('sitrep: warning: the mermaid package is not installed, so incident timelines are shown as tables only\n');
    return result;
  } catch (e) {
    progress.done();
    throw refusalOf(e);
  }
}

/** Where to find the site, in words. */
export function describeSite(ctx: CommandContext, r: SiteFolderResult): string {
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
    jobs: { type: 'string' },
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
    const jobsText = stringOption(ctx, 'jobs');
    const jobs = jobsText === undefined ? undefined : Number(jobsText);
    if (jobs !== undefined && !(Number.isInteger(jobs) && jobs >= 1 && jobs <= 64)) throw new UsageError(`--jobs must be a whole number from 1 to 64, not "${jobsText}"`);
    const result = await buildSiteInto(ctx, { out: stringOption(ctx, 'out'), basePath, now: instantOption(ctx, 'now'), history: history as HistoryMode, jobs });
    ctx.io.stdout(`sitrep ${describeSite(ctx, result)}`);
    return 0;
  },
};
