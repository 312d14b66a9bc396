/**
 * The site built in shards (src/site): incident pages rendered where their files were read, the
 * shared pages from the index views the shards send. Whatever the split, the site is the same.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse, stringify } from 'yaml';
import { FsSource } from '../../src/io/fs-source.js';
import { loadRepo } from '../../src/core/load.js';
import { buildIndex, type RepoIndex } from '../../src/core/repo-index.js';
import { buildSite, incidentPages, selectSiteIncidents, siteEntry } from '../../src/core/render/site/build.js';
import { siteIndexView } from '../../src/core/render/site/index-view.js';
import { defaultThreads, slices } from '../../src/site/build-site.js';
import { WorkerShard } from '../../src/site/shard-runner.js';
import type { Located } from '../../src/core/model.js';
import type { Incident } from '../../src/core/schema/incident.js';
import { runCli } from '../support/run-cli.js';
import { createSiteFixture, PLANTED_PATH, type SiteFixture } from './site-fixture.js';

const NOW = Date.parse('2026-11-25T12:00:00Z');
/** Sorts before the planted incident and carries its id: the later file is left out as a repeat. */
const REPEAT_PATH = 'incidents/2026/INC-2026-0998.yaml';
const BROKEN_PATH = 'incidents/2026/INC-2026-0997.yaml';

let fixture: SiteFixture;
let idx: RepoIndex;

function pagesOf(plan: Iterable<{ path: string; content: string }>): Map<string, string> {
  return new Map([...plan].map((p) => [p.path, p.content]));
}

function tree(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const abs = join(d, name);
      if (statSync(abs).isDirectory()) walk(abs);
      else out.set(relative(dir, abs), readFileSync(abs, 'utf8'));
    }
  };
  walk(dir);
  return out;
}

beforeAll(async () => {
  fixture = createSiteFixture();
  const planted = parse(readFileSync(join(fixture.dir, PLANTED_PATH), 'utf8')) as Record<string, unknown>;
  writeFileSync(join(fixture.dir, REPEAT_PATH), stringify({ ...planted, title: 'The same id again, in another file' }));
  writeFileSync(join(fixture.dir, BROKEN_PATH), stringify({ ...planted, id: 'INC-2026-0997', severity: 42, status: 'finished' }));
  idx = buildIndex((await loadRepo(new FsSource(fixture.dir))).model);
});
afterAll(() => fixture?.cleanup());

describe('the site in shards', () => {
  it('leaves out broken files and repeated ids the same way, whichever shard read them', () => {
    const { kept, skipped } = selectSiteIncidents(idx.model.incidents.map(siteEntry));
    expect(skipped.sort()).toEqual([BROKEN_PATH, PLANTED_PATH].sort());
    expect(kept.map((e) => e.path)).toContain(REPEAT_PATH);
  });

  it('builds the same shared pages from the index views as from whole incidents', () => {
    const whole = pagesOf(buildSite({ idx, now: NOW, mermaid: true, incidentPages: false }).pages);
    const views = idx.model.incidents.map((f): Located<Incident> => ({ ...f, data: siteIndexView(f.data) }));
    const fromViews = pagesOf(buildSite({ idx: buildIndex({ ...idx.model, incidents: views }), now: NOW, mermaid: true, incidentPages: false }).pages);
    expect([...fromViews.keys()]).toEqual([...whole.keys()]);
    expect(whole.get('index.html')).toContain('INC-');
    for (const [path, content] of whole) expect(fromViews.get(path), path).toBe(content);
  });

  it('renders an incident page from its own file and the ownership alone, as the whole build does', () => {
    const whole = pagesOf(buildSite({ idx, now: NOW, mermaid: true }).pages);
    const { kept } = selectSiteIncidents(idx.model.incidents.map((f) => ({ ...siteEntry(f), file: f })));
    const ids = kept.map((k) => k.id as string);
    const alone = buildIndex({ ...idx.model, incidents: [] });
    const pages = pagesOf(incidentPages({ idx: alone, now: NOW, mermaid: true }, ids, kept.map((k) => k.file)));
    expect(pages.size).toBe(ids.length);
    for (const [path, content] of pages) expect(content, path).toBe(whole.get(path));
  });

  it('writes the same site from worker threads as from one thread', () => {
    const out = mkdtempSync(join(tmpdir(), 'sitrep-shards-'));
    try {
      // 11 threads: about two files each, so the repeated id and its first file are read by different shards.
      const runs = ['1', '11'].map((jobs) => {
        const r = runCli(['site', '--root', fixture.dir, '--out', join(out, jobs), '--jobs', jobs, '--now', '2026-11-25T12:00:00Z'], { cwd: fixture.dir });
        expect(r.code, r.stderr).toBe(0);
        expect(r.stdout).toContain('2 incident file(s) failed validation');
        return tree(join(out, jobs));
      });
      expect([...runs[1].keys()].sort()).toEqual([...runs[0].keys()].sort());
      for (const [path, content] of runs[0]) if (path !== '.sitrep-site') expect(runs[1].get(path), path).toBe(content);
      expect(runs[0].get(`incidents/INC-2026-0999.html`)).toContain('The same id again, in another file');
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it('refuses a --jobs that is not a whole number from 1', () => {
    const r = runCli(['site', '--root', fixture.dir, '--jobs', '0'], { cwd: fixture.dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--jobs must be a whole number');
  });

  it('splits the files into contiguous slices of near-equal size, losing none and keeping their order', () => {
    const xs = Array.from({ length: 1000 }, (_, i) => i);
    const parts = slices(xs, 3);
    expect(parts.flat()).toEqual(xs);
    expect(parts.map((p) => p.length)).toEqual([333, 334, 333]);
    expect(slices([1, 2, 3], 5)).toEqual([[1], [2], [3]]);
    expect(slices([], 2)).toEqual([]);
  });

  it('starts workers only where they pay: enough files per thread, one per core, at most 8', () => {
    expect(defaultThreads(18, 2)).toBe(1);
    expect(defaultThreads(1999, 4)).toBe(1);
    expect(defaultThreads(2000, 4)).toBe(2);
    expect(defaultThreads(10_000, 2)).toBe(2);
    expect(defaultThreads(10_000, 32)).toBe(8);
    expect(defaultThreads(10_000, 1)).toBe(1);
  });
});

describe('a worker shard that fails', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sitrep-worker-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const init = { root: dir, paths: [], now: NOW, mermaid: false };

  it('rejects what is awaited of it with the worker error', async () => {
    const script = join(dir, 'throws.mjs');
    writeFileSync(script, "throw new Error('the disk is full');\n");
    const shard = new WorkerShard(pathToFileURL(script), init);
    await expect(shard.loaded()).rejects.toThrow('the disk is full');
    await shard.close();
  });

  it('rejects when the worker stops before its pages are written', async () => {
    const script = join(dir, 'exits.mjs');
    writeFileSync(script, [
      "import { parentPort } from 'node:worker_threads';",
      "parentPort.postMessage({ type: 'loaded', loaded: { entries: [], views: [] } });",
      'parentPort.once(\'message\', () => process.exit(3));',
    ].join('\n'));
    const shard = new WorkerShard(pathToFileURL(script), init);
    await expect(shard.loaded()).resolves.toEqual({ entries: [], views: [] });
    await expect(shard.render({ stagingDir: dir, siteIncidentIds: [], paths: [], commits: [], partial: false }, () => {})).rejects.toThrow(/stopped \(exit code 3\)/);
    await shard.close();
  });
});
