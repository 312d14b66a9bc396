/**
 * The watch's findings show in PR checks too: a PR touching an incident with an overdue action
 * item gets a WATCH_FINDING warning at the item's due date, naming who must be told.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LineCounter, parseDocument } from 'yaml';
import { createFixtureRepo, type FixtureRepo } from '../support/git-fixture.js';
import { copySample, SAMPLE_PARTS, type SampleCopy } from '../support/sample-repo.js';
import { runCli } from '../support/run-cli.js';
import { cpSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

let sample: SampleCopy;
let repo: FixtureRepo;
let path: string;

beforeAll(() => {
  sample = copySample();
  repo = createFixtureRepo();
  for (const part of SAMPLE_PARTS) cpSync(join(sample.dir, part), join(repo.dir, part), { recursive: true });
  repo.commit('sample', { date: '2026-11-20T00:00:00Z' });
  // A closed incident with an open action item: pick it by content, not by id.
  path = readdirSync(join(repo.dir, 'incidents')).flatMap((y) => readdirSync(join(repo.dir, 'incidents', y)).map((f) => `incidents/${y}/${f}`))
    .find((p) => /status: closed/.test(readFileSync(join(repo.dir, p), 'utf8')) && /status: open/.test(readFileSync(join(repo.dir, p), 'utf8')))!;
  const doc = parseDocument(readFileSync(join(repo.dir, path), 'utf8'));
  doc.setIn(['review', 'learnings', 0], (doc.getIn(['review', 'learnings', 0]) as string) ?? 'noted');
  repo.write(path, doc.toString());
  repo.commit('review note', { date: '2026-11-21T00:00:00Z' });
});
afterAll(() => { repo.cleanup(); sample.cleanup(); });

describe('check shows watch findings of the incidents a PR touches', () => {
  it('warns about an overdue action item at its due date, exit 0', () => {
    expect(path).toBeDefined();
    const run = runCli(['check', '--base', 'HEAD~1', '--now', '2026-11-25T09:45:00Z'], { cwd: repo.dir });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    // Where the open item's `due` value stands, read with yaml's own positions.
    const lc = new LineCounter();
    const doc = parseDocument(readFileSync(join(repo.dir, path), 'utf8'), { lineCounter: lc });
    const items = (doc.getIn(['review', 'action_items']) as { items: { get(k: string): unknown }[] }).items;
    const i = items.findIndex((a) => a.get('status') === 'open');
    const due = lc.linePos((doc.getIn(['review', 'action_items', i, 'due'], true) as { range: number[] }).range[0]);
    expect(run.stdout).toMatch(new RegExp(`^${path}:${due.line}:${due.col}  warning  WATCH_FINDING  action item A\\d+ .* still open after its due date`, 'm'));
    expect(run.stdout).toMatch(/tell @/);
  });
});
