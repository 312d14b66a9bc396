/**
 * The JSON the reports site publishes as data/incidents.json (schemas/site-incidents.schema.json):
 * every incident the site shows, in the index's order (open first), for dashboards and BI.
 * data/metrics.json follows schemas/metrics.schema.json.
 */
import { Type, type Static, type TSchema } from '@sinclair/typebox';

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()], { description: t.description });

export const SiteIncidentsSchema = Type.Object(
  {
    generated_at: Type.String({ format: 'date-time', description: 'The "now" of the build (UTC): ages and time boxes are as of then.' }),
    base_path: Type.String({ description: 'The sub-path the site is served under, e.g. "/incidents/".' }),
    incidents: Type.Array(
      Type.Object(
        {
          id: Type.String({ description: 'Incident id.' }),
          title: Type.String({ description: 'Title (untrusted text: escape it when you show it).' }),
          severity: Type.String({ description: 'Severity id.' }),
          status: Type.String({ description: 'Status.' }),
          open: Type.Boolean({ description: 'Whether the status is before closed.' }),
          drill: Type.Boolean({ description: 'A drill (kept out of metrics).' }),
          domain: Type.String({ description: 'Domain id.' }),
          datasets: Type.Array(Type.String({ description: 'Dataset id.' }), { description: 'Affected datasets, primary first.' }),
          owner: Nullable(Type.String({ description: 'Login of the incident owner.' })),
          owner_team: Nullable(Type.String({ description: "The owner's team (the producer team when the owner is in it)." })),
          teams: Type.Array(Type.String({ description: 'Team id.' }), { description: 'The owner team and the producer teams of the datasets.' }),
          detected_at: Type.String({ format: 'date-time', description: 'detected_at (UTC).' }),
          closed_at: Nullable(Type.String({ description: 'closed_at as written, when set.' })),
          age_seconds: Nullable(Type.Number({ description: 'Open: now − detected_at. Closed: closed_at − detected_at.' })),
          next_time_box: Nullable(
            Type.Object(
              {
                box: Type.String({ description: 'acknowledge, contain, resolve or next update.' }),
                due: Type.String({ format: 'date-time', description: 'When it ends (UTC).' }),
                overdue: Type.Boolean({ description: 'Whether now is past due.' }),
              },
              { additionalProperties: false, description: 'The earliest time box still running (open incidents).' },
            ),
          ),
          page: Type.String({ description: 'Path of the incident page, relative to the site root.' }),
        },
        { additionalProperties: false, description: 'One incident.' },
      ),
      { description: 'Incidents, open first (most severe, oldest), then the rest newest first.' },
    ),
  },
  { additionalProperties: false, description: 'data/incidents.json of the reports site (`sitrep site`).' },
);
export type SiteIncidents = Static<typeof SiteIncidentsSchema>;
