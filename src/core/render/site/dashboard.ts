/**
 * The metrics dashboard: the numbers come from src/core/metrics (the binding definitions), the
 * trends per severity from the same computation over each severity's incidents. Each chart is
 * inline SVG with a table of the same numbers beside it.
 */
import type { RepoIndex } from '../../repo-index.js';
import type { DurationName, MetricsResult } from '../../schema/metrics.js';
import { computeMetrics, type MetricsBody, type MetricsHistory } from '../../metrics/compute.js';
import { formatDuration } from '../../time.js';
import { barChart, durationStep, lineChart, PALETTE, type Svg } from './charts.js';

const TRENDS: { name: DurationName; label: string }[] = [
  { name: 'time_to_detect', label: 'Time to detect' },
  { name: 'time_to_contain', label: 'Time to contain' },
  { name: 'time_to_resolve', label: 'Time to resolve' },
];

const BOXES = [
  { key: 'acknowledge', label: 'Acknowledge' },
  { key: 'contain', label: 'Contain' },
  { key: 'resolve', label: 'Resolve' },
  { key: 'review_within', label: 'Review held in time' },
] as const;

const dur = (seconds: number) => formatDuration(seconds * 1000);
const pct = (r: number) => `${Math.round(r * 1000) / 10}%`;

export interface TrendView {
  id: string;
  title: string;
  chart: Svg;
  legend: { name: string; color: string }[];
  severities: string[];
  /** One row per month: the median per severity (and overall) with its count. */
  rows: { month: string; cells: { median?: number; count: number }[] }[];
}

export interface DashboardView {
  generatedAt: number;
  counts: MetricsResult['counts'];
  empty: boolean;
  trends: TrendView[];
  overall: { label: string; median?: number; p90?: number; mean?: number; count: number }[];
  regression: {
    chart: Svg;
    rows: { severity: string; count: number; total: number; rate: number | null }[];
    overall: MetricsBody['regression'];
    reopen: MetricsBody['reopen'];
    historyAvailable: boolean;
  };
  domains: { chart: Svg; rows: { domain: string; incidents: number; medianResolve?: number }[] };
  adherence: {
    chart: Svg;
    severities: string[];
    rows: { box: string; met: number; missed: number; pending: number; rate: number | null; bySeverity: (number | null)[] }[];
  };
  actionItems: MetricsBody['action_items'];
  openByAge: { chart: Svg; rows: { label: string; count: number }[] };
  breaches: MetricsBody['contract_breaches'];
  drills: number;
  /** The metrics JSON, for data/metrics.json. */
  metrics: MetricsBody;
}

/** The index restricted to some incidents: the metrics read only `model.incidents`, the config and ownership. */
function subset(idx: RepoIndex, keep: (severity: unknown) => boolean): RepoIndex {
  return { ...idx, model: { ...idx.model, incidents: idx.model.incidents.filter((f) => keep((f.data as { severity?: unknown })?.severity)) } };
}

