/**
 * Bad input, property-based: whatever the base and head versions of an incident hold (wrong types,
 * missing fields, odd lists, invalid YAML), the change checks answer with user diagnostics only:
 * no exception and no INTERNAL finding. The sources are in memory (checkChange is pure).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { checkChange, type ChangedFile } from '../../src/core/check/index.js';
import type { FileSource } from '../../src/core/source.js';
import { closed, contained, triaged, TEAMS, DOMAIN, RUNBOOK } from './fixture.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../support/paths.js';

class MemorySource implements FileSource {
  readonly label = 'memory';
  constructor(readonly files: Map<string, string>) {}
  async list(prefixes: readonly string[]) {
    return [...this.files.keys()].filter((p) => prefixes.some((x) => p === x || p.startsWith(`${x}/`))).sort();
  }
  async read(path: string) {
    const t = this.files.get(path);
    return t === undefined ? undefined : Buffer.from(t);
  }
  async close() {}
}

const config = readFileSync(join(REPO_ROOT, 'sitrep.config.yaml'), 'utf8');
const escalation = `policies:\n  - id: critical\n    levels: [{ after: PT0M, notify: [oncall:orders-data] }]\n  - id: standard\n    levels: [{ after: PT0M, notify: [team:platform] }]\nexecutives: [{ id: vp-data, name: Vera, login: vera }]\nvendors: []\n`;
const common = (): [string, string][] => [
  ['sitrep.config.yaml', config], ['ownership/teams.yaml', TEAMS], ['ownership/escalation.yaml', escalation],
  ['ownership/domains/orders.yaml', DOMAIN], ['runbooks/late-partition.yaml', RUNBOOK],
];
const PATH = 'incidents/2025/INC-2025-0001.yaml';

/** A value of any JSON shape, to drop into a field. */
const anyValue = fc.oneof(
  fc.constant(null), fc.boolean(), fc.integer(), fc.string({ maxLength: 12 }),
  fc.constantFrom('2025-08-03T06:00:00Z', '2030-01-01T00:00:00Z', 'not a date', 'closed', 'triaged', 'LIFECYCLE_SKIP', 'alice', 'exec:vp-data'),
  fc.array(fc.oneof(fc.string({ maxLength: 5 }), fc.record({ at: fc.string(), kind: fc.constantFrom('decision', 'note', 7) })), { maxLength: 3 }),
  fc.dictionary(fc.constantFrom('at', 'by', 'kind', 'text', 'stage', 'rule', 'approved_by', 'team'), fc.string({ maxLength: 6 }), { maxKeys: 4 }),
);
const FIELDS = ['status', 'ledger', 'updates', 'waivers', 'signoff', 'escalations', 'detected_at', 'closed_at', 'datasets', 'severity', 'runbook', 'review', 'regression_of', 'impact', 'id'] as const;
/** One version of the incident: a sample mutated field by field, or raw text. */
const version = fc.oneof(
  fc.tuple(fc.constantFrom(triaged, contained, closed), fc.array(fc.tuple(fc.constantFrom(...FIELDS), fc.option(anyValue)), { maxLength: 4 }))
    .map(([make, edits]) => {
      const inc: Record<string, unknown> = make('INC-2025-0001');
      for (const [k, v] of edits) { if (v === null) delete inc[k]; else inc[k] = v; }
      return stringify(inc);
    }),
  fc.constantFrom('', 'ledger: [', '- a list\n', 'status: closed\nstatus: open\n', '\u0000binary'),
  fc.string({ maxLength: 40 }),
);

describe('checkChange on arbitrary incident versions', () => {
  it('reports user diagnostics only', async () => {
    await fc.assert(fc.asyncProperty(fc.option(version), fc.option(version), async (before, after) => {
      const base = new Map(common());
      const head = new Map(common());
      if (before !== null) base.set(PATH, before);
      if (after !== null) head.set(PATH, after);
      const status: ChangedFile['status'] | undefined = before === null ? (after === null ? undefined : 'A') : after === null ? 'D' : 'M';
      const changed: ChangedFile[] = status ? [{ status, path: PATH }] : [];
      const now = Date.parse('2025-08-03T12:00:00Z');
      const r = await checkChange(new MemorySource(base), new MemorySource(head), changed, { now, headTime: now });
      expect(r.diagnostics.filter((d) => d.code === 'INTERNAL')).toEqual([]);
      for (const d of r.diagnostics) expect(d.line).toBeGreaterThanOrEqual(1);
    }), { numRuns: 300 });
  });

  it('a team file the PR breaks is reported, not thrown', async () => {
    for (const broken of ['teams: 7', 'teams: [{ id: 5 }]', '', 'teams:\n  - members: nope']) {
      const base = new Map([...common(), [PATH, stringify(triaged())]]);
      const head = new Map([...common(), [PATH, stringify(triaged())], ['ownership/teams.yaml', broken]]);
      const now = Date.parse('2025-08-03T12:00:00Z');
      const r = await checkChange(new MemorySource(base), new MemorySource(head), [{ status: 'M', path: 'ownership/teams.yaml' }], { now, headTime: now });
      expect(r.diagnostics.filter((d) => d.code === 'INTERNAL')).toEqual([]);
      expect(r.summary.errors).toBeGreaterThan(0);
    }
  });
});
