/**
 * What changed between two parsed versions of an incident file. Pure and defensive: old versions
 * were never validated, so any value may have any shape; what cannot be read is skipped.
 */
import { TIMESTAMP_ORDER, rank } from '../lifecycle.js';
import { STATUSES, type Status } from '../schema/incident.js';
import type { IncidentChange } from './types.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : v instanceof Date ? v.toISOString() : typeof v === 'number' ? String(v) : undefined);
const isStatus = (v: unknown): v is Status => typeof v === 'string' && (STATUSES as readonly string[]).includes(v);

/** True when status `to` is an earlier stage than `from` (a reopen). Unknown statuses never count. */
export function movedBack(from: string | undefined, to: string | undefined): boolean {
  if (!isStatus(from) || !isStatus(to) || from === to) return false;
  // declined ranks with closed (the end), so declined → any open status is a move back too.
  return rank(to) < rank(from);
}

/** Structural equality of plain parsed YAML values. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => sameValue(x, b[i]));
  if (isObj(a) && isObj(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && sameValue(a[k], b[k]));
  }
  return false;
}

/** Everything a first version records. */
function created(after: Obj): IncidentChange[] {
  const owner = isObj(after.roles) ? str(after.roles.owner) : undefined;
  const out: IncidentChange[] = [{ kind: 'created', ...(str(after.status) ? { status: str(after.status) } : {}), ...(str(after.severity) ? { severity: str(after.severity) } : {}), ...(owner ? { owner } : {}) }];
  return out.concat(entries({}, after));
}

/**
 * The changes from `before` to `after` (parsed YAML of the two versions; undefined when the file
 * does not exist on that side). A version that is not a mapping gives an `unreadable` change.
 */
export function diffIncident(before: unknown, after: unknown): IncidentChange[] {
  if (after === undefined) return before === undefined ? [] : [{ kind: 'deleted' }];
  if (!isObj(after)) return [{ kind: 'unreadable', reason: 'not a YAML mapping' }];
  if (before === undefined || !isObj(before)) return created(after);
  const out: IncidentChange[] = [];
  const [s0, s1] = [str(before.status), str(after.status)];
  if (s0 !== s1) out.push({ kind: 'status', ...(s0 ? { from: s0 } : {}), ...(s1 ? { to: s1 } : {}), back: movedBack(s0, s1) });
  const [v0, v1] = [str(before.severity), str(after.severity)];
  if (v0 !== v1) out.push({ kind: 'severity', ...(v0 ? { from: v0 } : {}), ...(v1 ? { to: v1 } : {}) });
  const o0 = isObj(before.roles) ? str(before.roles.owner) : undefined;
  const o1 = isObj(after.roles) ? str(after.roles.owner) : undefined;
  if (o0 !== o1) out.push({ kind: 'owner', ...(o0 ? { from: o0 } : {}), ...(o1 ? { to: o1 } : {}) });
  return out.concat(entries(before, after));
}

