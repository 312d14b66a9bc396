/** The pure modules the change checks share with `watch`: time boxes, escalation, the append-only diff. */
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { nextUpdateDue, overruns, timeBoxes } from '../../src/core/timeboxes.js';
import { escalationAt, escalationPolicyFor } from '../../src/core/escalation.js';
import { diffAppendOnly } from '../../src/core/check/rules/append-only.js';
import { buildIndex } from '../../src/core/repo-index.js';
import type { RepoModel } from '../../src/core/model.js';
import type { Incident } from '../../src/core/schema/incident.js';
import type { SeverityConfig } from '../../src/core/schema/config.js';
import { TEAMS, DOMAIN, closed, triaged } from './fixture.js';

const SEV2: SeverityConfig = {
  id: 'SEV2', name: 'Major', description: 'x', signoff: ['producer'], review_required: true,
  time_boxes: { acknowledge: 'PT30M', contain: 'PT4H', resolve: 'P1D', update_every: 'PT2H', review_within: 'P10D' },
};
const T = (iso: string) => Date.parse(iso);
const inc = (o: Record<string, unknown>) => o as unknown as Incident;

describe('timeboxes', () => {
  it('an open incident: boxes from detected_at, update cadence from the latest update', () => {
    const i = inc(triaged());
    expect(timeBoxes(i, SEV2).map((w) => [w.box, w.from.field, new Date(w.due).toISOString(), w.end.at !== undefined, w.applies])).toEqual([
      ['acknowledge', 'detected_at', '2025-08-03T06:30:00.000Z', true, true],
      ['contain', 'detected_at', '2025-08-03T10:00:00.000Z', false, true],
      ['resolve', 'detected_at', '2025-08-04T06:00:00.000Z', false, true],
      ['update_every', 'updates[1].at', '2025-08-03T13:00:00.000Z', false, true],
    ]);
    expect(overruns(i, SEV2, T('2025-08-03T10:00:00Z'))).toEqual([]); // due is not past due
    expect(overruns(i, SEV2, T('2025-08-03T13:30:00Z')).map((o) => [o.box, o.overdueMs / 60_000])).toEqual([['contain', 210], ['update_every', 30]]);
    expect(nextUpdateDue(i, SEV2)).toBe(T('2025-08-03T13:00:00Z'));
  });

  it('without updates the cadence runs from detected_at; an acknowledged box is never overdue', () => {
    const i = inc({ ...triaged(), updates: undefined, acknowledged_at: undefined });
    const o = overruns(i, SEV2, T('2025-08-03T09:00:00Z'));
    expect(o.map((x) => [x.box, x.from.field, x.overdueMs / 60_000])).toEqual([['acknowledge', 'detected_at', 150], ['update_every', 'detected_at', 60]]);
  });

  it('a closed incident: only review_within, until review.held_at', () => {
    const c = inc({ ...closed(), severity: 'SEV2' });
    const now = T('2025-07-20T00:00:00Z');
    expect(overruns(c, SEV2, now).map((o) => [o.box, o.from.field, new Date(o.due).toISOString()])).toEqual([['review_within', 'closed_at', '2025-07-12T10:00:00.000Z']]);
    expect(overruns(inc({ ...closed(), review: { due: '2025-07-10', held_at: '2025-07-15T10:00:00Z' } }), SEV2, now)).toEqual([]);
    expect(overruns(inc({ ...closed(), status: 'declined' }), SEV2, now)).toEqual([]);
    expect(overruns(c, { ...SEV2, review_required: false }, now)).toEqual([]);
  });
});

describe('escalation', () => {
  const model = (teams: string): RepoModel => ({
    label: 'test', domains: [{ path: 'ownership/domains/orders.yaml', data: parse(DOMAIN), valid: true }], runbooks: [], incidents: [], incidentPaths: [], filesRead: 0,
    teams: { path: 'ownership/teams.yaml', data: parse(teams), valid: true },
    escalation: { path: 'ownership/escalation.yaml', valid: true, data: parse(`policies:
  - id: critical
    levels:
      - { after: PT0M, notify: [oncall:orders-data] }
      - { after: PT30M, notify: [team:orders-data, exec:vp-data] }
  - id: standard
    levels:
      - { after: PT15M, notify: [oncall:platform] }
executives: [{ id: vp-data, name: Vera, login: vera }]
vendors: []
`) },
  });

  it("uses the first dataset's producer team policy; the level is the last whose after ≤ the overrun", () => {
    const idx = buildIndex(model(TEAMS));
    const i = inc(triaged());
    expect(escalationPolicyFor(idx, i)).toMatchObject({ team: 'orders-data', via: 'producer', policy: { id: 'critical' } });
    const at = T('2025-08-03T12:00:00Z');
    expect(escalationAt(idx, i, 29 * 60_000, at)).toMatchObject({ level: 1, after: 'PT0M', notify: ['oncall:orders-data'], next: { level: 2, after: 'PT30M' } });
    expect(escalationAt(idx, i, 29 * 60_000, at)!.targets[0].logins).toEqual(['bob']);
    const l2 = escalationAt(idx, i, 30 * 60_000, at)!;
    expect(l2).toMatchObject({ level: 2, notify: ['team:orders-data', 'exec:vp-data'] });
    expect(l2.next).toBeUndefined();
    expect(l2.targets.map((t) => [t.target, t.logins, t.githubTeams])).toEqual([['team:orders-data', [], ['@acme/orders-data']], ['exec:vp-data', ['vera'], []]]);
  });

  it("falls back to the owner's team, and says when no level applies yet", () => {
    const noProducerPolicy = TEAMS.replace('    escalation: critical\n', '');
    const idx = buildIndex(model(noProducerPolicy.replace('members: [pat, quinn]', 'members: [pat, quinn, carol]')));
    const i = inc({ ...triaged(), roles: { owner: 'carol' } });
    expect(escalationPolicyFor(idx, i)).toMatchObject({ team: 'platform', via: 'owner', policy: { id: 'standard' } });
    expect(escalationAt(idx, i, 10 * 60_000, 0)).toMatchObject({ level: 0, notify: [], targets: [], next: { level: 1, after: 'PT15M' } });
    expect(escalationAt(buildIndex(model(noProducerPolicy)), inc(triaged()), 0, 0)).toBeUndefined();
  });
});

describe('diffAppendOnly', () => {
  const a = { at: '1', text: 'a' };
  const b = { at: '2', text: 'b' };
  const c = { at: '3', text: 'c' };
  const x = { at: '4', text: 'x' };

  it('appends only', () => {
    expect(diffAppendOnly([a, b], [a, b, x])).toEqual({ edited: [], removed: [], moved: [], inserted: [], added: [2] });
    expect(diffAppendOnly([], [x])).toMatchObject({ added: [0] });
  });

  it('finds edits, removals, moves and insertions', () => {
    expect(diffAppendOnly([a, b, c], [a, { ...b, text: 'B' }, c])).toEqual({ edited: [{ base: 1, head: 1, field: 'text' }], removed: [], moved: [], inserted: [], added: [] });
    expect(diffAppendOnly([a, b, c], [a, c])).toEqual({ edited: [], removed: [1], moved: [], inserted: [], added: [] });
    expect(diffAppendOnly([a, b, c], [b, a, c]).moved).toHaveLength(1);
    expect(diffAppendOnly([a, b, c], [a, x, b, c])).toEqual({ edited: [], removed: [], moved: [], inserted: [1], added: [1] });
    expect(diffAppendOnly([a, b], [a, b, x, { ...a }])).toMatchObject({ edited: [], removed: [], added: [2, 3] });
  });
});
