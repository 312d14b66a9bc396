/** Small helpers the change rules share: value equality and defensive access to parsed YAML. */
import type { Located } from '../model.js';
import type { Incident, Status } from '../schema/incident.js';
import { STATUSES } from '../schema/incident.js';
import type { IncidentChange } from './types.js';

/** A stable text form of a YAML value: mapping keys sorted, so key order does not count as a change. */
export function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o).filter((k) => o[k] !== undefined).sort().map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`).join(',')}}`;
  }
  return JSON.stringify(v) ?? 'undefined';
}

export function sameValue(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

export const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
export const list = <T = unknown>(v: unknown): T[] => (Array.isArray(v) ? (v as T[]) : []);

/** The status of a parsed incident, when it is a known one. */
export function statusOf(inc: Located<Incident> | undefined): Status | undefined {
  const s = isObj(inc?.data) ? inc!.data.status : undefined;
  return typeof s === 'string' && (STATUSES as readonly string[]).includes(s) ? (s as Status) : undefined;
}

export const isClosedStatus = (s: Status | undefined): boolean => s === 'closed' || s === 'declined';

/** Head version when it passed structure validation: the one rules that need typed data look at. */
export function validHead(c: IncidentChange): Incident | undefined {
  return c.head?.valid ? c.head.data : undefined;
}

/** Entries of a head list that are not in the base list (compared as values, each base entry used once). */
export function addedEntries<T>(base: readonly T[], head: readonly T[]): { entry: T; index: number }[] {
  const pool = new Map<string, number>();
  for (const b of base) pool.set(canonical(b), (pool.get(canonical(b)) ?? 0) + 1);
  const out: { entry: T; index: number }[] = [];
  head.forEach((entry, index) => {
    const key = canonical(entry);
    const n = pool.get(key) ?? 0;
    if (n > 0) pool.set(key, n - 1);
    else out.push({ entry, index });
  });
  return out;
}
