/** Summary statistics for durations: mean, median and p90 (nearest rank). Exact, no interpolation but the median's. */
import type { DurationStats } from '../schema/metrics.js';

/** Values are in milliseconds; the summary is in seconds. */
export function summarize(valuesMs: readonly number[]): DurationStats {
  const n = valuesMs.length;
  if (n === 0) return { count: 0, mean: null, median: null, p90: null };
  const sorted = [...valuesMs].sort((a, b) => a - b);
  const sum = sorted.reduce((s, v) => s + v, 0);
  const mid = n >> 1;
  const median = n % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { count: n, mean: seconds(sum / n), median: seconds(median), p90: seconds(nearestRank(sorted, 0.9)) };
}

/** The nearest-rank percentile of sorted values: the value at rank ceil(p × n) (1-based). */
export function nearestRank(sorted: readonly number[], p: number): number {
  const rank = Math.max(1, Math.ceil(p * sorted.length - 1e-9));
  return sorted[Math.min(sorted.length, rank) - 1];
}

/** Milliseconds → seconds, rounded to the millisecond so means print cleanly. */
function seconds(ms: number): number {
  return Math.round(ms) / 1000;
}

/** count / total, or null when total is 0. */
export function rate(count: number, total: number): number | null {
  return total === 0 ? null : count / total;
}
