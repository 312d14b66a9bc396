/**
 * One shard of a site build: some of the repo's incident files, read and parsed, then their
 * incident pages rendered into the staging folder. The first shard runs in the main thread, the
 * others in worker threads (./worker.ts); both run this code.
 */
import type { Located, RepoModel } from '../core/model.js';
import type { Incident } from '../core/schema/incident.js';
import type { IncidentCommit } from '../core/history/types.js';
import type { Templates } from '../core/render/templates.js';
import { loadRepo } from '../core/load.js';
import { buildIndex } from '../core/repo-index.js';
import { incidentPages, siteEntry, type SiteEntry } from '../core/render/site/build.js';
import { siteIndexView } from '../core/render/site/index-view.js';
import { FsSource } from '../io/fs-source.js';
import { PageWriter } from '../io/site-writer.js';
import { loadTemplates } from '../io/template-overrides.js';

/** What a shard is given when it starts. */
export interface ShardInit {
  root: string;
  /** The incident files this shard reads (repo-relative). */
  paths: string[];
  now: number;
  basePath?: string;
  mermaid: boolean;
}

/** What a shard renders, once every shard has said which files it read. */
export interface ShardRender {
  stagingDir: string;
  /** Every incident on the site: the incident pages links may point at. */
  siteIncidentIds: string[];
  /** This shard's files that are on the site. */
  paths: string[];
  /** The commits of those files, for commit links on the timelines. */
  commits: [string, IncidentCommit[]][];
  partial: boolean;
}

export interface ShardLoaded {
  /** Every incident file read, in path order. */
  entries: SiteEntry[];
  /** The same files as their index views (src/core/render/site/index-view.ts). */
  views: Located<Incident>[];
}

export interface ShardWritten {
  files: number;
  bytes: number;
}

/** Yields the items of a list and drops each from it, so what was rendered can be collected. */
function* drain<T>(list: (T | undefined)[]): Generator<T> {
  for (let i = 0; i < list.length; i++) {
    const item = list[i] as T;
    list[i] = undefined;
    yield item;
  }
}

/** How often a shard reports pages written, for the progress line. */
export const PROGRESS_EVERY = 50;

export class ShardWork {
  private constructor(private readonly model: RepoModel, private readonly templates: Templates, private readonly init: Omit<ShardInit, 'paths'>) {}

  /** Reads the config, ownership, runbooks and the shard's incident files. */
  static async load(init: ShardInit, templates?: Templates): Promise<ShardWork> {
    const wanted = new Set(init.paths);
    const { model } = await loadRepo(new FsSource(init.root), { includeIncident: (p) => wanted.has(p) });
    // A worker loads them again: the main thread loaded them first and refused the build if they were bad.
    templates ??= (await loadTemplates(init.root, buildIndex(model).config?.templates)).templates;
    return new ShardWork(model, templates, init);
  }

  /** A shard over a model already in memory (`sitrep report` validated it first). */
  static fromModel(model: RepoModel, templates: Templates, init: Omit<ShardInit, 'paths'>): ShardWork {
    return new ShardWork({ ...model }, templates, init);
  }

  /** What the main thread needs of the files read: which make the site, and their index views. */
  loaded(): ShardLoaded {
    return {
      entries: this.model.incidents.map(siteEntry),
      views: this.model.incidents.map((f) => ({ path: f.path, valid: f.valid, data: siteIndexView(f.data) })),
    };
  }

  /** Renders and writes this shard's incident pages, letting each file go once its page is written. */
  render(r: ShardRender, onProgress?: (files: number) => void): ShardWritten {
    const wanted = new Set(r.paths);
    const files = this.model.incidents.filter((f) => wanted.has(f.path));
    this.model.incidents = [];
    const commits = new Map(r.commits);
    const idx = buildIndex({ ...this.model, incidents: [] });
    const pages = incidentPages({
      idx, now: this.init.now, basePath: this.init.basePath, templates: this.templates, mermaid: this.init.mermaid,
      history: { commitsOf: (p) => commits.get(p), partial: r.partial },
    }, r.siteIncidentIds, drain(files));
    const writer = new PageWriter(r.stagingDir);
    for (const page of pages) {
      writer.write(page);
      if (writer.files % PROGRESS_EVERY === 0) onProgress?.(writer.files);
    }
    onProgress?.(writer.files);
    return { files: writer.files, bytes: writer.bytes };
  }
}
