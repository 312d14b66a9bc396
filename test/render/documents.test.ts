import { describe, it, expect, beforeAll } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FsSource } from '../../src/io/fs-source.js';
import { loadRepo } from '../../src/core/load.js';
import { buildIndex, type RepoIndex } from '../../src/core/repo-index.js';
import type { Incident } from '../../src/core/schema/incident.js';
import { isOpen } from '../../src/core/lifecycle.js';
import { parseDuration, parseInstant } from '../../src/core/time.js';
import { updateView, renderUpdate } from '../../src/core/render/update.js';
import { renderNotice, noticeReadiness } from '../../src/core/render/notice.js';
import { formatDate } from '../../src/core/render/helpers.js';
import { internalNames } from '../../src/core/render/redact.js';
import { REPO_ROOT } from '../support/paths.js';
import { runCli, hasStackTrace } from '../support/run-cli.js';
import { copySample } from '../support/sample-repo.js';

const NOW = Date.parse('2026-11-25T12:00:00Z');
let idx: RepoIndex;
let incidents: Incident[];

beforeAll(async () => {
  const { model } = await loadRepo(new FsSource(REPO_ROOT));
  idx = buildIndex(model);
  incidents = model.incidents.filter((f) => f.valid).map((f) => f.data);
});

const closedOnes = () => incidents.filter((i) => i.status === 'closed' && noticeReadiness(idx, i).length === 0);

describe('the stakeholder update', () => {
  it('says when the next update is due: the latest update (or detected_at) plus the severity cadence', () => {
    const open = incidents.filter((i) => isOpen(i.status));
    expect(open.length).toBeGreaterThan(0);
    for (const inc of open) {
      const sev = idx.config!.taxonomy.severities.find((s) => s.id === inc.severity)!;
      const times = (inc.updates ?? []).map((u) => parseInstant(u.at)!).filter((t) => t >= parseInstant(inc.detected_at)!);
      const from = times.length ? Math.max(...times) : parseInstant(inc.detected_at)!;
      const due = from + parseDuration(sev.time_boxes.update_every)!;
      const v = updateView(idx, inc, 'consumers', NOW);
      expect(v.nextUpdate?.due, inc.id).toBe(due);
      expect(v.nextUpdate?.overdue).toBe(NOW > due);
      const md = renderUpdate(idx, inc, 'consumers', { now: NOW });
      expect(md).toContain(`The next update is due by **${formatDate(due)}**`);
      for (const section of ['### What we know', '### What is being done', '### Impact', '### Next update']) expect(md).toContain(section);
    }
  });

  it('is a final update once closed', () => {
    const inc = incidents.find((i) => i.status === 'closed')!;
    expect(renderUpdate(idx, inc, 'exec', { now: NOW })).toContain('This is the final update: the incident is closed.');
  });

  it('for an external audience shows no internal name and no ledger text, for every sample incident', () => {
    const names = internalNames(idx).filter((n) => n.length >= 4);
    for (const inc of incidents) {
      for (const format of ['md', 'html'] as const) {
        const out = renderUpdate(idx, inc, 'external', { now: NOW, format });
        const plain = out.replace(/\\(.)/g, '$1').replace(/\u200D/g, '');
        for (const n of names) expect(plain.toLowerCase(), `${inc.id} ${format} shows ${n}`).not.toContain(n.toLowerCase());
        for (const e of inc.ledger ?? []) expect(plain, `${inc.id} ledger text`).not.toContain(e.text.slice(0, 40));
        expect(plain).not.toContain(inc.title);
      }
    }
  });

  it('shows the ledger to the internal audience only', () => {
    const inc = incidents.find((i) => (i.ledger ?? []).length > 0)!;
    expect(updateView(idx, inc, 'internal', NOW).known.ledger.length).toBeGreaterThan(0);
    for (const a of ['consumers', 'exec', 'external'] as const) expect(updateView(idx, inc, a, NOW).known.ledger).toEqual([]);
  });

  it('shows each audience only the updates written for it or a wider one', () => {
    const inc = incidents.find((i) => new Set((i.updates ?? []).map((u) => u.audience)).size > 1)!;
    const seen = (a: 'internal' | 'consumers' | 'exec' | 'external') => new Set(updateView(idx, inc, a, NOW).known.updates.map((u) => u.audience));
    expect([...seen('consumers')].every((a) => a === 'consumers' || a === 'external')).toBe(true);
    expect([...seen('external')].every((a) => a === 'external')).toBe(true);
  });
});

