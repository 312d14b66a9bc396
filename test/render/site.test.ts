import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { FsSource } from '../../src/io/fs-source.js';
import { loadRepo } from '../../src/core/load.js';
import { buildIndex, type RepoIndex } from '../../src/core/repo-index.js';
import { buildSite, normaliseBasePath, type SitePage } from '../../src/core/render/site/build.js';
import { barChart, lineChart } from '../../src/core/render/site/charts.js';
import { SiteIncidentsSchema } from '../../src/core/schema/site.js';
import { MetricsResultSchema } from '../../src/core/schema/metrics.js';
import { MARKER, writeSite } from '../../src/io/site-writer.js';
import { Progress } from '../../src/cli/progress.js';
import type { CliIO } from '../../src/cli/io.js';
import { runCli } from '../support/run-cli.js';
import { createSiteFixture, PLANTED_ID, type SiteFixture } from './site-fixture.js';

const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule) as unknown as (a: Ajv) => void;
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);

const NOW = Date.parse('2026-11-25T12:00:00Z');
let fixture: SiteFixture;
let idx: RepoIndex;
let pages: Map<string, string>;

beforeAll(async () => {
  fixture = createSiteFixture();
  const { model } = await loadRepo(new FsSource(fixture.dir));
  idx = buildIndex(model);
  const plan = buildSite({ idx, now: NOW, basePath: '/incidents/', mermaid: true });
  pages = new Map([...plan.pages].map((p: SitePage) => [p.path, p.content]));
  expect(pages.size).toBe(plan.total);
});
afterAll(() => fixture?.cleanup());

