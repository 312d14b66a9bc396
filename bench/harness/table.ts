/** The results table, aligned for a terminal and pasteable into Markdown. */
import type { Row } from './types.js';

const fmtSeconds = (s?: number) => (s === undefined ? '' : s < 10 ? s.toFixed(2) : s.toFixed(1));
const fmtMB = (mb?: number) => (mb === undefined ? '' : mb.toFixed(0));
const fmtRatio = (r?: number, vs?: string) => (r === undefined ? '' : `${r.toFixed(2)}×${vs ? ` ${vs}` : ''}`);
const fmtSize = (s?: number | string) => (s === undefined ? '' : typeof s === 'number' ? s.toLocaleString('en-US') : s);
const fmtResult = (p?: boolean) => (p === undefined ? '' : p ? 'pass' : 'FAIL');

const HEADERS = ['section', 'measurement', 'incidents', 'seconds', 'cpu s', 'peak RSS MB', 'ratio', 'cpu ratio', 'target', 'result'] as const;

function cells(r: Row): string[] {
  return [
    r.section, r.name + (r.note ? ` (${r.note})` : ''), fmtSize(r.size), fmtSeconds(r.seconds), fmtSeconds(r.cpuSeconds), fmtMB(r.rssMB),
    fmtRatio(r.ratio, r.vs), fmtRatio(r.cpuRatio), r.target ?? '', fmtResult(r.pass),
  ];
}

/** A Markdown table (GitHub renders it; a terminal shows it aligned). */
export function formatTable(rows: readonly Row[]): string {
  const body = rows.map(cells);
  const widths = HEADERS.map((h, i) => Math.max(h.length, ...body.map((c) => c[i].length)));
  const right = new Set([2, 3, 4, 5, 7]);
  const line = (c: readonly string[]) => `| ${c.map((x, i) => (right.has(i) ? x.padStart(widths[i]) : x.padEnd(widths[i]))).join(' | ')} |`;
  const sep = `|${widths.map((w, i) => (right.has(i) ? `${'-'.repeat(w + 1)}:` : '-'.repeat(w + 2))).join('|')}|`;
  return [line(HEADERS), sep, ...body.map(line)].join('\n');
}

/** One row as a progress line while the bench runs. */
export function formatProgress(r: Row): string {
  const parts = [`${r.section}: ${r.name}`];
  if (r.size !== undefined) parts.push(`[${fmtSize(r.size)}]`);
  if (r.seconds !== undefined) parts.push(`${fmtSeconds(r.seconds)} s`);
  if (r.cpuSeconds !== undefined) parts.push(`(cpu ${fmtSeconds(r.cpuSeconds)} s)`);
  if (r.rssMB !== undefined) parts.push(`${fmtMB(r.rssMB)} MB`);
  if (r.ratio !== undefined) parts.push(fmtRatio(r.ratio, r.vs));
  if (r.cpuRatio !== undefined) parts.push(`(cpu ${fmtRatio(r.cpuRatio)})`);
  if (r.target) parts.push(`target ${r.target}: ${fmtResult(r.pass) || 'info'}`);
  return `  ${parts.join('  ')}`;
}