describe('the close notice', () => {
  it('of every closed sample incident holds its root cause, remediation actions and timeline', () => {
    const closed = closedOnes();
    expect(closed.length).toBeGreaterThan(3);
    for (const inc of closed) {
      const r = renderNotice(idx, inc, { now: NOW, format: 'html' });
      expect(r.ok, inc.id).toBe(true);
      if (!r.ok) continue;
      const text = r.content.replace(/&#x27;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&#x3D;/g, '=').replace(/&#x60;/g, '`');
      expect(text, inc.id).toContain(inc.root_cause!.summary);
      for (const r2 of inc.remediation ?? []) expect(text, inc.id).toContain(r2.action);
      expect(text).toContain('<h3>Timeline</h3>');
      const flat = text.replace(/\s+/g, ' ');
      for (const e of inc.ledger ?? []) expect(flat, `${inc.id} ledger`).toContain(e.text.replace(/\s+/g, ' ').trim().slice(0, 60));
      for (const s of inc.signoff ?? []) expect(text).toContain(s.by);
    }
  });

  it('in markdown, has every section', () => {
    const inc = closedOnes()[0];
    const r = renderNotice(idx, inc, { now: NOW });
    expect(r.ok).toBe(true);
    if (r.ok) for (const h of ['### Summary and impact', '### Root cause', '### Remediation', '### Verification', '### Timeline', '### Sign-offs', '### Follow-ups']) expect(r.content).toContain(h);
  });

  it('refuses an incident that is not ready to close, with what is missing', () => {
    const open = incidents.find((i) => isOpen(i.status))!;
    const r = renderNotice(idx, open, { now: NOW });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.missing.map((m) => m.message)).toContain('status closed needs `closed_at`');
  });
});

describe('sitrep render', () => {
  const cli = (args: string[]) => runCli(args, { cwd: REPO_ROOT });

  it('prints an update and a notice', () => {
    const open = incidents.find((i) => isOpen(i.status))!;
    const u = cli(['render', 'update', open.id, '--audience', 'consumers', '--now', '2026-11-25T12:00:00Z']);
    expect(u.code).toBe(0);
    expect(u.stdout).toContain(`## ${open.id}:`);
    const closed = closedOnes()[0];
    const n = cli(['render', 'notice', closed.id, '--format', 'html']);
    expect(n.code).toBe(0);
    expect(n.stdout).toMatch(/^<!doctype html>/);
  });

  it('refuses the notice of an open incident: exit 1 and the list of what is missing', () => {
    const open = incidents.find((i) => isOpen(i.status))!;
    const r = cli(['render', 'notice', open.id]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${open.id} is not ready to close; the close notice needs:`);
    expect(r.stderr).toMatch(/\n {2}- .*closed_at/);
    expect(hasStackTrace(r.stderr)).toBe(false);
  });

  it('says what is wrong with its arguments (exit 2)', () => {
    expect(cli(['render', 'update', 'INC-2025-0001']).code).toBe(2);
    expect(cli(['render', 'update', 'INC-2025-0001', '--audience', 'everyone']).stderr).toContain('--audience must be one of internal, consumers, exec, external');
    const typo = cli(['render', 'notice', 'INC-2025-00001']);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toMatch(/did you mean/);
    expect(cli(['render', 'notice', 'INC-2025-0001', '--audience', 'exec']).code).toBe(2);
    expect(cli(['render', 'summary', 'INC-2025-0001']).code).toBe(2);
  });

  it('writes --out atomically, never into the source folders', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sitrep-render-'));
    try {
      const closed = closedOnes()[0];
      const out = join(dir, 'notice.md');
      const r = cli(['render', 'notice', closed.id, '--out', out]);
      expect(r.code).toBe(0);
      expect(readFileSync(out, 'utf8')).toContain(`## Close notice: ${closed.id}`);
      const bad = cli(['render', 'notice', closed.id, '--out', 'incidents/notice.md']);
      expect(bad.code).toBe(1);
      expect(bad.stderr).toContain('overlaps the source folder incidents');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('uses the repo template overrides, and refuses an unsafe one', () => {
    const sample = copySample();
    try {
      const closed = closedOnes()[0];
      mkdirSync(join(sample.dir, 'templates'), { recursive: true });
      sample.write('templates/notice.md.hbs', 'OVERRIDDEN {{id}} {{title}}\n');
      const ok = runCli(['render', 'notice', closed.id], { cwd: sample.dir });
      expect(ok.code).toBe(0);
      expect(ok.stdout.startsWith(`OVERRIDDEN ${closed.id}`)).toBe(true);
      sample.write('templates/notice.md.hbs', 'RAW {{{title}}}\n');
      const bad = runCli(['render', 'notice', closed.id], { cwd: sample.dir });
      expect(bad.code).toBe(1);
      expect(bad.stderr).toMatch(/notice\.md:1: unescaped output \{\{\{title\}\}\} is not allowed/);
    } finally {
      sample.cleanup();
    }
  });
});
