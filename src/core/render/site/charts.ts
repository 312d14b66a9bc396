/**
 * Charts as inline SVG, drawn at build time: no script, no library, no network. Every label is
 * escaped; colours are presentation attributes (not `style`), so a strict CSP allows them.
 * Each chart goes next to a table with the same numbers (the templates draw the tables).
 */
import { escapeHtml } from '../escape.js';

/** A colour-blind-safe palette (Okabe–Ito), in series order. */
export const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#000000'];

export interface Series {
  name: string;
  /** One value per x label; null where there is none. */
  values: (number | null)[];
}

export interface LineChartSpec {
  id: string;
  title: string;
  x: string[];
  series: Series[];
  /** Formats a y value for the axis and tooltips. */
  format: (v: number) => string;
  /** The y-axis step for a largest value (default: a quarter of a round 1, 2 or 5 × 10ⁿ). */
  step?: (max: number) => number;
}

/**
 * Markup this module drew (every label escaped). The `{{svg chart}}` helper prints only instances
 * of this class, so no string from the data can reach the page unescaped through it.
 */
export class TrustedSvg {
  constructor(readonly markup: string, readonly legend: { name: string; color: string }[] = []) {}
}
export type Svg = TrustedSvg;

const W = 640;
const H = 260;
const M = { top: 16, right: 32, bottom: 40, left: 64 };

const MIN = 60;
const HOUR = 3600;
/** Round steps for an axis of durations in seconds: 1m … 30d. */
const DURATION_STEPS = [MIN, 5 * MIN, 15 * MIN, 30 * MIN, HOUR, 2 * HOUR, 3 * HOUR, 6 * HOUR, 12 * HOUR, 24 * HOUR, 2 * 24 * HOUR, 7 * 24 * HOUR, 14 * 24 * HOUR, 30 * 24 * HOUR];

/** A step for a duration axis (seconds) that gives at most 5 gridlines. */
export function durationStep(maxSeconds: number): number {
  return DURATION_STEPS.find((s) => maxSeconds / s <= 5) ?? Math.ceil(maxSeconds / 5 / (30 * 24 * HOUR)) * 30 * 24 * HOUR;
}

function niceMax(v: number): number {
  if (v <= 0) return 1;
  const p = 10 ** Math.floor(Math.log10(v));
  const m = v / p;
  return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * p;
}

const f1 = (n: number) => (Math.round(n * 10) / 10).toString();