describe('buildSite', () => {
  it('has a page for every incident, domain, dataset, team and runbook, and the index, dashboard, feed and exports', () => {
    for (const id of idx.incidents.keys()) expect(pages.has(`incidents/${id}.html`), id).toBe(true);
    for (const id of idx.domains.keys()) expect(pages.has(`domains/${id}.html`), id).toBe(true);
    for (const id of idx.datasets.keys()) expect(pages.has(`datasets/${id}.html`), id).toBe(true);
    for (const id of idx.teams.keys()) expect(pages.has(`teams/${id}.html`), id).toBe(true);
    for (const id of idx.runbooks.keys()) expect(pages.has(`runbooks/${id}.html`), id).toBe(true);
    for (const p of ['index.html', 'dashboard.html', 'feed.xml', '404.html', 'data/incidents.json', 'data/metrics.json', 'assets/site.css', 'assets/site.js', 'assets/timeline.js', '.nojekyll',
      'domains/index.html', 'datasets/index.html', 'teams/index.html', 'runbooks/index.html']) expect(pages.has(p), p).toBe(true);
  });

  it('links pages with relative paths only, so it works under any base path; the 404 page and the feed use the base path', () => {
    for (const [path, html] of pages) {
      if (!path.endsWith('.html') || path === '404.html') continue;
      const hrefs = [...html.matchAll(/(?:href|src)="([^"]*)"/g)].map((m) => m[1]);
      for (const h of hrefs) expect(/^(https?:|mailto:|#|data:,$)/.test(h) || !h.startsWith('/'), `${path}: ${h}`).toBe(true);
    }
    expect(pages.get('404.html')).toContain('<base href="/incidents/">');
    expect(pages.get('feed.xml')).toContain('href="/incidents/incidents/');
  });

  it('lists open incidents first in the index and in data/incidents.json, which follows its published schema', () => {
    const data = JSON.parse(pages.get('data/incidents.json')!) as { incidents: { id: string; open: boolean }[] };
    expect(ajv.validate(SiteIncidentsSchema, data), JSON.stringify(ajv.errors)).toBe(true);
    const firstClosed = data.incidents.findIndex((i) => !i.open);
    expect(firstClosed).toBeGreaterThan(0);
    expect(data.incidents.slice(firstClosed).some((i) => i.open)).toBe(false);
    const rows = [...pages.get('index.html')!.matchAll(/<tr data-id="([^"]+)"/g)].map((m) => m[1]);
    expect(rows).toEqual(data.incidents.map((i) => i.id));
  });

  it('publishes data/metrics.json in the metrics schema', () => {
    const metrics = JSON.parse(pages.get('data/metrics.json')!);
    expect(ajv.validate(MetricsResultSchema, metrics), JSON.stringify(ajv.errors)).toBe(true);
  });

  it('shows commit links when the history is given, and the close notice on closed incidents', async () => {
    const { readIncidentCommits } = await import('../../src/git/incident-commits.js');
    const history = await readIncidentCommits(fixture.dir);
    const plan = buildSite({ idx, now: NOW, history: { commitsOf: (p) => history.byPath.get(p), partial: history.partial } });
    const page = [...plan.pages].find((p) => p.path === `incidents/${PLANTED_ID}.html`)!.content;
    expect(page).toContain(`/commit/${fixture.plantedSha}"`);
    expect(page).toContain('/pull/42"');
    expect(page).toContain('<h2 id="notice">Close notice</h2>');
    expect(page).toContain('&lt;script&gt;window.__xss&#x3D;12&lt;/script&gt;');
  });

  it('shows the next time box of open incidents and what they still need before close', () => {
    const open = [...idx.incidents.values()].find((f) => !['closed', 'declined'].includes(f.data.status))!.data;
    const html = pages.get(`incidents/${open.id}.html`)!;
    expect(html).toContain('Time boxes running');
    expect(html).toContain('<h2 id="before-close">Before close</h2>');
    expect(pages.get('index.html')).toMatch(/(due in|overdue by) \d/);
  });

  it('marks when each runbook was last drilled', () => {
    const drilled = [...idx.incidents.values()].find((f) => f.data.drill && f.data.runbook)?.data;
    if (!drilled) return;
    expect(pages.get(`runbooks/${drilled.runbook}.html`)).toMatch(new RegExp(`Last drilled</th><td>[^<]*\\(<a href="../incidents/`));
  });
});

describe('charts', () => {
  it('escape their labels and use no style attribute (a strict CSP allows them)', () => {
    const l = lineChart({ id: 'x', title: '<script>t</script>', x: ['<m>'], series: [{ name: '"><svg onload=1>', values: [1] }], format: String });
    const b = barChart({ id: 'y', title: 't', bars: [{ label: '<img src=x onerror=1>', value: 2 }], format: String });
    for (const svg of [l.markup, b.markup]) {
      expect(svg).not.toMatch(/<script|<img|<svg onload|style=/);
      expect(svg.startsWith('<svg class="chart"')).toBe(true);
    }
  });
});

describe('normaliseBasePath', () => {
  it.each([['/', '/'], ['repo', '/repo/'], ['/repo', '/repo/'], ['/a/b/', '/a/b/'], ['//x//', '/x/'], ['/a b/', '/'], ['/"><x/', '/']])('%j → %j', (i, o) => {
    expect(normaliseBasePath(i)).toBe(o);
  });
});

describe('writeSite', () => {
  it('replaces its own earlier output whole, and refuses a folder it did not write', async () => {
    const root = mkdtempSync(join(tmpdir(), 'sitrep-write-'));
    try {
      const out = join(root, '_site');
      await writeSite(out, [{ path: 'a.html', content: 'A' }, { path: 'x/b.html', content: 'B' }]);
      expect(readFileSync(join(out, 'x/b.html'), 'utf8')).toBe('B');
      expect(existsSync(join(out, MARKER))).toBe(true);
      await writeSite(out, [{ path: 'c.html', content: 'C' }]);
      expect(readdirSync(out).sort()).toEqual([MARKER, 'c.html']);
      expect(readdirSync(root)).toEqual(['_site']);
      const other = join(root, 'mine');
      mkdirSync(other);
      writeFileSync(join(other, 'keep.txt'), 'keep');
      await expect(writeSite(other, [{ path: 'a.html', content: 'A' }])).rejects.toThrow(/not written by sitrep site/);
      expect(readFileSync(join(other, 'keep.txt'), 'utf8')).toBe('keep');
      await expect(writeSite(join(root, 'bad'), [{ path: '../escape.html', content: 'x' }])).rejects.toThrow(/unsafe path/);
      expect(existsSync(join(root, 'escape.html'))).toBe(false);
      expect(readdirSync(root).sort()).toEqual(['_site', 'mine']);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('progress', () => {
  const io = (isTTY: boolean, out: string[]): CliIO => ({ cwd: '/', env: {}, stdout: () => {}, stderr: (s) => out.push(s), isTTY });
  it('shows on a terminal, throttled, and stays quiet otherwise', () => {
    const quiet: string[] = [];
    const p = new Progress(io(false, quiet));
    p.step('reading');
    p.count('pages', 1, 2);
    p.done();
    expect(quiet).toEqual([]);
    const shown: string[] = [];
    let t = 0;
    const q = new Progress(io(true, shown), () => t);
    q.count('pages', 1, 10);
    t = 50;
    q.count('pages', 2, 10);
    t = 200;
    q.count('pages', 3, 10);
    q.count('pages', 10, 10);
    q.done();
    expect(shown.map((s) => s.replace(/\r\x1b\[2K/g, ''))).toEqual(['pages 1/10 (10%)', 'pages 3/10 (30%)', 'pages 10/10 (100%)', '']);
  });
});

describe('sitrep site', () => {
  it('builds the site, prints where it is, and stays quiet on stderr when not on a terminal', () => {
    const root = mkdtempSync(join(tmpdir(), 'sitrep-site-cli-'));
    try {
      const out = join(root, 'public');
      const r = runCli(['site', '--out', out, '--base-path', '/incidents/', '--now', '2026-11-25T12:00:00Z', '--history', 'full'], { cwd: fixture.dir });
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/^sitrep site: \d+ files \([\d.]+ MB\) in /);
      expect(existsSync(join(out, 'index.html'))).toBe(true);
      expect(existsSync(join(out, 'assets/mermaid.min.js'))).toBe(true);
      // With the full history, each entry names the commit that recorded it.
      expect(readFileSync(join(out, `incidents/${PLANTED_ID}.html`), 'utf8')).toContain(fixture.plantedSha.slice(0, 7));
      const bad = runCli(['site', '--out', join(fixture.dir, 'incidents')], { cwd: fixture.dir });
      expect(bad.code).toBe(1);
      expect(runCli(['site', '--history', 'sometimes'], { cwd: fixture.dir }).code).toBe(2);
      expect(runCli(['site', '--base-path', '/a b/'], { cwd: fixture.dir }).code).toBe(2);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('is what `sitrep report` (npm start) builds, after the validate summary', () => {
    const root = mkdtempSync(join(tmpdir(), 'sitrep-report-'));
    try {
      const r = runCli(['report', '--out', join(root, '_site'), '--now', '2026-11-25T12:00:00Z'], { cwd: fixture.dir });
      expect(r.stdout).toMatch(/validate: \d+ files, 0 errors/);
      expect(r.stdout).toMatch(/\n {2}watch at 2026-11-25T12:00:00Z: \d+ findings? in \d+ incidents?/);
      expect(r.stdout).toMatch(/\n {2}site: \d+ files .* in .*_site\/\n/);
      expect(existsSync(join(root, '_site', 'index.html'))).toBe(true);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
