/** Findings → diagnostics: YAML paths become line and column, read once per file that has findings. */
import type { FileSource } from './source.js';
import type { Finding } from './finding.js';
import { severityOf } from './finding.js';
import type { Diagnostic } from './schema/diagnostic.js';
import { codeSpec } from './diagnostic-codes.js';
import { PositionIndex } from './yaml/locate.js';
import { decodeYamlBytes } from './yaml/decode.js';

export type { Diagnostic };

export interface Sources {
  head: FileSource;
  base?: FileSource;
}

export async function toDiagnostics(findings: readonly Finding[], sources: Sources): Promise<Diagnostic[]> {
  const indexes = new Map<string, Promise<PositionIndex | undefined>>();
  const indexFor = (file: string, inBase: boolean) => {
    const key = `${inBase ? 'base' : 'head'}:${file}`;
    if (!indexes.has(key)) {
      const src = inBase ? sources.base ?? sources.head : sources.head;
      indexes.set(key, src.read(file).then((bytes) => {
        if (!bytes) return undefined;
        const d = decodeYamlBytes(file, bytes, Number.MAX_SAFE_INTEGER);
        return d.ok ? new PositionIndex(d.text) : undefined;
      }));
    }
    return indexes.get(key)!;
  };
  const out: Diagnostic[] = [];
  for (const f of findings) {
    let line = 1;
    let column = 1;
    if ('line' in f.place) ({ line, column } = f.place);
    else {
      const idx = await indexFor(f.file, !!f.inBase);
      if (idx) ({ line, column } = idx.locate(f.place.path, f.place.target));
    }
    const hint = f.hint ?? codeSpec(f.code).hint;
    out.push({ code: f.code, severity: severityOf(f), file: f.file, line, column, message: f.message, ...(hint ? { hint } : {}) });
  }
  return sortDiagnostics(out);
}

/** Errors first, then by file and position: stable output for people and tests. */
export function sortDiagnostics(ds: Diagnostic[]): Diagnostic[] {
  return ds.sort((a, b) =>
    (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1) ||
    a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.code.localeCompare(b.code));
}

export function countBySeverity(ds: readonly Diagnostic[]): { errors: number; warnings: number } {
  let errors = 0;
  for (const d of ds) if (d.severity === 'error') errors++;
  return { errors, warnings: ds.length - errors };
}
