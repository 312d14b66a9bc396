import { describe, expect, it } from 'vitest';
import { buildTimeline, timelineMarkdown, timelineMermaid } from '../../src/core/timeline.js';
import type { Incident } from '../../src/core/schema/incident.js';
import type { IncidentCommit } from '../../src/core/history/types.js';

const incident: Incident = {
  id: 'INC-2025-0042',
  title: 'orders.fct_orders: daily partition missing',
  severity: 'SEV2',
  status: 'contained',
  symptom: 'freshness',
  domain: 'orders',
  datasets: ['orders.fct_orders'],
  started_at: '2025-08-03T02:00:00Z',
  detected_at: '2025-08-03T08:12:00+02:00',
  acknowledged_at: '2025-08-03T06:20:00Z',
  contained_at: '2025-08-03T07:05:00Z',
  ledger: [
    { at: '2025-08-03T06:25:00Z', by: 'alice', kind: 'hypothesis', text: 'Upstream | late' },
    { at: '2025-08-03T06:40:00Z', by: 'carol', kind: 'evidence', text: 'Row count 0' },
  ],
  updates: [{ at: '2025-08-03T06:30:00Z', audience: 'consumers', stage: 'triage', text: 'We are on it' }],
  mitigations: [{ id: 'M1', action: 'Pause the dashboard refresh', reversible: false, applied_at: '2025-08-03T07:00:00Z' }],
};

describe('buildTimeline without history', () => {
  it('orders declared timestamps, ledger and updates, each with its source', () => {
    const t = buildTimeline(incident);
    expect(t.events.map((e) => [e.at, e.source, e.kind, e.field])).toEqual([
      ['2025-08-03T02:00:00Z', 'declared', 'started', 'started_at'],
      ['2025-08-03T06:12:00Z', 'declared', 'detected', 'detected_at'],
      ['2025-08-03T06:20:00Z', 'declared', 'acknowledged', 'acknowledged_at'],
      ['2025-08-03T06:25:00Z', 'ledger', 'hypothesis', 'ledger[0]'],
      ['2025-08-03T06:30:00Z', 'update', 'consumers', 'updates[0]'],
      ['2025-08-03T06:40:00Z', 'ledger', 'evidence', 'ledger[1]'],
      ['2025-08-03T07:00:00Z', 'declared', 'mitigation-applied', 'mitigations[0].applied_at'],
      ['2025-08-03T07:05:00Z', 'declared', 'contained', 'contained_at'],
    ]);
    expect(t.warnings).toEqual([]);
  });

  it('links entries to their recording commits and warns when one is dated after its commit', () => {
    const commits: IncidentCommit[] = [
      {
        sha: 'a'.repeat(40), author: { name: 'Alice', email: 'alice@example.com' }, at: '2025-08-03T06:30:00Z', committedAt: '2025-08-03T06:30:00Z',
        subject: 'declare', path: 'incidents/2025/INC-2025-0042.yaml', merge: false, pr: 7,
        changes: [
          { kind: 'created', status: 'triaged', severity: 'SEV2' },
          { kind: 'timestamp', field: 'detected_at', to: '2025-08-03T08:12:00+02:00' },
          // Dated 06:40, recorded 06:30: beyond the 5 minute tolerance.
          { kind: 'ledger-added', index: 1, at: '2025-08-03T06:40:00Z', by: 'carol', entryKind: 'evidence', text: 'Row count 0' },
        ],
      },
    ];
    const t = buildTimeline(incident, commits);
    const detected = t.events.find((e) => e.kind === 'detected')!;
    expect(detected.recorded).toEqual({ sha: 'a'.repeat(40), at: '2025-08-03T06:30:00Z', by: 'Alice', pr: 7 });
    expect(t.events.filter((e) => e.source === 'commit').map((e) => [e.at, e.kind, e.changes])).toEqual([
      ['2025-08-03T06:30:00Z', 'created', ['created as triaged (SEV2)', 'detected_at 2025-08-03T08:12:00+02:00', 'ledger[1] evidence']],
    ]);
    expect(t.warnings.map((w) => [w.code, w.path])).toEqual([['HISTORY_AFTER_COMMIT', ['ledger', 1]]]);
  });

  it('renders a markdown table and a mermaid gantt', () => {
    const t = buildTimeline(incident);
    const md = timelineMarkdown(t);
    expect(md.split('\n')[0]).toBe('| Time (UTC) | Source | Kind | By | What | Recorded in |');
    expect(md).toContain('Upstream \\| late');
    const mm = timelineMermaid(t, { title: 'INC-2025-0042: x', now: Date.parse('2025-08-03T09:00:00Z') });
    expect(mm).toContain('Undetected :done, s1, 2025-08-03 02:00:00, 2025-08-03 06:12:00');
    expect(mm).toContain('Root cause and remediation (in progress) :active');
    expect(mm).not.toMatch(/title .*:.*\(UTC\)/);
  });
});
