/**
 * `sitrep check` on a real git clone of the project's sample incident repo (sitrep.config.yaml,
 * ownership/, runbooks/, incidents/, copied at test time). Each breach is a commit on its own
 * branch and must exit 1 with the right code, file and line, and no stack trace; each legal change
 * exits 0. The incidents used are picked by what they are (open, closed, status), not by id.
 */
import { cpSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { createFixtureRepo, type FixtureRepo } from '../support/git-fixture.js';
import { hasStackTrace, runCli } from '../support/run-cli.js';
import { REPO_ROOT } from '../support/paths.js';
import { FORWARD, isOpen, rank, STATUS_TIMESTAMP } from '../../src/core/lifecycle.js';
import type { Status } from '../../src/core/schema/incident.js';
import { toIso } from '../../src/core/time.js';

interface SampleIncident { path: string; text: string; data: Record<string, any> }

let origin: FixtureRepo;
let clone: FixtureRepo;
let incidents: SampleIncident[];
let prTime: number;
let n = 0;

const read = (path: string) => readFileSync(join(REPO_ROOT, path), 'utf8');
const lines = (text: string) => text.split('\n');
/** 1-based number of the first line matching `re` at or after line `from`. */
function lineMatching(text: string, re: RegExp, from = 1): number {
  const i = lines(text).findIndex((l, k) => k + 1 >= from && re.test(l));
  if (i < 0) throw new Error(`no line matches ${re}`);
  return i + 1;
}

/** The ledger's item lines: where each entry starts, its indent, and where the block ends. */
function ledgerBlock(text: string): { items: number[]; indent: string; end: number } {
  const ls = lines(text);
  const start = lineMatching(text, /^ledger:/);
  let end = start;
  const items: number[] = [];
  let indent = '  ';
  for (let i = start; i < ls.length; i++) {
    const l = ls[i];
    if (l.trim() && !/^\s/.test(l)) break;
    if (l.trim()) end = i + 1;
    const m = /^(\s*)- /.exec(l);
    if (m && (!items.length || m[1] === indent)) { if (!items.length) indent = m[1]; items.push(i + 1); }
  }
  return { items, indent, end };
}

/** Text with one flow-style ledger entry appended at the end of the ledger; returns its line too. */
function appendLedger(text: string, entry: { at: string; by: string; kind: string; text: string }): { text: string; line: number } {
  const { indent, end } = ledgerBlock(text);
  const ls = lines(text);
  ls.splice(end, 0, `${indent}- { at: ${entry.at}, by: ${entry.by}, kind: ${entry.kind}, text: ${JSON.stringify(entry.text)} }`);
  return { text: ls.join('\n'), line: end + 1 };
}

function replaceLine(text: string, line: number, f: (l: string) => string): string {
  const ls = lines(text);
  ls[line - 1] = f(ls[line - 1]);
  return ls.join('\n');
}
function removeLines(text: string, from: number, to: number): string {
  const ls = lines(text);
  ls.splice(from - 1, to - from + 1);
  return ls.join('\n');
}

/** A branch of the clone with `edit`, committed at prTime; returns its name. */
function pr(edit: (repo: FixtureRepo) => void): string {
  const name = `sample-pr-${++n}`;
  clone.checkout('main');
  clone.checkout(name, { create: true });
  edit(clone);
  clone.commit(name, { date: toIso(prTime) });
  clone.checkout('main');
  return name;
}

function check(head: string, format: 'text' | 'json' = 'json') {
  const r = runCli(['check', '--base', 'main', '--head', head, '--format', format], { cwd: clone.dir });
  expect(hasStackTrace(r.stdout + r.stderr), r.stderr).toBe(false);
  expect(r.stderr).toBe('');
  return { code: r.code, out: format === 'json' ? JSON.parse(r.stdout) : r.stdout };
}
type Diag = { code: string; file: string; line: number; severity: string };
const errors = (out: { diagnostics: Diag[] }) => out.diagnostics.filter((d) => d.severity === 'error');

const owner = (i: SampleIncident) => String(i.data.roles?.owner);
const simple = (i: SampleIncident) => i.data.severity !== 'SEV1' && i.data.impact?.external !== true && !!i.data.roles?.owner;
function pick(what: string, f: (i: SampleIncident) => boolean): SampleIncident {
  const found = incidents.find(f);
  if (!found) throw new Error(`the sample repo has no ${what}`);
  return found;
}

beforeAll(() => {
  origin = createFixtureRepo();
  for (const p of ['sitrep.config.yaml', 'ownership', 'runbooks', 'incidents']) cpSync(join(REPO_ROOT, p), join(origin.dir, p), { recursive: true });
  incidents = readdirSync(join(REPO_ROOT, 'incidents')).flatMap((year) =>
    readdirSync(join(REPO_ROOT, 'incidents', year)).filter((f) => f.endsWith('.yaml')).map((f) => {
      const path = `incidents/${year}/${f}`;
      const text = read(path);
      return { path, text, data: parse(text) as Record<string, any> };
    }));
  // Commit after the newest time in the sample, so nothing in it is "from the future".
  const all = [...JSON.stringify(incidents.map((i) => i.data)).matchAll(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2})?Z/g)].map((m) => Date.parse(m[0]));
  const baseTime = Math.ceil(Math.max(...all) / 3_600_000) * 3_600_000 + 3_600_000;
  prTime = baseTime + 10 * 60_000;
  origin.commit('sample repo', { date: toIso(baseTime) });
  clone = origin.shallowClone(1000);
});
afterAll(() => origin?.cleanup());

