/**
 * YAML text → plain data. Two parsers, one answer:
 * - the fast path (js-yaml, about 5× faster here) for the ordinary file;
 * - the careful path (`yaml`, the reference YAML 1.2 parser with positions) for any file the
 *   fast path refuses or that uses anchors, aliases or tags, so every error gets `yaml`'s
 *   exact position and alias bombs are stopped by its alias budget.
 */
import { load as fastLoad, CORE_SCHEMA } from 'js-yaml';
import { LineCounter, parseDocument, type YAMLError } from 'yaml';
import type { Finding } from '../finding.js';
import type { Code } from '../diagnostic-codes.js';

/** Far above what a hand-written file needs, far below what an alias bomb needs. */
export const MAX_ALIAS_COUNT = 100;

export type Parsed = { ok: true; value: unknown } | { ok: false; findings: Finding[] };

/** Anchors, aliases, tags and merge keys go the careful way. */
const NEEDS_CAREFUL_PARSER = /(?:^|[\s,[{:-])[&*!][^\s]|<<\s*:/m;

export function parseYaml(file: string, text: string): Parsed {
  if (!NEEDS_CAREFUL_PARSER.test(text)) {
    try {
      return { ok: true, value: fastLoad(text, { schema: CORE_SCHEMA, filename: file }) };
    } catch {
      // The careful parser explains it with an exact position.
    }
  }
  return parseCarefully(file, text);
}

const YAML_ERROR_CODES: Record<string, Code> = {
  DUPLICATE_KEY: 'YAML_DUPLICATE_KEY',
  TAB_AS_INDENT: 'YAML_TAB',
  MULTIPLE_DOCS: 'FILE_MULTIPLE_DOCUMENTS',
};

export function parseCarefully(file: string, text: string): Parsed {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false, strict: true });
  const problems: YAMLError[] = [...doc.errors, ...doc.warnings];
  if (problems.length > 0) {
    return {
      ok: false,
      findings: problems.slice(0, 5).map((e) => {
        const pos = lineCounter.linePos(e.pos[0]);
        return {
          code: YAML_ERROR_CODES[e.code] ?? (/\t/.test(e.message) ? 'YAML_TAB' : 'YAML_SYNTAX'),
          file,
          place: { line: pos.line, column: pos.col },
          message: firstLine(e.message),
        };
      }),
    };
  }
  try {
    return { ok: true, value: doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) };
  } catch (e) {
    const firstAlias = text.search(/(?:^|[\s,[{:-])\*[^\s]/m);
    const pos = lineCounter.linePos(Math.max(0, firstAlias + 1));
    return {
      ok: false,
      findings: [{
        code: 'YAML_ALIAS_LIMIT',
        file,
        place: { line: pos.line, column: pos.col },
        message: `aliases expand beyond the limit of ${MAX_ALIAS_COUNT} (${firstLine(String((e as Error).message))})`,
      }],
    };
  }
}

function firstLine(s: string): string {
  return s.split('\n')[0].trim();
}
