/**
 * Builds the reports site into a folder: what `sitrep site`, `sitrep report` and the publish
 * Action share. The pages come from src/core/render/site; this file decides where the work runs.
 *
 * Incident pages are most of the work, and each needs only its own incident and the ownership, so
 * on a large repo the incident files are split into contiguous shards, one per thread (this one and
 * worker threads), each read and rendered where it was read. Meanwhile `git log` runs, and this
 * thread builds the index, dashboard, feed and lists from the lean index views the shards send.
 * All pages go into one staging folder that replaces the old site in one rename
 * (src/io/site-writer.ts). The split changes nothing in the output (test/render/site-shards.test.ts).
 */
import { availableParallelism } from 'node:os';
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { RepoModel } from '../core/model.js';
import type { IncidentCommit } from '../core/history/types.js';
import { loadRepo } from '../core/load.js';
import { buildIndex } from '../core/repo-index.js';
import { buildSite, selectSiteIncidents, type SiteHistory } from '../core/render/site/build.js';
import { FsSource } from '../io/fs-source.js';
import { PageWriter, SiteStaging, SiteWriteError, type SiteCopy } from '../io/site-writer.js';
import { loadTemplates } from '../io/template-overrides.js';
import { sourceOverlap } from '../io/output-path.js';
import { isGitRepo } from '../git/index.js';
import { readAllIncidentHistories, readStatusHistory } from '../git/incident-history.js';
import { readIncidentCommits } from '../git/incident-commits.js';
import { LocalShard, WorkerShard, workerScript, type ShardRunner } from './shard-runner.js';
import { ShardWork } from './shard.js';

export const HISTORY_MODES = ['light', 'full', 'none'] as const;
export type HistoryMode = (typeof HISTORY_MODES)[number];

/** Below this many incident files per thread, starting a worker costs more than it saves. */
const MIN_FILES_PER_THREAD = 1000;
const MAX_THREADS = 8;

export interface SiteFolderOptions {
  root: string;
  out: string;
  now: number;
  basePath?: string;
  history?: HistoryMode;
  /** Threads for the incident pages: 1 renders in this thread; default one per core for large repos. */
  jobs?: number;
  /** A repo already loaded (`sitrep report` validates first): built in this thread from it. */
  model?: RepoModel;
  onStep?(label: string): void;
  onCount?(label: string, done: number, total: number): void;
  warn?(message: string): void;
}

export interface SiteFolderResult {
  dir: string;
  files: number;
  bytes: number;
  basePath: string;
  /** Incident files left out because they fail validation (or repeat an id). */
  skipped: string[];
  incidents: number;
  /** A shallow clone: timelines may miss early commits. */
  partial: boolean;
  mermaid: boolean;
  /** Threads that rendered incident pages (1: this one). */
  threads: number;
}

/** The bundled mermaid, for the incident timelines; the site still works without it (tables only). */
export function mermaidAsset(): string | undefined {
  try {
    const path = createRequire(import.meta.url).resolve('mermaid/dist/mermaid.min.js');
    return existsSync(path) ? path : undefined;
  } catch {
    return undefined;
  }
}

/** How many threads render incident pages for this many files: this one, plus workers. */
export function defaultThreads(files: number, cores = availableParallelism()): number {
  return Math.max(1, Math.min(cores, MAX_THREADS, Math.floor(files / MIN_FILES_PER_THREAD)));
}