describe('sitrep check on a clone of the sample repo', () => {
  it('the clone itself checks clean against itself', () => {
    expect(check('main').code).toBe(0);
  });

  describe('legal changes exit 0', () => {
    it('an appended ledger entry', () => {
      const inc = pick('simple open incident', (i) => isOpen(i.data.status) && simple(i));
      const head = pr((r) => r.write(inc.path, appendLedger(inc.text, { at: toIso(prTime - 300_000), by: owner(inc), kind: 'note', text: 'Checked again.' }).text));
      const { code, out } = check(head);
      expect(errors(out)).toEqual([]);
      expect(code).toBe(0);
    });

    it('a reopen with a decision entry in the same PR', () => {
      const inc = pick('simple open incident at contained or later', (i) => ['contained', 'remediated', 'verified'].includes(i.data.status) && simple(i));
      const status = inc.data.status as Status;
      const back = FORWARD[rank(status) - 1];
      let text = replaceLine(inc.text, lineMatching(inc.text, /^status:/), () => `status: ${back}`);
      text = removeLines(text, lineMatching(text, new RegExp(`^${STATUS_TIMESTAMP[status]}:`)), lineMatching(text, new RegExp(`^${STATUS_TIMESTAMP[status]}:`)));
      text = appendLedger(text, { at: toIso(prTime - 300_000), by: owner(inc), kind: 'decision', text: 'Reopened: the fix did not hold.' }).text;
      const { code, out } = check(pr((r) => r.write(inc.path, text)));
      expect(errors(out)).toEqual([]);
      expect(code).toBe(0);
    });

    it('a new incident at detected', () => {
      const like = pick('incident', () => true);
      const id = `INC-${new Date(prTime).getUTCFullYear()}-0999`;
      const text = `id: ${id}\ntitle: "${like.data.datasets[0]}: volume drop in the nightly load"\nseverity: SEV4\nstatus: detected\nsymptom: ${like.data.symptom}\ndomain: ${like.data.domain}\ndatasets: [${like.data.datasets[0]}]\ndetected_at: ${toIso(prTime - 600_000)}\n`;
      const { code, out } = check(pr((r) => r.write(`incidents/${new Date(prTime).getUTCFullYear()}/${id}.yaml`, text)));
      expect(errors(out)).toEqual([]);
      expect(code).toBe(0);
    });

    it('closing a verified incident lists signoff_required with the members from base', () => {
      const inc = pick('verified incident', (i) => i.data.status === 'verified' && simple(i));
      const teams = parse(read('ownership/teams.yaml')).teams as { id: string; members: string[]; leads?: string[] }[];
      const { out: before } = check(pr((r) => r.write(inc.path, closeText(inc, undefined))));
      const required = before.signoff_required as { team: string; members: string[]; claimed_by: string | null }[];
      expect(required.length).toBeGreaterThan(0);
      for (const s of required) {
        const t = teams.find((x) => x.id === s.team)!;
        expect(s.members).toEqual([...new Set([...t.members, ...(t.leads ?? [])])]);
        expect(s.claimed_by).toBeNull();
      }
      expect(errors(before).map((d) => d.code)).toContain('SIGNOFF_CLAIM');

      // With a claim by a base member of each team, the close is legal.
      const claims = required.map((s) => ({ team: s.team, by: s.members[0] }));
      const { code, out } = check(pr((r) => r.write(inc.path, closeText(inc, claims))));
      expect(errors(out)).toEqual([]);
      expect(code).toBe(0);
      expect(out.signoff_required.map((s: { claimed_by: string }) => s.claimed_by)).toEqual(claims.map((c) => c.by));
    });
  });

  /** The verified incident closed now, with a decision entry, and sign-off claims when given. */
  function closeText(inc: SampleIncident, claims: { team: string; by: string }[] | undefined): string {
    let text = replaceLine(inc.text, lineMatching(inc.text, /^status:/), () => 'status: closed');
    text = replaceLine(text, lineMatching(text, /^resolved_at:/), (l) => `${l}\nclosed_at: ${toIso(prTime - 120_000)}`);
    text = appendLedger(text, { at: toIso(prTime - 180_000), by: owner(inc), kind: 'decision', text: 'Closing: verified and signed off.' }).text;
    if (claims) text += `\nsignoff:\n${claims.map((c) => `  - { team: ${c.team}, by: ${c.by}, at: ${toIso(prTime - 240_000)} }`).join('\n')}\n`;
    return text;
  }

  describe('breaches exit 1 with the code, file and line', () => {
    const expectAt = (out: { diagnostics: Diag[] }, code: string, file: string, line: number) => {
      expect(errors(out).map((d) => `${d.code} ${d.file}:${d.line}`)).toContain(`${code} ${file}:${line}`);
    };

    it('LIFECYCLE_SKIP: a status two stages ahead', () => {
      const inc = pick('open incident at detected, triaged or contained', (i) => ['detected', 'triaged', 'contained'].includes(i.data.status));
      const line = lineMatching(inc.text, /^status:/);
      const { code, out } = check(pr((r) => r.write(inc.path, replaceLine(inc.text, line, () => `status: ${FORWARD[rank(inc.data.status) + 2]}`))));
      expect(code).toBe(1);
      expectAt(out, 'LIFECYCLE_SKIP', inc.path, line);
    });

    it('LIFECYCLE_REOPEN: a move back without a decision entry', () => {
      const inc = pick('open incident at contained or later', (i) => ['contained', 'remediated', 'verified'].includes(i.data.status));
      const status = inc.data.status as Status;
      const line = lineMatching(inc.text, /^status:/);
      let text = replaceLine(inc.text, line, () => `status: ${FORWARD[rank(status) - 1]}`);
      const ts = lineMatching(text, new RegExp(`^${STATUS_TIMESTAMP[status]}:`));
      text = removeLines(text, ts, ts);
      const { code, out } = check(pr((r) => r.write(inc.path, text)));
      expect(code).toBe(1);
      expectAt(out, 'LIFECYCLE_REOPEN', inc.path, ts > line ? line : line - 1);
    });

    it('LEDGER_EDITED: a merged entry changed, at its line in head', () => {
      const inc = pick('open incident with a ledger', (i) => isOpen(i.data.status) && i.data.ledger?.length > 0);
      const first = ledgerBlock(inc.text).items[0];
      const kindLine = lineMatching(inc.text, /\bkind: \w+/, first);
      const text = replaceLine(inc.text, kindLine, (l) => l.replace(/kind: (\w+)/, (_, k) => `kind: ${k === 'note' ? 'decision' : 'note'}`));
      const { code, out } = check(pr((r) => r.write(inc.path, text)));
      expect(code).toBe(1);
      expectAt(out, 'LEDGER_EDITED', inc.path, kindLine);
    });

    it('LEDGER_REMOVED: a merged entry removed, at its line in base', () => {
      const inc = pick('open incident with two ledger entries', (i) => isOpen(i.data.status) && i.data.ledger?.length > 1);
      const [first, second] = ledgerBlock(inc.text).items;
      const { code, out } = check(pr((r) => r.write(inc.path, removeLines(inc.text, first, second - 1))));
      expect(code).toBe(1);
      expectAt(out, 'LEDGER_REMOVED', inc.path, first);
    });

    it('DATED_FUTURE: an entry dated after the head commit', () => {
      const inc = pick('simple open incident', (i) => isOpen(i.data.status) && simple(i));
      const { text, line } = appendLedger(inc.text, { at: toIso(prTime + 86_400_000), by: owner(inc), kind: 'note', text: 'Tomorrow.' });
      const { code, out } = check(pr((r) => r.write(inc.path, text)));
      expect(code).toBe(1);
      expectAt(out, 'DATED_FUTURE', inc.path, line);
    });

    it('CLOSED_FROZEN: a closed incident edited outside its review', () => {
      const inc = pick('closed incident', (i) => i.data.status === 'closed');
      const line = lineMatching(inc.text, /^title:/);
      const text = replaceLine(inc.text, line, (l) => (l.endsWith('"') ? `${l.slice(0, -1)} (edited)"` : `${l} (edited)`));
      const { code, out } = check(pr((r) => r.write(inc.path, text)));
      expect(code).toBe(1);
      expectAt(out, 'CLOSED_FROZEN', inc.path, line);
    });

    it('INCIDENT_DELETED: an incident file removed, at its id in base', () => {
      const inc = pick('closed incident', (i) => i.data.status === 'closed');
      const { code, out } = check(pr((r) => r.remove(inc.path)));
      expect(code).toBe(1);
      expectAt(out, 'INCIDENT_DELETED', inc.path, lineMatching(inc.text, /^id:/));
    });

    it('ROLLUP_MISSING: a new SEV1 past its acknowledge box without an exec escalation', () => {
      const like = pick('incident', () => true);
      const year = new Date(prTime).getUTCFullYear();
      const text = `id: INC-${year}-0998\ntitle: "${like.data.datasets[0]}: rows missing"\nseverity: SEV1\nstatus: detected\nsymptom: ${like.data.symptom}\ndomain: ${like.data.domain}\ndatasets: [${like.data.datasets[0]}]\ndetected_at: ${toIso(prTime - 3_600_000)}\n`;
      const { code, out } = check(pr((r) => r.write(`incidents/${year}/INC-${year}-0998.yaml`, text)));
      expect(code).toBe(1);
      expectAt(out, 'ROLLUP_MISSING', `incidents/${year}/INC-${year}-0998.yaml`, 3);
    });

    it('OWNERSHIP_IN_USE: a runbook removed while an open incident uses it', () => {
      const inc = pick('open incident with a runbook', (i) => isOpen(i.data.status) && !!i.data.runbook);
      const path = `runbooks/${inc.data.runbook}.yaml`;
      const { code, out } = check(pr((r) => r.remove(path)));
      expect(code).toBe(1);
      expectAt(out, 'OWNERSHIP_IN_USE', path, lineMatching(read(path), /^id:/));
    });

    it('SIGNOFF_CLAIM: a login added to a team in the same PR cannot sign', () => {
      const inc = pick('verified incident', (i) => i.data.status === 'verified' && simple(i));
      const { out: probe } = check(pr((r) => r.write(inc.path, closeText(inc, undefined))));
      const team = probe.signoff_required[0].team as string;
      const teamsText = read('ownership/teams.yaml');
      const idLine = lineMatching(teamsText, new RegExp(`^\\s*- id: ${team}\\s*$`));
      const membersLine = lineMatching(teamsText, /^\s*members: \[/, idLine);
      const claims = probe.signoff_required.map((s: { team: string; members: string[] }) => ({ team: s.team, by: s.team === team ? 'new-hire' : s.members[0] }));
      const text = closeText(inc, claims);
      const { code, out } = check(pr((r) => {
        r.write('ownership/teams.yaml', replaceLine(teamsText, membersLine, (l) => l.replace('members: [', 'members: [new-hire, ')));
        r.write(inc.path, text);
      }));
      expect(code).toBe(1);
      expectAt(out, 'SIGNOFF_CLAIM', inc.path, lineMatching(text, /by: new-hire/));
      expect(out.signoff_required.find((s: { team: string }) => s.team === team).members).not.toContain('new-hire');
    });

    it('text output names the file and line, without a stack trace', () => {
      const inc = pick('closed incident', (i) => i.data.status === 'closed');
      const line = lineMatching(inc.text, /^title:/);
      const head = pr((r) => r.write(inc.path, replaceLine(inc.text, line, (l) => `${l.replace(/"$/, '')} edited${l.endsWith('"') ? '"' : ''}`)));
      const { code, out } = check(head, 'text');
      expect(code).toBe(1);
      expect(out).toContain(`${inc.path}:${line}:1  error  CLOSED_FROZEN`);
    });
  });
});
