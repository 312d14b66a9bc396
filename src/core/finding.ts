/**
 * What rules report: a code and a place. A place is a path into the YAML document
 * (resolved to line and column only for files that have findings, see locate.ts)
 * or an exact position when the parser already knows it.
 */
import { CODES, type Code, type Severity } from './diagnostic-codes.js';

export type YamlPath = readonly (string | number)[];

export type Place =
  | { path: YamlPath; target?: 'key' | 'value' }
  | { line: number; column: number };

export interface Finding {
  code: Code;
  file: string;
  place: Place;
  message: string;
  hint?: string;
  /** Overrides the code's default severity (e.g. a rule that only warns in some cases). */
  severity?: Severity;
  /** The position is in the base version of the file (a removed ledger entry, a deleted file). */
  inBase?: boolean;
}

export function severityOf(f: Finding): Severity {
  return f.severity ?? CODES[f.code].severity;
}

/** Shorthand used by rules: a finding at a YAML path. */
export function at(code: Code, file: string, path: YamlPath, message: string, hint?: string, target?: 'key' | 'value'): Finding {
  return { code, file, place: { path, target }, message, ...(hint ? { hint } : {}) };
}

/** `a.b[2].c` for messages. */
export function formatPath(path: YamlPath): string {
  let s = '';
  for (const seg of path) s += typeof seg === 'number' ? `[${seg}]` : s ? `.${seg}` : seg;
  return s || '(top level)';
}
