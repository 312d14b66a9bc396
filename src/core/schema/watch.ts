/** The JSON output of `sitrep watch --format json` (computeWatch in src/core/watch.ts), published as schemas/watch.schema.json. */
import { Type, type TSchema } from '@sinclair/typebox';
import { DiagnosticSchema } from './diagnostic.js';

const Str = (description: string) => Type.String({ description });
const Time = (description: string) => Type.String({ format: 'date-time', description });
const Nullable = <T extends TSchema>(t: T, description: string) => Type.Union([t, Type.Null()], { description });
const Obj = <P extends Parameters<typeof Type.Object>[0]>(props: P, description: string) =>
  Type.Object(props, { additionalProperties: false, description });
const Strings = (description: string) => Type.Array(Type.String(), { description });
const KIND = Type.Unsafe<string>({ type: 'string', enum: ['timebox', 'update', 'review', 'action_item'], description: 'timebox (acknowledge, contain, resolve overrun), update (late stakeholder update), review (post-incident review not held in time), action_item (overdue review action item).' });
const BOX = Type.Unsafe<string>({ type: 'string', enum: ['acknowledge', 'contain', 'resolve', 'update_every', 'review_within'], description: 'The time box.' });

const Target = Obj(
  {
    target: Str('The target as written: oncall:<team>, team:<team>, user:<login>, exec:<id> or vendor:<id>.'),
    known: Type.Boolean({ description: 'Whether the id exists in ownership.' }),
    logins: Strings('GitHub logins to mention (the on-call person at now, the user, the executive).'),
    github_teams: Strings('GitHub teams ("@org/slug") to mention.'),
    channels: Strings('Channels outside GitHub: pager, chat, email, vendor contact.'),
  },
  'One escalation target, resolved at now.',
);

const Escalation = Obj(
  {
    policy: Str('Policy id from ownership/escalation.yaml.'),
    team: Str('The team whose `escalation` names the policy.'),
    via: Type.Unsafe<string>({ type: 'string', enum: ['producer', 'owner'], description: "producer: the first dataset's producer team; owner: the incident owner's team." }),
    level: Type.Integer({ minimum: 0, description: '1-based level that applies (the last whose `after` ≤ time overrun); 0 before the first level.' }),
    levels: Type.Integer({ minimum: 0, description: 'Number of levels of the policy.' }),
    after: Nullable(Type.String(), 'The applying level\'s `after` (ISO-8601 duration).'),
    since: Nullable(Type.String({ format: 'date-time' }), 'When the applying level started to apply: due + after.'),
    next: Nullable(Obj({ level: Type.Integer(), after: Str('Its `after`.'), at: Time('When it will apply.') }, 'The next level.'), 'The next level, when there is one.'),
  },
  'The escalation policy level that applies (DOMAIN.md).',
);

const Finding = Obj(
  {
    incident: Str('Incident id.'),
    file: Str('Incident file.'),
    kind: KIND,
    box: Nullable(BOX, 'The time box, for timebox, update and review findings.'),
    action_item: Nullable(Type.String(), 'The action item id, for action_item findings.'),
    message: Str('What is overdue, in words; it does not depend on now (see overdue_by), so text built from it stays stable between runs.'),
    from: Str('What the box is measured from: detected_at, updates[N].at, closed_at, review.action_items[N].due.'),
    due: Time('When it was due.'),
    overdue_by: Str('now − due, as an ISO-8601 duration.'),
    overdue_seconds: Type.Integer({ minimum: 0, description: 'now − due in seconds, for sorting.' }),
    escalation: Nullable(Escalation, 'The escalation, or null when neither the producer team nor the owner team names a policy.'),
    notify: Type.Array(Target, { description: 'Who must be told: the level\'s targets; before the first level or without a policy, the incident owner (else the producer on-call); for an action item, also its owner team.' }),
    people: Strings('Logins to mention (from notify, deduplicated).'),
    teams: Strings('GitHub teams to mention (from notify, deduplicated).'),
    channels: Strings('Channels to use (from notify, deduplicated).'),
  },
  'One overdue item.',
);

const Incident = Obj(
  {
    id: Str('Incident id.'),
    file: Str('Incident file.'),
    title: Str('Title.'),
    severity: Str('Severity id.'),
    status: Str('Status.'),
    drill: Type.Boolean({ description: 'A drill (watched like any incident).' }),
    owner: Nullable(Type.String(), 'roles.owner.'),
    level: Type.Integer({ minimum: 0, description: 'Highest escalation level among its findings.' }),
    findings: Type.Array(Finding, { description: 'Its findings.' }),
    people: Strings('Every login to mention for this incident.'),
    teams: Strings('Every GitHub team to mention for this incident.'),
    channels: Strings('Every channel to use for this incident.'),
  },
  'An incident with findings: one tracking issue each in the watch Action.',
);

export const WatchResultSchema = Obj(
  {
    diagnostics: Type.Array(DiagnosticSchema, { description: 'Errors of the repo: an incident that fails validation is not watched.' }),
    now: Time('"Now": --now, or the clock.'),
    incidents: Type.Array(Incident, { description: 'Incidents with findings, most urgent first (highest level, then longest overdue).' }),
    summary: Obj(
      {
        incidents: Type.Integer({ description: 'Valid incidents read.' }),
        open: Type.Integer({ description: 'Open incidents among them.' }),
        with_findings: Type.Integer({ description: 'Incidents with findings.' }),
        findings: Type.Integer({ description: 'Findings.' }),
        by_kind: Obj(
          { timebox: Type.Integer(), update: Type.Integer(), review: Type.Integer(), action_item: Type.Integer() },
          'Findings per kind.',
        ),
      },
      'Counts.',
    ),
  },
  'Output of `sitrep watch --format json`.',
);
