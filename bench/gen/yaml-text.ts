/**
 * Writing YAML text by hand, the way people write incident files: block mappings, flow lists of
 * ids, one flow mapping per ledger entry. Hand-written rather than `yaml.stringify` because the
 * history writes tens of thousands of file versions; the test proves both parsers read it back.
 */
import { toIso } from '../../src/core/time.js';

/** Words that YAML 1.1 readers would take for booleans or null when left unquoted. */
const RESERVED = new Set(['true', 'false', 'yes', 'no', 'on', 'off', 'y', 'n', 'null', '~']);
const PLAIN = /^[A-Za-z_][A-Za-z0-9_.@/-]*$/;

/** A string scalar: plain when that is unambiguous everywhere (ids, logins), else double-quoted. */
export function q(s: string): string {
  return PLAIN.test(s) && !RESERVED.has(s.toLowerCase()) ? s : JSON.stringify(s);
}

/** A timestamp, plain, in the UTC form the CLI prints. */
export function ts(ms: number): string {
  return toIso(ms);
}

/** A calendar date, plain. */
export function day(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** `[a, b, c]` */
export function flowList(items: readonly string[]): string {
  return `[${items.map(q).join(', ')}]`;
}

/** `{ a: 1, b: x }` from pairs whose values are already YAML text; undefined values are left out. */
export function flowMap(pairs: readonly (readonly [string, string | undefined])[]): string {
  const body = pairs.filter(([, v]) => v !== undefined).map(([k, v]) => `${k}: ${v}`).join(', ');
  return `{ ${body} }`;
}