async function readHistory(root: string, mode: HistoryMode): Promise<SiteHistory | undefined> {
  if (mode === 'none' || !(await isGitRepo(root))) return undefined;
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

/** Contiguous slices of near-equal size, so the shards' files put back together stay in path order. */
export function slices<T>(xs: readonly T[], n: number): T[][] {
  return Array.from({ length: n }, (_, i) => xs.slice(Math.round((i * xs.length) / n), Math.round(((i + 1) * xs.length) / n)))
    .filter((slice) => slice.length > 0);
}

/**
 * Builds the site. Throws SiteWriteError when `out` may not be written (a source folder, or a
 * folder not written by sitrep), TemplateFolderError or TemplateError for bad template overrides.
 */
export async function buildSiteFolder(o: SiteFolderOptions): Promise<SiteFolderResult> {
  const root = resolve(o.root);
  const out = resolve(o.out);
  o.onStep?.('reading the repository');
  const base = o.model ?? (await loadRepo(new FsSource(root), { includeIncident: () => false })).model;
  const config = buildIndex({ ...base, incidents: [] }).config;
  const overlap = sourceOverlap(root, out, config?.templates);
  if (overlap) throw new SiteWriteError(overlap);
  const { templates, warnings } = await loadTemplates(root, config?.templates);
  warnings.forEach((w) => o.warn?.(w));
  const mermaid = mermaidAsset();
  const history = readHistory(root, o.history ?? 'light');
  history.catch(() => {}); // awaited below; a failure there is the error to report

  const staging = await SiteStaging.open(out);
  const init = { root, now: o.now, basePath: o.basePath, mermaid: !!mermaid };
  const script = workerScript();
  const threads = o.model || !script ? 1 : o.jobs ?? defaultThreads(base.incidentPaths.length);
  let shards: ShardRunner[] = [];
  try {
    // The first shard runs in this thread, the others in workers.
    shards = o.model
      ? [new LocalShard(Promise.resolve(ShardWork.fromModel(o.model, templates, init)))]
      : slices(base.incidentPaths, threads).map((paths, i) => i === 0
        ? new LocalShard(ShardWork.load({ ...init, paths }, templates))
        : new WorkerShard(script!, { ...init, paths }));
    const perShard = await Promise.all(shards.map((s) => s.loaded()));
    const { kept, skipped } = selectSiteIncidents(perShard.flatMap((l) => l.entries));
    const siteIncidentIds = kept.map((e) => e.id as string);
    const keptPaths = new Set(kept.map((e) => e.path));
    o.onStep?.('reading git history');
    const hist = await history;

    // Incident pages in the shards; the rest here, from the index views they sent.
    const progress = new Map<number, number>();
    let total = kept.length;
    const count = () => o.onCount?.('writing pages', [...progress.values()].reduce((a, b) => a + b, 0), total);
    const rendered = shards.map((s, i) => {
      const paths = perShard[i].entries.map((e) => e.path).filter((p) => keptPaths.has(p));
      const commits = paths.flatMap((p): [string, IncidentCommit[]][] => {
        const c = hist?.commitsOf(p);
        return c ? [[p, [...c]]] : [];
      });
      return s.render({ stagingDir: staging.dir, siteIncidentIds, paths, commits, partial: hist?.partial ?? false }, (files) => { progress.set(i, files); count(); });
    });
    rendered.forEach((p) => p.catch(() => {})); // awaited below, after this thread's own pages
    const idx = buildIndex({ ...base, incidents: perShard.flatMap((l) => l.views) });
    const plan = buildSite({ idx, now: o.now, basePath: o.basePath, templates, history: hist, mermaid: !!mermaid, incidentPages: false });
    total += plan.total;
    const writer = new PageWriter(staging.dir);
    for (const page of plan.pages) {
      writer.write(page);
      progress.set(-1, writer.files);
      count();
    }
    const written = await Promise.all(rendered);
    const copies: SiteCopy[] = mermaid ? [{ path: 'assets/mermaid.min.js', from: mermaid }] : [];
    const result = await staging.commit(copies, {
      files: written.reduce((a, w) => a + w.files, writer.files),
      bytes: written.reduce((a, w) => a + w.bytes, writer.bytes),
    });
    return {
      ...result, basePath: plan.basePath, skipped,
      incidents: base.incidentPaths.length, partial: hist?.partial ?? false, mermaid: !!mermaid, threads: Math.max(1, shards.length),
    };
  } catch (e) {
    await staging.abort();
    throw e;
  } finally {
    await Promise.all(shards.map((s) => s.close()));
  }
}
