/** The JSON output of `sitrep check --format json`, published as schemas/check-result.schema.json. */
import { Type, type Static } from '@sinclair/typebox';
import { DiagnosticSchema } from './diagnostic.js';

const Str = (description: string) => Type.String({ description });
const Nullable = <T extends ReturnType<typeof Type.String>>(t: T, description: string) => Type.Union([t, Type.Null()], { description });
const Obj = <P extends Parameters<typeof Type.Object>[0]>(props: P, description: string) =>
  Type.Object(props, { additionalProperties: false, description });

export const CheckResultSchema = Obj(
  {
    diagnostics: Type.Array(DiagnosticSchema, { description: 'Findings in the files the PR touched, errors first. A removed entry or file is reported at its line in base.' }),
    summary: Obj(
      {
        files: Type.Integer({ description: 'Managed files the PR changes (config, ownership, runbooks, incidents).' }),
        incidents: Type.Integer({ description: 'Incident files among them.' }),
        errors: Type.Integer({ description: 'Number of error diagnostics.' }),
        warnings: Type.Integer({ description: 'Number of warning diagnostics.' }),
        files_read: Type.Integer({ description: 'Files read from base and head: what the check cost.' }),
      },
      'Counts.',
    ),
    base: Obj(
      {
        ref: Str('The base ref as given.'),
        commit: Str('Full sha of the commit compared: the merge base of base and head.'),
        tip: Str('Full sha the base ref points at.'),
      },
      'The base side of the change.',
    ),
    head: Obj(
      {
        ref: Str('The head ref as given (default HEAD).'),
        commit: Str('Full sha of the head commit.'),
        time: Type.String({ format: 'date-time', description: "The head commit's committer time (UTC): nothing may be dated after it, beyond clock_tolerance." }),
      },
      'The head side of the change.',
    ),
    now: Type.String({ format: 'date-time', description: '"Now" for time boxes and roll-up: --now, or the head commit time.' }),
    changed: Type.Array(
      Obj(
        {
          status: Type.Union(['A', 'M', 'D', 'R', 'C', 'T'].map((s) => Type.Literal(s)), { description: 'Added, Modified, Deleted, Renamed, Copied, Type changed.' }),
          path: Str('Path in head (for D, the deleted path).'),
          old_path: Type.Optional(Str('For R and C: the path in base.')),
        },
        'A changed file.',
      ),
      { description: 'Managed files that differ between base and head.' },
    ),
    signoff_required: Type.Array(
      Obj(
        {
          incident: Str('Incident id.'),
          file: Str('Incident file in head.'),
          team: Str('Team whose sign-off closing requires.'),
          role: Str('Why: producer, platform, consumers, owner, or team (a literal team id in the config).'),
          members: Type.Array(Type.String(), { description: "Who may sign: the team's members and leads in the BASE ownership." }),
          claimed_by: Nullable(Type.String(), 'Login of the sign-off claim in head, or null when none.'),
        },
        'A sign-off the gate Action must find approved on the head commit.',
      ),
      { description: 'For each incident the PR moves to closed: the sign-offs its severity requires.' },
    ),
    waivers_required: Type.Array(
      Obj(
        {
          incident: Str('Incident id.'),
          file: Str('Incident file in head.'),
          rule: Str('The diagnostic code the waiver names.'),
          stage: Nullable(Type.String(), 'The status the waiver names (the skipped status for LIFECYCLE_SKIP), or null.'),
          approved_by: Str('Login whose approval the gate Action must find.'),
          added: Type.Boolean({ description: 'The PR adds this waiver.' }),
          used: Type.Boolean({ description: 'The waiver waives a finding of this PR.' }),
        },
        'A waiver the gate Action must find approved.',
      ),
      { description: 'Every waiver the PR adds or uses.' },
    ),
    overruns: Type.Array(
      Obj(
        {
          incident: Str('Incident id.'),
          file: Str('Incident file in head.'),
          box: Type.Union(['acknowledge', 'contain', 'resolve', 'update_every', 'review_within'].map((b) => Type.Literal(b)), { description: 'The time box (config time_boxes).' }),
          length: Str('The box length (ISO-8601 duration).'),
          from: Str('What the box runs from: detected_at, updates[n].at or closed_at.'),
          due: Type.String({ format: 'date-time', description: 'When the box ended.' }),
          overdue_by: Str('How long it is overdue (ISO-8601 duration).'),
          overdue_seconds: Type.Integer({ description: 'The same, in seconds.' }),
          escalation: Type.Union([
            Obj(
              {
                policy: Str('Escalation policy id.'),
                team: Str('Team whose policy it is.'),
                via: Type.Union([Type.Literal('producer'), Type.Literal('owner')], { description: 'producer: the first dataset\'s producer team; owner: the incident owner\'s team.' }),
                level: Type.Integer({ minimum: 0, description: '1-based level that applies; 0 before the first level.' }),
                after: Nullable(Type.String(), 'The level\'s `after`, or null at level 0.'),
                notify: Type.Array(Type.String(), { description: 'Targets of the level as written (kind:id).' }),
                logins: Type.Array(Type.String(), { description: 'Logins the targets resolve to now (on-call at now).' }),
                github_teams: Type.Array(Type.String(), { description: 'GitHub teams (@org/slug) the targets resolve to.' }),
                channels: Type.Array(Type.String(), { description: 'Chat channels, pagers, emails, vendor contacts.' }),
                next: Type.Union([Obj({ level: Type.Integer(), after: Type.String() }, 'The next level.'), Type.Null()], { description: 'The next level, or null.' }),
              },
              'The escalation that applies now.',
            ),
            Type.Null(),
          ], { description: 'The escalation that applies now, or null when no policy applies.' }),
        },
        'A time box overrun of an open incident the PR touches.',
      ),
      { description: 'Overruns at `now` of the open incidents the PR touches.' },
    ),
  },
  'Output of `sitrep check --format json`: the change checks of a PR (docs/commands/check.md).',
);
export type CheckResult = Static<typeof CheckResultSchema>;
