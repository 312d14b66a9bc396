/**
 * `sitrep timeline --format mermaid` renders without errors through mermaid 11 (which needs a DOM):
 * node_modules/mermaid/dist/mermaid.min.js loaded into a blank page of Debian's chromium. Every
 * sample incident is rendered, plus open, declined and hostile-text cases, and one real CLI output.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { parse } from 'yaml';
import { REPO_ROOT } from '../support/paths.js';
import { runCli } from '../support/run-cli.js';
import { createFixtureRepo, type FixtureRepo } from '../support/git-fixture.js';
import { buildTimeline, timelineMermaid } from '../../src/core/timeline.js';
import type { Incident } from '../../src/core/schema/incident.js';
import { launchBrowser } from './support.js';
import { writeBase, yamlOf } from '../history/incident-repo.js';

const MERMAID = join(REPO_ROOT, 'node_modules', 'mermaid', 'dist', 'mermaid.min.js');

let browser: Browser;
let page: Page;
const errors: string[] = [];

/** Renders in the page; returns the SVG, or throws with mermaid's message. */
async function render(text: string): Promise<string> {
  return page.evaluate(async (source) => {
    const m = (window as unknown as { mermaid: { render(id: string, s: string): Promise<{ svg: string }> } }).mermaid;
    const { svg } = await m.render(`g${Math.random().toString(36).slice(2)}`, source);
    return svg;
  }, text);
}

function sampleIncidents(): { path: string; inc: Incident }[] {
  const out: { path: string; inc: Incident }[] = [];
  for (const year of readdirSync(join(REPO_ROOT, 'incidents'))) {
    for (const f of readdirSync(join(REPO_ROOT, 'incidents', year)).filter((x) => x.endsWith('.yaml'))) {
      const path = join('incidents', year, f);
      out.push({ path, inc: parse(readFileSync(join(REPO_ROOT, path), 'utf8')) as Incident });
    }
  }
  return out;
}

describe('mermaid timelines render in a browser', () => {
  let repo: FixtureRepo;
  beforeAll(async () => {
    browser = await launchBrowser();
    page = await browser.newPage();
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    page.on('pageerror', (e) => errors.push(e.message));
    await page.setContent('<!doctype html><html><body><div id="out"></div></body></html>');
    await page.addScriptTag({ path: MERMAID });
    await page.evaluate(() => (window as unknown as { mermaid: { initialize(o: object): void } }).mermaid.initialize({ startOnLoad: false, securityLevel: 'strict' }));
    repo = createFixtureRepo();
  });
  afterAll(async () => {
    repo?.cleanup();
    await browser?.close();
  });

  it('renders the gantt of every sample incident', async () => {
    const samples = sampleIncidents();
    expect(samples.length).toBeGreaterThan(0);
    for (const { path, inc } of samples) {
      const text = timelineMermaid(buildTimeline(inc), { title: `${inc.id} ${inc.title}`, now: Date.parse('2026-11-25T12:00:00Z') });
      const svg = await render(text).catch((e: Error) => { throw new Error(`${path}: ${e.message}\n${text}`); });
      expect(svg, path).toContain('<svg');
      if (inc.detected_at && inc.acknowledged_at) expect(svg, path).toContain('Triage');
    }
    expect(errors).toEqual([]);
  });

  it('renders open and declined incidents, and text full of mermaid syntax', async () => {
    const base = {
      id: 'INC-2025-0099', title: 'a: b; c # d "e" %% f', severity: 'SEV1', symptom: 'freshness', domain: 'orders', datasets: ['orders.fct_orders'],
      detected_at: '2025-08-03T06:12:00Z', acknowledged_at: '2025-08-03T06:20:00+02:00',
    } as const;
    const open = { ...base, status: 'contained', contained_at: '2025-08-03T07:05:00Z',
      mitigations: [{ id: 'M1', action: 'x: y; z', reversible: false, applied_at: '2025-08-03T07:00:00Z' }],
      escalations: [{ at: '2025-08-03T06:30:00Z', to: 'exec:vp-data', reason: 'SEV1: rolls up; always #exec' }] } as unknown as Incident;
    const declined = { ...base, status: 'declined', closed_at: '2025-08-03T08:00:00Z' } as unknown as Incident;
    const bare = { ...base, status: 'detected', acknowledged_at: undefined } as unknown as Incident;
    // The check can fail: a broken diagram is refused with mermaid's message.
    await expect(render('gantt\n  dateFormat YYYY-MM-DD\n  section A\n  Task :done, s1, 2025-08-03, 1d\n  :::\n')).rejects.toThrow();
    errors.length = 0;
    for (const inc of [open, declined, bare]) {
      const text = timelineMermaid(buildTimeline(inc), { title: `${inc.id} ${inc.title}`, now: Date.parse('2025-08-03T09:00:00Z') });
      expect(await render(text)).toContain('<svg');
      // Without --now the open stage ends at the last event.
      expect(await render(timelineMermaid(buildTimeline(inc)))).toContain('<svg');
    }
    expect(errors).toEqual([]);
  });

  it('renders what `sitrep timeline --format mermaid` prints for a real history', async () => {
    writeBase(repo);
    const inc = {
      id: 'INC-2025-0042', title: 'orders.fct_orders: missing', severity: 'SEV2', status: 'contained', symptom: 'freshness', domain: 'orders',
      datasets: ['orders.fct_orders'], started_at: '2025-08-03T02:00:00Z', detected_at: '2025-08-03T06:12:00Z', acknowledged_at: '2025-08-03T06:20:00Z',
      contained_at: '2025-08-03T07:05:00Z', roles: { owner: 'bob' }, runbook: 'late', channel: '#inc', impact: { summary: 'Late.' },
      mitigations: [{ id: 'M1', action: 'Hold', reversible: false, applied_at: '2025-08-03T07:00:00Z' }],
    };
    repo.write('incidents/2025/INC-2025-0042.yaml', yamlOf(inc));
    repo.commit('Declare (#1)', { date: '2025-08-03T07:10:00Z' });
    const run = runCli(['timeline', 'INC-2025-0042', '--format', 'mermaid'], { cwd: repo.dir });
    expect(run.code).toBe(0);
    const svg = await render(run.stdout);
    expect(svg).toContain('Containment');
    expect(errors).toEqual([]);
  });
});
