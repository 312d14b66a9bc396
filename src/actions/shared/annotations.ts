/**
 * Diagnostics as annotations at file, line and column. GitHub shows at most 10 annotations of
 * each kind per step (50 per job), so at most ANNOTATIONS_PER_KIND of each are written and the
 * full list goes to the job summary. Paths are made relative to the workspace (the incident repo
 * may sit in a subfolder), or GitHub cannot attach them to the file.
 */
import * as core from '@actions/core';
import type { Diagnostic } from '../../core/diagnostics.js';
import { neutralise } from './log.js';
import { Summary } from './summary.js';

/** GitHub's display limit per step and kind. */
export const ANNOTATIONS_PER_KIND = 10;

export interface AnnotationCounts {
  errors: number;
  warnings: number;
  /** How many were written as annotations; the rest are only in the summary. */
  annotated: number;
}

/**
 * When the step fails on errors, its failure message is an error annotation too: one of the 10
 * is kept for it, so every annotation written is one GitHub shows.
 */
export const ERROR_ANNOTATIONS_WHEN_FAILING = ANNOTATIONS_PER_KIND - 1;

export function annotate(diagnostics: readonly Diagnostic[], prefix = ''): AnnotationCounts {
  let errors = 0;
  let warnings = 0;
  const errorCap = diagnostics.some((d) => d.severity === 'error') ? ERROR_ANNOTATIONS_WHEN_FAILING : ANNOTATIONS_PER_KIND;
  let annotated = 0;
  for (const d of diagnostics) {
    const isError = d.severity === 'error';
    const n = isError ? ++errors : ++warnings;
    if (n > (isError ? errorCap : ANNOTATIONS_PER_KIND)) continue;
    annotated++;
    const props = { title: d.code, file: `${prefix}${d.file}`, startLine: d.line, startColumn: d.column };
    const message = neutralise(d.hint ? `${d.message}\n${d.hint}` : d.message);
    if (isError) core.error(message, props);
    else core.warning(message, props);
  }
  return { errors, warnings, annotated };
}

/** Every diagnostic in one table for the job summary, with the counts above it. */
export function diagnosticsSection(summary: Summary, diagnostics: readonly Diagnostic[], counts: AnnotationCounts): Summary {
  const { errors, warnings } = counts;
  summary.paragraph(`${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}.`);
  if (counts.annotated < diagnostics.length) {
    summary.paragraph(`GitHub shows ${ANNOTATIONS_PER_KIND} annotations of each kind per step, so ${counts.annotated} are annotated; all ${diagnostics.length} are listed here.`);
  }
  if (diagnostics.length) {
    summary.table(
      ['Severity', 'Code', 'File', 'Line', 'Column', 'Message', 'Hint'],
      diagnostics.map((d) => [d.severity, d.code, d.file, d.line, d.column, d.message, d.hint ?? '']),
    );
  }
  return summary;
}
