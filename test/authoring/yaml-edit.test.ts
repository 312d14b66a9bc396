/**
 * The surgical YAML editor: every byte it does not edit stays as it was (comments, alignment,
 * quoting, folded text), new keys go to their canonical place, and lists keep their style.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parse } from 'yaml';
import { YamlEdit, YamlEditError, renderFlow } from '../../src/core/authoring/yaml-edit.js';
import { IncidentDoc } from '../../src/core/authoring/incident-doc.js';

/** DOMAIN.md's example, with the alignment and comments people write. */
const EXAMPLE = `# yaml-language-server: $schema=../../schemas/incident.schema.json
id: INC-2025-0042
title: "orders.fct_orders: daily partition missing since 02:00 UTC"  # dataset + symptom
severity: SEV2
status: contained
symptom: freshness
domain: orders
datasets: [orders.fct_orders]
drill: false                        # drills are checked like any incident, kept out of metrics
impact: { summary: "Finance dashboards are empty", consumers: [finance-analytics], external: false }
started_at:      2025-08-03T02:00:00Z   # the fault entered the data (estimate allowed)
detected_at:     2025-08-03T06:12:00Z
acknowledged_at: 2025-08-03T06:20:00Z
contained_at:    2025-08-03T07:05:00Z
roles: { owner: alice, comms: bob }
channel: "#inc-2025-0042"
runbook: freshness-late-partition
ledger:                             # append-only; kind: hypothesis|evidence|change|decision|note
  - { at: 2025-08-03T06:25:00Z, by: alice, kind: hypothesis, text: "the export did not run" }
  - { at: 2025-08-03T06:40:00Z, by: carol, kind: evidence, text: "job failed at 01:58", links: ["https://x.example/1"] }

  # the mitigation, applied by bob
  - at: 2025-08-03T06:50:00Z
    by: bob
    kind: change
    text: >-
      folded text that spans
      two lines
mitigations:
  - id: M1
    action: "Backfill from the replica"
    reversible: true
    rollback: "drop the backfilled partition"
    preconditions: ["replica is current"]
    postconditions:
      - row count within 5% of baseline
    applied_at: 2025-08-03T07:00:00Z
updates: []
# trailing comment
`;

const lines = (s: string) => s.split('\n');

/** The lines of `after` that are not in `before`, and those of `before` that are gone. */
function lineDiff(before: string, after: string): { added: string[]; removed: string[] } {
  const a = lines(before);
  const b = lines(after);
  const count = (xs: string[]) => xs.reduce((m, x) => m.set(x, (m.get(x) ?? 0) + 1), new Map<string, number>());
  const ca = count(a);
  const cb = count(b);
  const added = b.filter((x) => { const n = ca.get(x) ?? 0; if (n > 0) { ca.set(x, n - 1); return false; } return true; });
  const removed = a.filter((x) => { const n = cb.get(x) ?? 0; if (n > 0) { cb.set(x, n - 1); return false; } return true; });
  return { added, removed };
}

const incident = (text = EXAMPLE) => new IncidentDoc('incidents/2025/INC-2025-0042.yaml', text);