export function dashboardView(idx: RepoIndex, now: number, history?: MetricsHistory): DashboardView {
  const metrics = computeMetrics({ idx, now, history });
  const severities = (idx.config?.taxonomy.severities ?? []).map((s) => s.id).filter((id) => metrics.durations.by_severity.some((g) => g.key === id));
  const perSeverity = new Map(severities.map((s) => [s, computeMetrics({ idx: subset(idx, (v) => v === s), now, history })]));
  const months = metrics.durations.by_month.map((g) => g.key);

  const trends: TrendView[] = TRENDS.map(({ name, label }) => {
    const lines = [
      ...severities.map((s) => ({ name: s, groups: perSeverity.get(s)!.durations.by_month })),
      { name: 'All', groups: metrics.durations.by_month },
    ];
    const series = lines.map((l) => {
      const byMonth = new Map(l.groups.map((g) => [g.key, g.durations[name]]));
      return { name: l.name, values: months.map((m) => (byMonth.get(m)?.median ?? null) as number | null), counts: months.map((m) => byMonth.get(m)?.count ?? 0) };
    });
    const chart = lineChart({ id: `trend-${name}`, title: `${label}, median per month of detection`, x: months, series: series.map((s) => ({ name: s.name, values: s.values })), format: dur, step: durationStep });
    return {
      id: name,
      title: label,
      chart,
      legend: chart.legend,
      severities: lines.map((l) => l.name),
      rows: months.map((month, i) => ({ month, cells: series.map((s) => ({ ...(s.values[i] !== null ? { median: s.values[i]! } : {}), count: s.counts[i] })) })),
    };
  });

  const regressionRows = severities.map((s) => {
    const r = perSeverity.get(s)!.regression;
    return { severity: s, count: r.count, total: r.total, rate: r.rate };
  });
  const regressionChart = barChart({
    id: 'regression', title: 'Regression rate by severity', max: 1, format: pct,
    bars: [...regressionRows.map((r) => ({ label: r.severity, value: r.rate })), { label: 'All', value: metrics.regression.rate }],
  });

  const domainName = (id: string) => idx.domains.get(id)?.domain.name ?? id;
  const domainRows = [...metrics.durations.by_domain]
    .sort((a, b) => b.incidents - a.incidents || a.key.localeCompare(b.key))
    .map((g) => ({ domain: g.key, name: domainName(g.key), incidents: g.incidents, ...(g.durations.time_to_resolve.median !== null ? { medianResolve: g.durations.time_to_resolve.median } : {}) }));
  const domainChart = barChart({ id: 'domains', title: 'Incidents by domain', format: (v) => String(Math.round(v)), bars: domainRows.map((r) => ({ label: r.name, value: r.incidents })) });

  const adherenceRows = [
    ...BOXES.map(({ key, label }) => ({ label, a: metrics.time_boxes[key] })),
    { label: 'Update cadence', a: metrics.update_cadence },
  ].map(({ label, a }) => ({
    box: label, met: a.overall.met, missed: a.overall.missed, pending: a.overall.pending, rate: a.overall.rate,
    bySeverity: severities.map((s) => a.by_severity.find((x) => x.severity === s)?.adherence.rate ?? null),
  }));
  const adherenceChart = barChart({ id: 'adherence', title: 'Time-box adherence (share met)', max: 1, format: pct, bars: adherenceRows.map((r) => ({ label: r.box, value: r.rate })) });

  const ageRows = metrics.open_by_age.buckets.map((b) => ({ label: b.label, count: b.count }));
  const ageChart = barChart({ id: 'open-age', title: 'Open incidents by age', format: (v) => String(Math.round(v)), bars: ageRows.map((r) => ({ label: r.label, value: r.count })) });

  const o = metrics.durations.overall;
  return {
    generatedAt: now,
    counts: metrics.counts,
    empty: metrics.counts.incidents === 0,
    trends,
    overall: [
      { label: 'Time to detect', s: o.time_to_detect },
      { label: 'Time to acknowledge', s: o.time_to_acknowledge },
      { label: 'Time to contain', s: o.time_to_contain },
      { label: 'Time to resolve', s: o.time_to_resolve },
    ].map(({ label, s }) => ({ label, count: s.count, ...(s.median !== null ? { median: s.median } : {}), ...(s.p90 !== null ? { p90: s.p90 } : {}), ...(s.mean !== null ? { mean: s.mean } : {}) })),
    regression: { chart: regressionChart, rows: regressionRows, overall: metrics.regression, reopen: metrics.reopen, historyAvailable: metrics.history.available },
    domains: { chart: domainChart, rows: domainRows },
    adherence: { chart: adherenceChart, severities, rows: adherenceRows },
    actionItems: metrics.action_items,
    openByAge: { chart: ageChart, rows: ageRows },
    breaches: metrics.contract_breaches.filter((b) => b.breached > 0).slice(0, 20),
    drills: metrics.drills.count,
    metrics,
  };
}

export { PALETTE };
