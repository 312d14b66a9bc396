/**
 * The reports site in a real browser (Debian's chromium via playwright-core), served under a
 * sub-path as GitHub Pages serves a project site: filters and search work, every internal link
 * resolves, no page logs a console error, the planted XSS payloads do not run, and the mermaid
 * timeline renders. Screenshots go to test-results/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { runCli } from '../support/run-cli.js';
import { REPO_ROOT } from '../support/paths.js';
import { createSiteFixture, PLANTED_ID, type SiteFixture } from '../render/site-fixture.js';
import { launchBrowser, serveSite, type SiteServer } from './support.js';

const BASE = '/incidents/';
const NOW = '2026-11-25T12:00:00Z';
const SHOTS = join(REPO_ROOT, 'test-results');

let fixture: SiteFixture;
let out: string;
let server: SiteServer;
let browser: Browser;
let context: BrowserContext;

interface Visit { page: Page; errors: string[]; dialogs: string[] }

/** Opens a page and records console errors, uncaught exceptions, dialogs (alert) and failed requests. */
async function visit(path: string): Promise<Visit> {
  const page = await context.newPage();
  const errors: string[] = [];
  const dialogs: string[] = [];
  // A failed load is reported with its URL by the response handler; the console line says the same without it.
  page.on('console', (m) => { if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) errors.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('requestfailed', (r) => errors.push(`request failed: ${r.url()} ${r.failure()?.errorText}`));
  // The browser asks for /favicon.ico on its own when showing the XML feed; that one is not the site's.
  page.on('response', (r) => { if (r.status() >= 400 && new URL(r.url()).pathname !== '/favicon.ico') errors.push(`HTTP ${r.status()}: ${r.url()}`); });
  page.on('dialog', (d) => { dialogs.push(d.message()); void d.dismiss(); });
  const res = await page.goto(server.url(path), { waitUntil: 'load' });
  expect(res?.status(), path).toBe(200);
  return { page, errors, dialogs };
}

beforeAll(async () => {
  fixture = createSiteFixture();
  out = join(mkdtempSync(join(tmpdir(), 'sitrep-site-')), '_site');
  const r = runCli(['site', '--root', fixture.dir, '--out', out, '--base-path', BASE, '--now', NOW], { cwd: fixture.dir });
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  server = await serveSite(out, BASE);
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  // Any payload that ran would set window.__xss or call alert (recorded as a dialog).
  await context.addInitScript(() => { (window as unknown as { __xss?: unknown }).__xss = undefined; });
  mkdirSync(SHOTS, { recursive: true });
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.close();
  if (out) rmSync(join(out, '..'), { recursive: true, force: true });
  fixture?.cleanup();
});

async function visibleIds(page: Page): Promise<string[]> {
  return page.$$eval('#incident-table tbody tr[data-id]', (rows) => rows.filter((r) => !(r as HTMLElement).hidden).map((r) => r.getAttribute('data-id')!));
}

describe('the index', () => {
  it('lists open incidents first, and filters and search work without a server', async () => {
    const { page, errors } = await visit('index.html');
    const data = JSON.parse(readFileSync(join(out, 'data/incidents.json'), 'utf8')) as { incidents: { id: string; open: boolean; severity: string; domain: string; status: string; teams: string[] }[] };
    const all = await visibleIds(page);
    expect(all).toEqual(data.incidents.map((i) => i.id));
    const firstClosed = data.incidents.findIndex((i) => !i.open);
    expect(data.incidents.slice(firstClosed).every((i) => !i.open)).toBe(true);

    await page.selectOption('#f-status', 'open');
    expect(await visibleIds(page)).toEqual(data.incidents.filter((i) => i.open).map((i) => i.id));
    await page.selectOption('#f-status', '');

    const sev = data.incidents[0].severity;
    await page.selectOption('#f-severity', sev);
    expect(await visibleIds(page)).toEqual(data.incidents.filter((i) => i.severity === sev).map((i) => i.id));
    await page.selectOption('#f-severity', '');

    const domain = data.incidents[data.incidents.length - 1].domain;
    await page.selectOption('#f-domain', domain);
    expect(await visibleIds(page)).toEqual(data.incidents.filter((i) => i.domain === domain).map((i) => i.id));
    await page.selectOption('#f-domain', '');

    const team = data.incidents[0].teams[0];
    await page.selectOption('#f-team', team);
    expect(await visibleIds(page)).toEqual(data.incidents.filter((i) => i.teams.includes(team)).map((i) => i.id));
    await page.selectOption('#f-team', '');

    await page.fill('#f-q', PLANTED_ID.toLowerCase());
    expect(await visibleIds(page)).toEqual([PLANTED_ID]);
    await page.fill('#f-q', 'no incident says this');
    expect(await visibleIds(page)).toEqual([]);
    expect(await page.isVisible('#no-results')).toBe(true);

    // The filters live in the URL: a reload keeps them.
    await page.fill('#f-q', '');
    await page.selectOption('#f-status', 'open');
    expect(page.url()).toContain('#status=open');
    await page.reload();
    expect(await visibleIds(page)).toEqual(data.incidents.filter((i) => i.open).map((i) => i.id));
    await page.selectOption('#f-status', '');
    await page.screenshot({ path: join(SHOTS, 'site-index.png'), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('every page', () => {
  it('has only internal links that resolve, and logs no console error', async () => {
    const seen = new Set<string>();
    const queue = ['index.html'];
    const broken: string[] = [];
    const problems: string[] = [];
    while (queue.length) {
      const path = queue.shift()!;
      if (seen.has(path)) continue;
      seen.add(path);
      const { page, errors, dialogs } = await visit(path);
      if (path.startsWith('incidents/')) await page.waitForFunction(() => document.documentElement.hasAttribute('data-timeline'), undefined, { timeout: 20_000 });
      problems.push(...errors.map((e) => `${path}: ${e}`), ...dialogs.map((d) => `${path}: dialog ${d}`));
      const refs = await page.$$eval('a[href], link[href], script[src]', (els) => els.map((e) => (e as HTMLAnchorElement).href || (e as HTMLScriptElement).src));
      for (const ref of refs) {
        const url = new URL(ref);
        if (url.origin !== server.origin) continue;
        if (!url.pathname.startsWith(BASE)) { broken.push(`${path} → ${ref} (outside ${BASE})`); continue; }
        const target = url.pathname.slice(BASE.length) || 'index.html';
        if (target.endsWith('.html')) {
          if (!seen.has(target)) queue.push(target);
        } else {
          const res = await page.request.get(url.href);
          if (res.status() !== 200) broken.push(`${path} → ${ref} (${res.status()})`);
        }
      }
      // Anchors within the page point at ids that exist.
      const missingAnchors = await page.$$eval('a[href*="#"]', (els) => els
        .map((e) => new URL((e as HTMLAnchorElement).href))
        .filter((u) => u.pathname === location.pathname && u.hash.length > 1)
        .filter((u) => !document.getElementById(decodeURIComponent(u.hash.slice(1))))
        .map((u) => u.hash));
      broken.push(...missingAnchors.map((a) => `${path} → ${a} (no such id)`));
      await page.close();
    }
    expect(broken).toEqual([]);
    expect(problems).toEqual([]);
    for (const p of ['index.html', 'dashboard.html', `incidents/${PLANTED_ID}.html`, 'domains/index.html', 'teams/index.html', 'runbooks/index.html', 'datasets/index.html']) expect(seen.has(p), p).toBe(true);
    expect(seen.size).toBeGreaterThan(30);
  }, 300_000);
});

describe('the planted incident', () => {
  it('shows every payload as text and runs none of them', async () => {
    const { page, errors, dialogs } = await visit(`incidents/${PLANTED_ID}.html`);
    await page.waitForFunction(() => document.documentElement.hasAttribute('data-timeline'), undefined, { timeout: 20_000 });
    expect(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).toBeUndefined();
    expect(dialogs).toEqual([]);
    const text = await page.textContent('main');
    expect(text).toContain('<script>window.__xss=1</script>');
    expect(text).toContain('"><img src=x onerror="window.__xss=2">');
    expect(text).toContain('[click](javascript:alert(6))');
    expect(text).toContain('Record INC-2026-0999 <script>window.__xss=12</script> (#42)');
    const dom = await page.evaluate(() => ({
      scripts: [...document.scripts].map((s) => s.src || s.type || 'inline'),
      handlers: [...document.querySelectorAll('*')].filter((e) => [...e.attributes].some((a) => /^on/i.test(a.name))).length,
      iframes: document.querySelectorAll('iframe').length,
      jsLinks: [...document.querySelectorAll('a[href]')].filter((a) => !/^(https?|mailto):/i.test((a as HTMLAnchorElement).href)).length,
    }));
    expect(dom.scripts.every((s) => s.endsWith('/assets/mermaid.min.js') || s.endsWith('/assets/timeline.js'))).toBe(true);
    expect(dom.handlers).toBe(0);
    expect(dom.iframes).toBe(0);
    expect(dom.jsLinks).toBe(0);
    // The commit that recorded it is linked, with its PR.
    expect(await page.$$eval('a[href*="/commit/"]', (as) => as.length)).toBeGreaterThan(0);
    expect(await page.$$eval('a[href$="/pull/42"]', (as) => as.length)).toBeGreaterThan(0);
    expect(errors).toEqual([]);
    await page.screenshot({ path: join(SHOTS, 'site-incident-planted.png'), fullPage: true });
    await page.close();
  });

  it('runs nothing on the index, the feed or the dashboard either', async () => {
    for (const path of ['index.html', 'dashboard.html', 'feed.xml']) {
      const { page, dialogs, errors } = await visit(path);
      expect(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss), path).toBeUndefined();
      expect(dialogs, path).toEqual([]);
      expect(errors, path).toEqual([]);
      await page.close();
    }
  });
});

describe('incident pages', () => {
  it('render the mermaid timeline with the bundled mermaid', async () => {
    const data = JSON.parse(readFileSync(join(out, 'data/incidents.json'), 'utf8')) as { incidents: { id: string; status: string }[] };
    const closed = data.incidents.find((i) => i.status === 'closed' && i.id !== PLANTED_ID)!;
    const open = data.incidents.find((i) => i.status !== 'closed' && i.status !== 'declined');
    for (const inc of [closed, ...(open ? [open] : [])]) {
      const { page, errors } = await visit(`incidents/${inc.id}.html`);
      await page.waitForFunction(() => document.documentElement.getAttribute('data-timeline') === 'rendered', undefined, { timeout: 20_000 });
      const bars = await page.$$eval('pre.mermaid svg rect', (r) => r.length);
      expect(bars, inc.id).toBeGreaterThan(2);
      expect(errors, inc.id).toEqual([]);
      await page.screenshot({ path: join(SHOTS, `site-incident-${inc.status === 'closed' ? 'closed' : 'open'}.png`), fullPage: true });
      await page.close();
    }
  });
});

describe('the dashboard', () => {
  it('draws its charts as inline SVG, each with a table', async () => {
    const { page, errors } = await visit('dashboard.html');
    const figures = await page.$$eval('.figure', (fs) => fs.map((f) => ({ svg: !!f.querySelector('svg.chart'), table: !!f.querySelector('table') })));
    expect(figures.length).toBeGreaterThanOrEqual(6);
    expect(figures.every((f) => f.svg && f.table)).toBe(true);
    expect(errors).toEqual([]);
    await page.screenshot({ path: join(SHOTS, 'site-dashboard.png'), fullPage: true });
    await page.close();
  });
});

describe('the 404 page', () => {
  it('works at any depth under the base path', async () => {
    const page = await context.newPage();
    const res = await page.goto(server.url('incidents/deep/missing.html'));
    expect(res?.status()).toBe(404);
    const href = await page.$eval('a.brand', (a) => (a as HTMLAnchorElement).href);
    expect(href).toBe(server.url('index.html'));
    const css = await page.evaluate(() => getComputedStyle(document.querySelector('header.top')!).backgroundColor);
    expect(css).toBe('rgb(36, 41, 47)');
    await page.close();
  });
});
