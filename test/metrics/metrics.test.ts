/**
 * Metrics on a real git repo (test/metrics/fixture.ts), against values computed by hand.
 * Durations in seconds. Non-drill incidents: H, G, A, B, C, D, E (7); the drill F is apart.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { createMetricsRepo, NOW, type MetricsFixture } from './fixture.js';
import { runCli } from '../support/run-cli.js';
import { MetricsResultSchema, type MetricsResult } from '../../src/core/schema/metrics.js';
import { FsSource } from '../../src/io/fs-source.js';
import { loadRepo } from '../../src/core/load.js';
import { buildIndex } from '../../src/core/repo-index.js';
import { computeMetrics } from '../../src/core/metrics/compute.js';
import { readStatusHistory } from '../../src/git/incident-history.js';
import { nearestRank, summarize } from '../../src/core/metrics/stats.js';

const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule) as unknown as (a: Ajv) => void;
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
const validateMetrics = ajv.compile(MetricsResultSchema);

const H = 3600;
const stats = (count: number, mean: number | null, median: number | null, p90: number | null) => ({ count, mean, median, p90 });

describe('summary statistics', () => {
  it('uses the nearest rank for p90 and the mean of the two middle values for an even median', () => {
    expect(nearestRank([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9)).toBe(9);
    expect(nearestRank([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], 0.9)).toBe(10);
    expect(nearestRank([5], 0.9)).toBe(5);
    expect(summarize([4000, 1000, 2000, 3000])).toEqual({ count: 4, mean: 2.5, median: 2.5, p90: 4 });
    expect(summarize([])).toEqual({ count: 0, mean: null, median: null, p90: null });
  });
});

describe('sitrep metrics on a real history', () => {
  let fx: MetricsFixture;
  let m: MetricsResult;
  beforeAll(() => {
    fx = createMetricsRepo();
    const run = runCli(['metrics', '--format', 'json', '--now', NOW], { cwd: fx.repo.dir });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    m = JSON.parse(run.stdout);
  });
  afterAll(() => fx.repo.cleanup());

  it('publishes JSON that matches schemas/metrics.schema.json', () => {
    expect(validateMetrics(m), JSON.stringify(validateMetrics.errors)).toBe(true);
    expect(m.diagnostics).toEqual([]);
    expect(m.now).toBe(NOW);
    expect(m.window).toEqual({ since: null, until: null });
    expect(m.history).toEqual({ available: true, partial: false, commits: 5 });
  });

  it('counts incidents with drills apart', () => {
    expect(m.counts).toEqual({ incidents: 7, open: 2, closed: 4, declined: 1, drills: 1, skipped: 0 });
    expect(m.drills.count).toBe(1);
    expect(m.drills.ids).toEqual(['INC-2025-0006']);
    expect(m.drills.durations).toEqual({
      time_to_detect: stats(1, 1800, 1800, 1800), time_to_acknowledge: stats(1, 300, 300, 300),
      time_to_contain: stats(1, 1800, 1800, 1800), time_to_resolve: stats(1, 3600, 3600, 3600),
    });
  });

  it('computes durations overall: mean, median, p90 (nearest rank)', () => {
    expect(m.durations.overall).toEqual({
      // started→detected: G 0.5h, B 1h, H 1h, A 3h, D 4h (C and E have no started_at). Sum 9.5h = 34200 s / 5.
      time_to_detect: stats(5, 6840, 1 * H, 4 * H),
      // A 10m, D 10m, C 20m, G 20m, H 20m, B 45m: sum 125m = 7500 s / 6; median (20m+20m)/2; p90 rank 6.
      time_to_acknowledge: stats(6, 1250, 1200, 2700),
      // A 1h, G 1h, H 1h, B 3h, D 3h: 9h / 5 = 1.8h.
      time_to_contain: stats(5, 6480, 1 * H, 3 * H),
      // G 4h, A 5h, H 6h, B 10h: 25h / 4; median (5h+6h)/2; p90 rank ceil(3.6) = 4.
      time_to_resolve: stats(4, 22500, 19800, 10 * H),
    });
  });

  it('groups durations by severity, domain, producer team and month', () => {
    expect(m.durations.by_severity.map((g) => [g.key, g.incidents])).toEqual([['SEV1', 2], ['SEV2', 5]]);
    const sev1 = m.durations.by_severity[0].durations;
    expect(sev1.time_to_detect).toEqual(stats(2, 3.5 * H, 3.5 * H, 4 * H)); // A 3h, D 4h
    expect(sev1.time_to_contain).toEqual(stats(2, 2 * H, 2 * H, 3 * H)); // A 1h, D 3h
    expect(sev1.time_to_resolve).toEqual(stats(1, 5 * H, 5 * H, 5 * H)); // A only
    const sev2 = m.durations.by_severity[1].durations;
    expect(sev2.time_to_acknowledge).toEqual(stats(4, 1575, 1200, 2700)); // C, G, H 20m; B 45m
    expect(sev2.time_to_resolve).toEqual(stats(3, 24000, 6 * H, 10 * H)); // G 4h, H 6h, B 10h

    expect(m.durations.by_domain.map((g) => [g.key, g.incidents])).toEqual([['orders', 6], ['payments', 1]]);
    expect(m.durations.by_domain[1].durations.time_to_resolve).toEqual(stats(0, null, null, null));
    // The producer of the primary dataset: fct_orders → orders-data, dim_customers → payments-data, raw_events → platform.
    expect(m.durations.by_producer.map((g) => [g.key, g.incidents])).toEqual([['orders-data', 5], ['payments-data', 1], ['platform', 1]]);
    expect(m.durations.by_month.map((g) => [g.key, g.incidents])).toEqual([['2024-12', 1], ['2025-07', 1], ['2025-08', 2], ['2025-09', 3]]);
    expect(m.durations.by_month[2].durations.time_to_detect).toEqual(stats(2, 2 * H, 2 * H, 3 * H)); // A 3h, B 1h
  });

  it('computes the regression rate (regression_of, and the same dataset and cause within the config window) and the reopen rate', () => {
    expect(m.regression).toEqual({
      count: 2, total: 7, rate: 2 / 7, window: 'P30D',
      incidents: [
        // B: fct_orders + pipeline-bug, detected 19 days after A was resolved.
        { id: 'INC-2025-0002', of: 'INC-2025-0001', via: 'same-cause' },
        { id: 'INC-2025-0004', of: 'INC-2025-0002', via: 'regression_of' },
      ],
    });
    // B moved back contained → triaged; the drill F did too, but drills are kept out.
    expect(m.reopen).toEqual({ count: 1, total: 7, rate: 1 / 7, incidents: ['INC-2025-0002'] });
  });

  it('computes time-box adherence per box, and update-cadence adherence', () => {
    // acknowledge: met A, C, D, G, H; missed B (45m > 30m) and E (unset, past 23:30).
    expect(m.time_boxes.acknowledge.overall).toEqual({ met: 5, missed: 2, pending: 0, rate: 5 / 7 });
    expect(m.time_boxes.acknowledge.by_severity).toEqual([
      { severity: 'SEV1', adherence: { met: 2, missed: 0, pending: 0, rate: 1 } },
      { severity: 'SEV2', adherence: { met: 3, missed: 2, pending: 0, rate: 0.6 } },
    ]);
    // contain: met A, B, G, H; missed D (3h > 2h); E pending; C declined: not applicable.
    expect(m.time_boxes.contain.overall).toEqual({ met: 4, missed: 1, pending: 1, rate: 0.8 });
    // resolve: met A, B, G, H; missed D (open, due 09-29T12:00); E pending.
    expect(m.time_boxes.resolve.overall).toEqual({ met: 4, missed: 1, pending: 1, rate: 0.8 });
    // review_within: A held in time (SEV1 requires one); G held late (a review is recorded); others do not apply.
    expect(m.time_boxes.review_within.overall).toEqual({ met: 1, missed: 1, pending: 0, rate: 0.5 });
    // cadence: met A, C, H; missed B (3h gap), D (no update since 01:20 while open), G (19h to close); E pending.
    expect(m.update_cadence.overall).toEqual({ met: 3, missed: 3, pending: 1, rate: 0.5 });
    expect(m.update_cadence.by_severity).toEqual([
      { severity: 'SEV1', adherence: { met: 1, missed: 1, pending: 0, rate: 0.5 } },
      { severity: 'SEV2', adherence: { met: 2, missed: 2, pending: 1, rate: 0.5 } },
    ]);
  });

  it('counts action items done by their due date', () => {
    // A: A1 on time (15:00 on the due day), A2 late, A3 overdue, A4 not yet due; G: A1 on time.
    expect(m.action_items).toEqual({ total: 5, on_time: 2, late: 1, overdue: 1, pending: 1, rate: 0.5 });
  });

  it('counts contract breaches per dataset', () => {
    expect(m.contract_breaches).toEqual([
      // A: ttd 3h > PT2H; B: time to resolve 10h > PT8H.
      { dataset: 'orders.fct_orders', producer: 'orders-data', incidents: 5, detect: 1, repair: 1, breached: 2, ids: ['INC-2025-0001', 'INC-2025-0002'] },
      { dataset: 'orders.dim_customers', producer: 'payments-data', incidents: 2, detect: 0, repair: 0, breached: 0, ids: [] },
    ]);
  });

  it('lists open incidents by age at --now', () => {
    expect(m.open_by_age.buckets.map((b) => [b.label, b.count])).toEqual([['<1d', 1], ['1d-7d', 1], ['7d-30d', 0], ['30d-90d', 0], ['>=90d', 0]]);
    expect(m.open_by_age.incidents).toEqual([
      { id: 'INC-2025-0004', severity: 'SEV1', status: 'contained', age_seconds: 2 * 24 * H },
      { id: 'INC-2025-0005', severity: 'SEV2', status: 'detected', age_seconds: 1 * H },
    ]);
  });

  it('limits the population with --since and --until (a date includes its whole day)', () => {
    const run = runCli(['metrics', '--format', 'json', '--now', NOW, '--since', '2025-08-01', '--until', '2025-08-31'], { cwd: fx.repo.dir });
    expect(run.code).toBe(0);
    const w: MetricsResult = JSON.parse(run.stdout);
    expect(validateMetrics(w)).toBe(true);
    expect(w.window).toEqual({ since: '2025-08-01T00:00:00Z', until: '2025-09-01T00:00:00Z' });
    expect(w.counts).toEqual({ incidents: 2, open: 0, closed: 2, declined: 0, drills: 1, skipped: 0 });
    expect(w.regression.incidents).toEqual([{ id: 'INC-2025-0002', of: 'INC-2025-0001', via: 'same-cause' }]);
    expect(w.regression.rate).toBe(0.5);
    expect(w.reopen.rate).toBe(0.5);
    // The open-incident snapshot is not windowed.
    expect(w.open_by_age.incidents.map((o) => o.id)).toEqual(['INC-2025-0004', 'INC-2025-0005']);
  });

  it('prints a table and CSV, and reports no reopen rate without git', async () => {
    const table = runCli(['metrics', '--now', NOW], { cwd: fx.repo.dir });
    expect(table.code).toBe(0);
    expect(table.stdout).toContain('Regression rate: 28.6% (2/7, window P30D)');
    expect(table.stdout).toContain('Reopen rate:     14.3% (1/7)');
    const csv = runCli(['metrics', '--format', 'csv', '--now', NOW], { cwd: fx.repo.dir });
    expect(csv.stdout.split('\n')[0]).toBe('section,group,key,measure,value');
    expect(csv.stdout).toContain('durations,all,,time_to_resolve.median,19800\n');
    expect(csv.stdout).toContain('contract_breaches,dataset,orders.fct_orders,breached,2\n');

    // The same core without the history: the reopen rate is unknown, not zero.
    const { model } = await loadRepo(new FsSource(fx.repo.dir), { skipStructure: true });
    const body = computeMetrics({ idx: buildIndex(model), now: Date.parse(NOW) });
    expect(body.reopen).toEqual({ count: 0, total: 7, rate: null, incidents: [] });
    expect(body.history.available).toBe(false);
    const history = await readStatusHistory(fx.repo.dir);
    expect(history.incidents.get('INC-2025-0006')?.movedBack.map((mb) => mb.sha)).toEqual([fx.shas[3]]);
  });

  it('refuses bad options with exit 2 and no stack trace', () => {
    const bad = runCli(['metrics', '--since', 'yesterday'], { cwd: fx.repo.dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--since must be an ISO-8601 date');
    const order = runCli(['metrics', '--since', '2025-09-01', '--until', '2025-08-01'], { cwd: fx.repo.dir });
    expect(order.code).toBe(2);
  });
});