/** Lines over x labels (months), one per series; x labels without a value are skipped. */
export function lineChart(spec: LineChartSpec): Svg {
  const top = Math.max(0, ...spec.series.flatMap((s) => s.values.filter((v): v is number => v !== null)));
  const step = spec.step ? spec.step(top) : niceMax(top) / 4;
  const ticks = Math.max(1, Math.ceil(top / step));
  const max = step * ticks;
  const iw = W - M.left - M.right;
  const ih = H - M.top - M.bottom;
  const n = spec.x.length;
  const xAt = (i: number) => M.left + (n <= 1 ? iw / 2 : (i * iw) / (n - 1));
  const yAt = (v: number) => M.top + ih - (v / max) * ih;
  const parts: string[] = [];
  const titleId = `${spec.id}-title`;
  parts.push(`<svg class="chart" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-labelledby="${escapeHtml(titleId)}" xmlns="http://www.w3.org/2000/svg">`);
  parts.push(`<title id="${escapeHtml(titleId)}">${escapeHtml(spec.title)}</title>`);
  for (let k = 0; k <= ticks; k++) {
    const v = step * k;
    const y = f1(yAt(v));
    parts.push(`<line x1="${M.left}" x2="${W - M.right}" y1="${y}" y2="${y}" stroke="#d0d7de" stroke-width="1"/>`);
    parts.push(`<text x="${M.left - 6}" y="${y}" text-anchor="end" dominant-baseline="middle" font-size="11" fill="#59636e">${escapeHtml(spec.format(v))}</text>`);
  }
  const every = Math.max(1, Math.ceil(n / 12));
  spec.x.forEach((label, i) => {
    if (i % every !== 0 && i !== n - 1) return;
    parts.push(`<text x="${f1(xAt(i))}" y="${H - M.bottom + 16}" text-anchor="middle" font-size="11" fill="#59636e">${escapeHtml(label)}</text>`);
  });
  const legend = spec.series.map((s, k) => ({ name: s.name, color: PALETTE[k % PALETTE.length] }));
  spec.series.forEach((s, k) => {
    const color = legend[k].color;
    // A month without a value is skipped, not a gap: the line joins the months that have one.
    let d = '';
    s.values.forEach((v, i) => {
      if (v === null) return;
      d += `${d ? 'L' : 'M'}${f1(xAt(i))},${f1(yAt(v))}`;
    });
    if (d) parts.push(`<path d="${d}" fill="none" stroke="${color}" stroke-width="2"/>`);
    s.values.forEach((v, i) => {
      if (v === null) return;
      parts.push(`<circle cx="${f1(xAt(i))}" cy="${f1(yAt(v))}" r="2.5" fill="${color}"><title>${escapeHtml(`${s.name} ${spec.x[i]}: ${spec.format(v)}`)}</title></circle>`);
    });
  });
  parts.push(`<line x1="${M.left}" x2="${W - M.right}" y1="${M.top + ih}" y2="${M.top + ih}" stroke="#59636e" stroke-width="1"/>`);
  parts.push('</svg>');
  return new TrustedSvg(parts.join(''), legend);
}

export interface BarChartSpec {
  id: string;
  title: string;
  bars: { label: string; value: number | null }[];
  format: (v: number) => string;
  /** The scale's top (e.g. 1 for rates); the largest value otherwise. */
  max?: number;
}

/** Horizontal bars, one per label, with the value written at the end of each bar. */
export function barChart(spec: BarChartSpec): Svg {
  const rowH = 24;
  const left = 180;
  const right = 80;
  const h = Math.max(1, spec.bars.length) * rowH + 12;
  const max = spec.max ?? niceMax(Math.max(0, ...spec.bars.map((b) => b.value ?? 0)));
  const iw = W - left - right;
  const titleId = `${spec.id}-title`;
  const parts: string[] = [];
  parts.push(`<svg class="chart" viewBox="0 0 ${W} ${h}" width="${W}" height="${h}" role="img" aria-labelledby="${escapeHtml(titleId)}" xmlns="http://www.w3.org/2000/svg">`);
  parts.push(`<title id="${escapeHtml(titleId)}">${escapeHtml(spec.title)}</title>`);
  spec.bars.forEach((b, i) => {
    const y = 6 + i * rowH;
    const label = b.label.length > 28 ? `${b.label.slice(0, 27)}…` : b.label;
    parts.push(`<text x="${left - 8}" y="${y + rowH / 2}" text-anchor="end" dominant-baseline="middle" font-size="12" fill="#1f2328">${escapeHtml(label)}</text>`);
    const w = b.value === null || max <= 0 ? 0 : Math.max(1, (b.value / max) * iw);
    parts.push(`<rect x="${left}" y="${y + 4}" width="${f1(w)}" height="${rowH - 8}" fill="${PALETTE[0]}"><title>${escapeHtml(`${b.label}: ${b.value === null ? 'n/a' : spec.format(b.value)}`)}</title></rect>`);
    parts.push(`<text x="${f1(left + w + 6)}" y="${y + rowH / 2}" dominant-baseline="middle" font-size="12" fill="#59636e">${escapeHtml(b.value === null ? 'n/a' : spec.format(b.value))}</text>`);
  });
  parts.push(`<line x1="${left}" x2="${left}" y1="4" y2="${h - 4}" stroke="#59636e" stroke-width="1"/>`);
  parts.push('</svg>');
  return new TrustedSvg(parts.join(''));
}
