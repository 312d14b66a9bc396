/** The JSON contract of `sitrep timeline <id> --format json` (schemas/timeline.schema.json). */
import { Type, type Static } from '@sinclair/typebox';
import { DiagnosticSchema } from './diagnostic.js';

const Sha = Type.String({ pattern: '^[0-9a-f]{40}$', description: 'Full commit sha.' });
const Pr = Type.Integer({ minimum: 1, description: 'The pull request that brought the commit in.' });

export const TimelineEventSchema = Type.Object(
  {
    at: Type.String({ format: 'date-time', description: 'When, UTC. For commits: the author date (when it was recorded).' }),
    source: Type.Union([Type.Literal('declared'), Type.Literal('ledger'), Type.Literal('update'), Type.Literal('commit')], {
      description: 'declared: a timestamp written in the file outside the ledger and updates; ledger: a ledger entry; update: a stakeholder update; commit: a git commit that changed the file.',
    }),
    kind: Type.String({
      description: 'declared: started, detected, acknowledged, contained, remediated, resolved, closed, declined, mitigation-applied, mitigation-rolled-back, remediation-done, verification, escalation, signoff, review-held, action-item-done. ledger: the entry kind. update: the audience. commit: created, changed, renamed, deleted or merged.',
    }),
    text: Type.String({ description: 'What happened, one line.' }),
    by: Type.Optional(Type.String({ description: 'A login (file entries) or the git author name (commits).' })),
    email: Type.Optional(Type.String({ description: 'Commits: the author email.' })),
    sha: Type.Optional(Sha),
    pr: Type.Optional(Pr),
    field: Type.Optional(Type.String({ description: 'Where the entry is in the incident file: contained_at, ledger[2], mitigations[0].applied_at.' })),
    stage: Type.Optional(Type.String({ description: 'The status a lifecycle timestamp belongs to.' })),
    audience: Type.Optional(Type.String({ description: 'Updates: the audience.' })),
    id: Type.Optional(Type.String({ description: 'Mitigation or action item id.' })),
    changes: Type.Optional(Type.Array(Type.String({ description: 'One change.' }), { description: 'Commits: what changed in the file, one short line each.' })),
    recorded: Type.Optional(
      Type.Object(
        {
          sha: Sha,
          at: Type.String({ format: 'date-time', description: 'Author date of that commit, UTC.' }),
          by: Type.String({ description: 'Git author name.' }),
          pr: Type.Optional(Pr),
        },
        { additionalProperties: false, description: 'File entries: the commit that first recorded the entry as it is now.' },
      ),
    ),
  },
  { additionalProperties: false, description: 'One event of the timeline.' },
);

export const TimelineResultSchema = Type.Object(
  {
    diagnostics: Type.Array(DiagnosticSchema, { description: 'Inconsistencies (warnings: HISTORY_AFTER_COMMIT, HISTORY_REWRITTEN, HISTORY_PARTIAL) and file problems.' }),
    incident: Type.Object(
      {
        id: Type.String({ description: 'Incident id.' }),
        path: Type.String({ description: 'Repo-relative path of its file.' }),
        title: Type.String({ description: 'Title.' }),
        status: Type.String({ description: 'Current status.' }),
        severity: Type.String({ description: 'Current severity.' }),
      },
      { additionalProperties: false, description: 'The incident.' },
    ),
    history: Type.Object(
      {
        available: Type.Boolean({ description: 'Whether the git history was read (the root is in a git repository).' }),
        partial: Type.Boolean({ description: 'A shallow clone: the earliest commits may be missing.' }),
        commits: Type.Integer({ minimum: 0, description: 'Commits that changed the file.' }),
        paths: Type.Array(Type.String({ description: 'A path.' }), { description: 'Every path the file had, newest first (renames followed).' }),
      },
      { additionalProperties: false, description: 'The git history behind the commit events.' },
    ),
    events: Type.Array(TimelineEventSchema, { description: 'Oldest first; within one instant: declared, ledger, updates, then commits.' }),
  },
  { additionalProperties: false, description: 'Output of `sitrep timeline <id> --format json`.' },
);
export type TimelineResult = Static<typeof TimelineResultSchema>;
