/** Instants and ISO-8601 durations. Any offset is accepted on input; output is always UTC. */

const DURATION = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Milliseconds of an ISO-8601 duration (weeks, days, hours, minutes, seconds), or undefined. */
export function parseDuration(s: string | undefined): number | undefined {
  if (!s) return undefined;
  const m = DURATION.exec(s);
  if (!m || s === 'P' || s.endsWith('T')) return undefined;
  const [, w, d, h, min, sec] = m;
  return (Number(w ?? 0) * 7 + Number(d ?? 0)) * DAY + Number(h ?? 0) * HOUR + Number(min ?? 0) * MINUTE + Number(sec ?? 0) * 1000;
}

/** Epoch milliseconds of a date-time or date string, or undefined when it is not one. */
export function parseInstant(s: unknown): number | undefined {
  if (typeof s !== 'string' || !/^\d{4}-\d{2}-\d{2}/.test(s)) return undefined;
  const t = Date.parse(s);
  return Number.isNaN(t) ? undefined : t;
}

export function toIso(ms: number): string {
  return new Date(ms).toISOString().replace(/\.000Z$/, 'Z');
}

/** "2h 05m", "3d 4h", "45m", "20s": short and readable in a table. */
export function formatDuration(ms: number): string {
  const neg = ms < 0;
  let rest = Math.round(Math.abs(ms) / 1000);
  const d = Math.floor(rest / 86400); rest -= d * 86400;
  const h = Math.floor(rest / 3600); rest -= h * 3600;
  const m = Math.floor(rest / 60); const s = rest - m * 60;
  const out = d > 0 ? `${d}d ${h}h` : h > 0 ? `${h}h ${String(m).padStart(2, '0')}m` : m > 0 ? `${m}m` : `${s}s`;
  return neg ? `-${out}` : out;
}

/** ISO-8601 form of a duration, the way the config writes them: PT1H30M, P2DT4H. */
export function toIsoDuration(ms: number): string {
  let rest = Math.round(ms / 1000);
  const d = Math.floor(rest / 86400); rest -= d * 86400;
  const h = Math.floor(rest / 3600); rest -= h * 3600;
  const m = Math.floor(rest / 60); const s = rest - m * 60;
  const t = `${h ? `${h}H` : ''}${m ? `${m}M` : ''}${s ? `${s}S` : ''}`;
  const body = `${d ? `${d}D` : ''}${t ? `T${t}` : ''}`;
  return body ? `P${body}` : 'PT0S';
}