/** Timestamps, ledger, updates, mitigations and sign-offs: the parts shared by creation and change. */
function entries(before: Obj, after: Obj): IncidentChange[] {
  const out: IncidentChange[] = [];
  for (const field of TIMESTAMP_ORDER) {
    const [a, b] = [str(before[field]), str(after[field])];
    if (a !== b) out.push({ kind: 'timestamp', field, ...(a ? { from: a } : {}), ...(b ? { to: b } : {}) });
  }
  appendOnly(out, arr(before.ledger), arr(after.ledger), 'ledger', (e, index) => ({
    kind: 'ledger-added', index, ...opt('at', str(e.at)), ...opt('by', str(e.by)), ...opt('entryKind', str(e.kind)), ...opt('text', str(e.text)),
  }));
  appendOnly(out, arr(before.updates), arr(after.updates), 'update', (e, index) => ({
    kind: 'update-added', index, ...opt('at', str(e.at)), ...opt('by', str(e.by)), ...opt('audience', str(e.audience)), ...opt('stage', str(e.stage)), ...opt('text', str(e.text)),
  }));
  const mit0 = new Map(arr(before.mitigations).filter(isObj).map((m) => [str(m.id) ?? '', m]));
  for (const m of arr(after.mitigations).filter(isObj)) {
    const id = str(m.id);
    if (!id) continue;
    const old = mit0.get(id);
    const [ap0, ap1] = [str(old?.applied_at), str(m.applied_at)];
    if (ap1 && ap1 !== ap0) out.push({ kind: 'mitigation-applied', id, at: ap1 });
    const [rb0, rb1] = [str(old?.rolled_back_at), str(m.rolled_back_at)];
    if (rb1 && rb1 !== rb0) out.push({ kind: 'mitigation-rolled-back', id, at: rb1 });
  }
  const key = (s: Obj) => `${str(s.team)}\u0000${str(s.by)}\u0000${str(s.at)}`;
  const sig0 = arr(before.signoff).filter(isObj);
  const sig1 = arr(after.signoff).filter(isObj);
  const keys0 = new Set(sig0.map(key));
  const keys1 = new Set(sig1.map(key));
  for (const s of sig1) if (!keys0.has(key(s)) && str(s.team)) out.push({ kind: 'signoff-added', team: str(s.team)!, ...opt('by', str(s.by)), ...opt('at', str(s.at)) });
  for (const s of sig0) if (!keys1.has(key(s)) && str(s.team)) out.push({ kind: 'signoff-removed', team: str(s.team)!, ...opt('by', str(s.by)) });
  // Other dated entries, by position: what the timeline links to the commit that recorded them.
  const dated = (field: string, a: unknown, b: unknown) => {
    const [x, y] = [str(a), str(b)];
    if (y && x !== y) out.push({ kind: 'dated', field, at: y });
  };
  const at = (list: unknown, i: number, f: string) => { const e = arr(list)[i]; return isObj(e) ? e[f] : undefined; };
  arr(after.escalations).forEach((_, i) => dated(`escalations[${i}]`, at(before.escalations, i, 'at'), at(after.escalations, i, 'at')));
  arr(after.remediation).forEach((_, i) => dated(`remediation[${i}].done_at`, at(before.remediation, i, 'done_at'), at(after.remediation, i, 'done_at')));
  arr(after.verification).forEach((_, i) => dated(`verification[${i}]`, at(before.verification, i, 'at'), at(after.verification, i, 'at')));
  const r0 = isObj(before.review) ? before.review : {};
  const r1 = isObj(after.review) ? after.review : {};
  dated('review.held_at', r0.held_at, r1.held_at);
  arr(r1.action_items).forEach((_, i) => dated(`review.action_items[${i}].done_at`, at(r0.action_items, i, 'done_at'), at(r1.action_items, i, 'done_at')));
  return out;
}

function opt<K extends string>(k: K, v: string | undefined): { [P in K]?: string } {
  return (v === undefined ? {} : { [k]: v }) as { [P in K]?: string };
}

/** An append-only list: entries past the old end are added; an old entry that differs was rewritten. */
function appendOnly(
  out: IncidentChange[], before: unknown[], after: unknown[], list: 'ledger' | 'update',
  added: (e: Obj, index: number) => IncidentChange,
): void {
  const shared = Math.min(before.length, after.length);
  for (let i = 0; i < shared; i++) {
    if (!sameValue(before[i], after[i])) {
      const e = isObj(after[i]) ? (after[i] as Obj) : {};
      out.push({ kind: list === 'ledger' ? 'ledger-rewritten' : 'update-rewritten', index: i, removed: false, ...opt('at', str(e.at)), ...opt('text', str(e.text)) });
    }
  }
  for (let i = shared; i < before.length; i++) out.push({ kind: list === 'ledger' ? 'ledger-rewritten' : 'update-rewritten', index: i, removed: true });
  for (let i = shared; i < after.length; i++) out.push(added(isObj(after[i]) ? (after[i] as Obj) : {}, i));
}

// A top-level `status:` line, as written by people and by `sitrep` (plain or quoted, maybe a comment).
const STATUS_LINE = /^status:[ \t]*(["']?)([a-z]+)\1[ \t]*(?:#.*)?\r?$/m;
const STATUS_KEY = Buffer.from('status:');

/**
 * The status of a version of an incident file, cheaply: one regex over the text, no YAML parse.
 * Returns undefined when the line is not there in the plain form (the caller may parse fully).
 */
export function statusFromText(text: string): string | undefined {
  return STATUS_LINE.exec(text)?.[2];
}

/**
 * The same from the bytes of a version, without decoding the whole file: the first `status:` at the
 * start of a line is found in the bytes and only that line is decoded. Undefined when there is
 * none, or it is not in the plain form (the caller may parse fully).
 */
export function statusFromBytes(bytes: Uint8Array): string | undefined {
  const buf = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let i = buf.indexOf(STATUS_KEY); i !== -1; i = buf.indexOf(STATUS_KEY, i + 1)) {
    if (i > 0 && buf[i - 1] !== 0x0a) continue;
    const end = buf.indexOf(0x0a, i);
    return statusFromText(buf.toString('utf8', i, end === -1 ? buf.length : end));
  }
  return undefined;
}