describe('YamlEdit on an incident', () => {
  it('replaces a scalar in place: alignment and its comment stay', () => {
    const d = incident();
    d.edit.set(['status'], 'remediated');
    d.edit.set(['started_at'], '2025-08-03T01:30:00Z');
    expect(lineDiff(EXAMPLE, d.text)).toEqual({
      removed: ['status: contained', 'started_at:      2025-08-03T02:00:00Z   # the fault entered the data (estimate allowed)'],
      added: ['status: remediated', 'started_at:      2025-08-03T01:30:00Z   # the fault entered the data (estimate allowed)'],
    });
  });

  it('inserts a missing key at its place in the schema order', () => {
    const d = incident();
    d.edit.set(['remediated_at'], '2025-08-03T09:00:00Z');
    d.edit.set(['regression_of'], 'INC-2025-0007');
    d.edit.set(['root_cause'], { summary: 'Upstream schema change', category: 'upstream-schema-change' });
    const out = lines(d.text);
    expect(out[out.indexOf('contained_at:    2025-08-03T07:05:00Z') + 1]).toBe('remediated_at: 2025-08-03T09:00:00Z');
    expect(d.text).toContain('updates: []\nroot_cause:\n  summary: Upstream schema change\n  category: upstream-schema-change\nregression_of: INC-2025-0007\n# trailing comment\n');
    expect(lineDiff(EXAMPLE, d.text).removed).toEqual([]);
  });

  it('appends to a block list in the style of its last item, after the comments inside it', () => {
    const d = incident();
    d.edit.append(['ledger'], { at: '2025-08-03T07:10:00Z', by: 'alice', kind: 'decision', text: 'roll back: safer' });
    expect(d.text).toContain('      two lines\n  - at: 2025-08-03T07:10:00Z\n    by: alice\n    kind: decision\n    text: "roll back: safer"\nmitigations:');
    expect(lineDiff(EXAMPLE, d.text).removed).toEqual([]);
  });

  it('appends one-line entries to a list of one-line entries', () => {
    const text = EXAMPLE.replace(/\n\n {2}# the mitigation[\s\S]*?two lines\n/, '\n');
    const d = incident(text);
    d.edit.append(['ledger'], { at: '2025-08-03T07:10:00Z', by: 'alice', kind: 'note', text: 'a, b: c # d' });
    expect(d.text).toContain('\n  - { at: 2025-08-03T07:10:00Z, by: alice, kind: note, text: "a, b: c # d" }\nmitigations:');
  });

  it('turns an empty flow list into a block list of one-line entries', () => {
    const d = incident();
    d.edit.append(['updates'], { at: '2025-08-03T07:30:00Z', audience: 'consumers', stage: 'root_cause', text: 'Next update at 09:30.' });
    expect(d.text).toContain('updates:\n  - { at: 2025-08-03T07:30:00Z, audience: consumers, stage: root_cause, text: Next update at 09:30. }\n# trailing comment');
  });

  it('adds keys to flow mappings and items of flow lists', () => {
    const d = incident();
    d.edit.set(['roles', 'scribe'], 'carol');
    d.edit.set(['impact', 'external'], true);
    d.edit.append(['impact', 'consumers'], 'marketing-analytics');
    d.edit.append(['datasets'], 'orders.raw_orders');
    expect(lineDiff(EXAMPLE, d.text).added).toEqual([
      'datasets: [orders.fct_orders, orders.raw_orders]',
      'impact: { summary: "Finance dashboards are empty", consumers: [finance-analytics, marketing-analytics], external: true }',
      'roles: { owner: alice, comms: bob, scribe: carol }',
    ]);
  });

  it('adds a key to an item of a block list, in the item\'s own indentation', () => {
    const d = incident();
    d.edit.set(['mitigations', 0, 'rolled_back_at'], '2025-08-03T08:00:00Z');
    d.edit.set(['mitigations', 0, 'owner'], 'bob');
    expect(d.text).toContain('  - id: M1\n    action: "Backfill from the replica"\n    owner: bob\n    reversible: true');
    expect(d.text).toContain('    applied_at: 2025-08-03T07:00:00Z\n    rolled_back_at: 2025-08-03T08:00:00Z\nupdates: []');
  });

  it('deletes a key and only its line', () => {
    const d = incident();
    d.edit.delete(['contained_at']);
    expect(lineDiff(EXAMPLE, d.text)).toEqual({ removed: ['contained_at:    2025-08-03T07:05:00Z'], added: [] });
  });

  it('creates nested mappings and lists that do not exist yet', () => {
    const d = incident();
    d.edit.set(['review', 'due'], '2025-08-10');
    d.edit.append(['review', 'learnings'], 'Alert on the export job, not only on freshness.');
    d.edit.append(['review', 'action_items'], { id: 'A1', action: 'Contract test', owner: 'orders-data', due: '2025-09-01', status: 'open', type: 'prevent' });
    expect(d.data.review).toEqual({
      due: '2025-08-10',
      learnings: ['Alert on the export job, not only on freshness.'],
      action_items: [{ id: 'A1', action: 'Contract test', owner: 'orders-data', due: '2025-09-01', status: 'open', type: 'prevent' }],
    });
    expect(d.text).toContain('review:\n  due: 2025-08-10\n  learnings:\n    - Alert on the export job, not only on freshness.\n  action_items:\n    - id: A1\n');
  });

  it('keeps CRLF line endings', () => {
    const crlf = 'id: INC-2025-0001\r\nstatus: detected\r\nledger:\r\n  - { at: 2025-01-01T00:00:00Z, by: a, kind: note, text: x }\r\n';
    const e = new YamlEdit(crlf);
    e.append(['ledger'], { at: '2025-01-01T01:00:00Z', by: 'a', kind: 'note', text: 'y' });
    e.set(['closed_at'], '2025-01-02T00:00:00Z');
    expect(e.text.replace(/\r\n/g, '')).not.toContain('\n');
    expect(parse(e.text)).toMatchObject({ ledger: [{ text: 'x' }, { text: 'y' }], closed_at: '2025-01-02T00:00:00Z' });
  });

  it('adds a final newline before appending to a file without one', () => {
    const e = new YamlEdit('id: X\nledger:\n  - a');
    e.append(['ledger'], 'b');
    expect(e.text).toBe('id: X\nledger:\n  - a\n  - b\n');
  });

  it('refuses to edit YAML that does not parse', () => {
    expect(() => new YamlEdit('a: [1, 2\n')).toThrow(YamlEditError);
  });
});

describe('rendering new values', () => {
  it('quotes only what YAML would misread', () => {
    expect(renderFlow({ a: 'plain text', b: 'x: y', c: '#tag', d: 'yes', e: '2025-01-01', f: 12, g: true, h: 'a, b', i: 'multi\nline' })).toBe(
      '{ a: plain text, b: "x: y", c: "#tag", d: "yes", e: 2025-01-01, f: 12, g: true, h: "a, b", i: "multi\\nline" }');
  });

  it('writes any text so that it reads back the same (property)', () => {
    fc.assert(fc.property(fc.string({ minLength: 1, maxLength: 60 }), fc.string({ minLength: 1, maxLength: 60 }), (text, update) => {
      const d = incident();
      d.edit.append(['ledger'], { at: '2025-08-03T07:10:00Z', by: 'alice', kind: 'note', text });
      d.edit.append(['updates'], { at: '2025-08-03T07:11:00Z', audience: 'internal', stage: 'triage', text: update });
      d.edit.set(['title'], text);
      const back = parse(d.text);
      expect(back.ledger.at(-1).text).toBe(text);
      expect(back.updates.at(-1).text).toBe(update);
      expect(back.title).toBe(text);
      // Everything else is untouched.
      expect(lineDiff(EXAMPLE, d.text).removed.filter((l) => !l.startsWith('title:') && l !== 'updates: []')).toEqual([]);
    }), { numRuns: 200 });
  });
});
