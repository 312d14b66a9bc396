/** Text renderings of the metrics: a table for people, CSV (long format) for spreadsheets and BI tools. */
import type { Adherence, DurationStats, MetricsResult } from '../schema/metrics.js';
import { DURATION_NAMES } from '../schema/metrics.js';
import { formatDuration } from '../time.js';

type Body = Omit<MetricsResult, 'diagnostics'>;

const pct = (r: number | null) => (r === null ? '-' : `${(r * 100).toFixed(1)}%`);
const dur = (s: number | null) => (s === null ? '-' : formatDuration(s * 1000));

function table(rows: string[][]): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  return rows.map((r) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ').trimEnd()).join('\n');
}

const SHORT: Record<(typeof DURATION_NAMES)[number], string> = {
  time_to_detect: 'detect', time_to_acknowledge: 'acknowledge', time_to_contain: 'contain', time_to_resolve: 'resolve',
};

function durationRows(label: string, set: Record<string, DurationStats>, n?: number): string[][] {
  return DURATION_NAMES.map((name, i) => {
    const s = set[name];
    return [i === 0 ? label : '', i === 0 && n !== undefined ? String(n) : '', SHORT[name], String(s.count), dur(s.mean), dur(s.median), dur(s.p90)];
  });
}

function adherenceCells(a: Adherence): string[] {
  return [String(a.met), String(a.missed), String(a.pending), pct(a.rate)];
}

/** The report for a terminal. */
export function metricsTable(m: Body): string {
  const out: string[] = [];
  const c = m.counts;
  out.push(`Incidents: ${c.incidents} (${c.open} open, ${c.closed} closed, ${c.declined} declined); drills apart: ${c.drills}${c.skipped ? `; skipped (no detected_at): ${c.skipped}` : ''}`);
  out.push(`Window: ${m.window.since ?? 'start'} → ${m.window.until ?? 'end'}   now: ${m.now}`);
  out.push(`History: ${m.history.available ? `${m.history.commits} commits${m.history.partial ? ' (PARTIAL: shallow clone)' : ''}` : 'not available (not a git repository)'}`);
  out.push('', 'Durations');
  const head = ['group', 'n', 'duration', 'count', 'mean', 'median', 'p90'];
  const rows = [head, ...durationRows('all', m.durations.overall, c.incidents)];
  for (const [title, list] of [['severity', m.durations.by_severity], ['domain', m.durations.by_domain], ['producer', m.durations.by_producer], ['month', m.durations.by_month]] as const) {
    for (const g of list) rows.push(...durationRows(`${title} ${g.key}`, g.durations, g.incidents));
  }
  out.push(table(rows));
  out.push('', `Regression rate: ${pct(m.regression.rate)} (${m.regression.count}/${m.regression.total}, window ${m.regression.window})`);
  out.push(`Reopen rate:     ${m.history.available ? `${pct(m.reopen.rate)} (${m.reopen.count}/${m.reopen.total})` : '- (needs the git history)'}`);
  out.push('', 'Adherence');
  const arows = [['box', 'met', 'missed', 'pending', 'rate']];
  for (const box of ['acknowledge', 'contain', 'resolve', 'review_within'] as const) arows.push([box, ...adherenceCells(m.time_boxes[box].overall)]);
  arows.push(['update cadence', ...adherenceCells(m.update_cadence.overall)]);
  out.push(table(arows));
  const a = m.action_items;
  out.push(`Action items on time: ${pct(a.rate)} (${a.on_time} on time, ${a.late} late, ${a.overdue} overdue, ${a.pending} not yet due)`);
  if (m.contract_breaches.length) {
    out.push('', 'Contract breaches');
    out.push(table([['dataset', 'incidents', 'detect', 'repair', 'breached'], ...m.contract_breaches.map((b) => [b.dataset, String(b.incidents), String(b.detect), String(b.repair), String(b.breached)])]));
  }
  out.push('', `Open incidents by age: ${m.open_by_age.buckets.map((b) => `${b.label} ${b.count}`).join(', ')}`);
  if (m.drills.count) out.push(`Drills (kept out): ${m.drills.count}`);
  return `${out.join('\n')}\n`;
}

function csvCell(v: string | number | null): string {
  if (v === null) return '';
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Long format: one value per row, `section,group,key,measure,value`. Durations in seconds, rates 0..1. */
export function metricsCsv(m: Body): string {
  const rows: (string | number | null)[][] = [['section', 'group', 'key', 'measure', 'value']];
  const push = (section: string, group: string, key: string, measure: string, value: string | number | null) => rows.push([section, group, key, measure, value]);
  const durations = (group: string, key: string, set: Record<string, DurationStats>, n?: number) => {
    if (n !== undefined) push('durations', group, key, 'incidents', n);
    for (const name of DURATION_NAMES) for (const k of ['count', 'mean', 'median', 'p90'] as const) push('durations', group, key, `${name}.${k}`, set[name][k]);
  };
  for (const [k, v] of Object.entries(m.counts)) push('counts', 'all', '', k, v);
  durations('all', '', m.durations.overall, m.counts.incidents);
  for (const [group, list] of [['severity', m.durations.by_severity], ['domain', m.durations.by_domain], ['producer', m.durations.by_producer], ['month', m.durations.by_month]] as const) {
    for (const g of list) durations(group, g.key, g.durations, g.incidents);
  }
  for (const k of ['count', 'total', 'rate'] as const) push('regression', 'all', '', k, m.regression[k]);
  for (const k of ['count', 'total', 'rate'] as const) push('reopen', 'all', '', k, m.reopen[k]);
  const adherence = (section: string, box: { overall: Adherence; by_severity: { severity: string; adherence: Adherence }[] }) => {
    for (const k of ['met', 'missed', 'pending', 'rate'] as const) push(section, 'all', '', k, box.overall[k]);
    for (const s of box.by_severity) for (const k of ['met', 'missed', 'pending', 'rate'] as const) push(section, 'severity', s.severity, k, s.adherence[k]);
  };
  for (const box of ['acknowledge', 'contain', 'resolve', 'review_within'] as const) adherence(`time_box.${box}`, m.time_boxes[box]);
  adherence('update_cadence', m.update_cadence);
  for (const k of ['total', 'on_time', 'late', 'overdue', 'pending', 'rate'] as const) push('action_items', 'all', '', k, m.action_items[k]);
  for (const b of m.contract_breaches) for (const k of ['incidents', 'detect', 'repair', 'breached'] as const) push('contract_breaches', 'dataset', b.dataset, k, b[k]);
  for (const b of m.open_by_age.buckets) push('open_by_age', 'age', b.label, 'count', b.count);
  push('drills', 'all', '', 'count', m.drills.count);
  return `${rows.map((r) => r.map(csvCell).join(',')).join('\n')}\n`;
}
