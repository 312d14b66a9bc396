/** Diagnostics as text: `file:line:col  error  CODE  message`, the hint under it. */
import type { Diagnostic } from '../core/diagnostics.js';

export function formatDiagnostics(ds: readonly Diagnostic[]): string {
  return ds.map((d) => `${d.file}:${d.line}:${d.column}  ${d.severity}  ${d.code}  ${d.message}\n${d.hint ? `    hint: ${d.hint}\n` : ''}`).join('');
}

export function formatCounts(errors: number, warnings: number): string {
  return `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`;
}
