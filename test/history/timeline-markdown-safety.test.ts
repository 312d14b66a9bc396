/** `sitrep timeline --format md` is pasted into PRs and docs: incident text must stay literal and ping nobody. */
import { describe, expect, it } from 'vitest';
import { buildTimeline, timelineMarkdown } from '../../src/core/timeline.js';
import type { Incident } from '../../src/core/schema/incident.js';

const hostile: Incident = {
  id: 'INC-2025-0001', title: 'x', severity: 'SEV4', status: 'detected', symptom: 'freshness', domain: 'orders',
  datasets: ['orders.fct_orders'], detected_at: '2025-01-01T00:00:00Z',
  ledger: [{ at: '2025-01-01T00:05:00Z', by: 'alice', kind: 'note', text: 'ping @acme-data/everyone | <script>alert(1)</script> [x](javascript:alert(2))\n::set-output name=x::y' }],
};

describe('timeline markdown', () => {
  const md = timelineMarkdown(buildTimeline(hostile));
  const row = md.split('\n').find((l) => l.includes('ping'))!;
  it('keeps every row one table row', () => {
    expect(row.split(/(?<!\\)\|/).length).toBe(8);
  });
  it('escapes html, links and workflow commands, and neutralises mentions', () => {
    expect(row).not.toContain('<script>');
    expect(row).not.toMatch(/\]\(javascript:/);
    expect(row).not.toContain('@acme-data');
    expect(row).toContain('@\u200Dacme-data');
    expect(md).not.toMatch(/^::/m);
  });
});
