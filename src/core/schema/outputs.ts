/**
 * JSON output contracts of the commands (`--format json`). Each command's shape is
 * registered here, so schemas/ publishes it and tests validate real output against it.
 */
import { Type, type TSchema } from '@sinclair/typebox';
import { DiagnosticSchema } from './diagnostic.js';
import { TimelineResultSchema } from './timeline.js';
import { MetricsResultSchema } from './metrics.js';
import { CheckResultSchema } from './check-result.js';
import { WatchResultSchema } from './watch.js';
import { SiteIncidentsSchema } from './site.js';

export const ValidateResultSchema = Type.Object(
  {
    diagnostics: Type.Array(DiagnosticSchema, { description: 'Every finding, errors first.' }),
    summary: Type.Object(
      {
        files: Type.Integer({ description: 'Files read.' }),
        incidents: Type.Integer({ description: 'Incidents read.' }),
        errors: Type.Integer({ description: 'Number of error diagnostics.' }),
        warnings: Type.Integer({ description: 'Number of warning diagnostics.' }),
      },
      { description: 'Counts.' },
    ),
  },
  { description: 'Output of `sitrep validate --format json`.' },
);

export const OUTPUT_SCHEMAS: Record<string, { title: string; schema: TSchema }> = {
  'validate-result': { title: 'sitrep validate result', schema: ValidateResultSchema },
  timeline: { title: 'sitrep timeline result', schema: TimelineResultSchema },
  metrics: { title: 'sitrep metrics result', schema: MetricsResultSchema },
  'check-result': { title: 'sitrep check result', schema: CheckResultSchema },
  watch: { title: 'sitrep watch result', schema: WatchResultSchema },
  'site-incidents': { title: 'sitrep site data/incidents.json', schema: SiteIncidentsSchema },
};
