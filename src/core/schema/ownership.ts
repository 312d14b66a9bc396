/** ownership/: teams, domains with their datasets, escalation policies, executives and vendors. */
import { Type, type Static } from '@sinclair/typebox';
import {
  DatasetRef, DomainRef, Duration, EscalationTarget, Int, List, Login, Obj, Opt, RunbookRef, Str, TeamRef, Text, Timestamp,
} from './common.js';

const Channels = Obj(
  {
    chat: Opt(Str({ description: 'Chat channel, e.g. "#orders-data".' })),
    email: Opt(Str({ format: 'email', description: 'Team email address.' })),
    pager: Opt(Str({ description: 'Pager service or link.' })),
  },
  { description: 'How to reach the team.' },
);

const Oncall = Obj(
  {
    rotation: Opt(
      List(
        Obj(
          {
            login: Login('Who is on call from this time on.'),
            from: Timestamp('Start of the shift; the on-call person at time T is the last entry whose from ≤ T.'),
          },
          { description: 'One hand-over of the rotation.' },
        ),
        { description: 'Rotation hand-overs in time order.' },
      ),
    ),
    pager: Opt(Str({ description: 'Pager link when the rotation lives elsewhere: no on-call person is known, so owners are named by hand.' })),
  },
  { description: 'On-call: a rotation of logins, or only a pager link.' },
);

export const TeamSchema = Obj(
  {
    id: TeamRef('Stable team id used everywhere else.'),
    name: Str({ description: 'Human name of the team.' }),
    github: Str({ pattern: '^@[A-Za-z0-9][A-Za-z0-9-]*/[A-Za-z0-9][A-Za-z0-9._-]*$', description: 'GitHub team, "@org/slug", asked for reviews.' }),
    members: List(Login('A member login.'), { uniqueItems: true, description: 'GitHub logins of the members.' }),
    leads: Opt(List(Login('A lead login.'), { uniqueItems: true, description: 'GitHub logins of the leads (also members for sign-off).' })),
    channels: Opt(Channels),
    oncall: Opt(Oncall),
    escalation: Opt(Str({ description: 'Id of the escalation policy in ownership/escalation.yaml that applies to this team.' })),
  },
  { description: 'One team.' },
);
export const TeamsFileSchema = Obj(
  { teams: List(TeamSchema, { minItems: 1, description: 'All teams of the data organisation.' }) },
  { description: 'ownership/teams.yaml' },
);
export type Team = Static<typeof TeamSchema>;
export type TeamsFile = Static<typeof TeamsFileSchema>;

const Contract = Obj(
  {
    freshness: Opt(Duration('Maximum age of the newest data, e.g. PT6H.')),
    time_to_detect: Opt(Duration('Longest acceptable time from started_at to detected_at.')),
    time_to_repair: Opt(Duration('Longest acceptable time from detected_at to resolved_at.')),
    completeness: Opt(Type.Number({ minimum: 0, maximum: 1, description: 'Minimum share of expected rows, 0..1.' })),
    availability: Opt(Type.Number({ minimum: 0, maximum: 1, description: 'Availability target, 0..1.' })),
  },
  { description: 'The data contract the producer promises its consumers.' },
);

export const DatasetSchema = Obj(
  {
    id: DatasetRef('"<domain>.<name>"; the domain part is this file\'s domain id.'),
    description: Opt(Text({ description: 'What the dataset holds.' })),
    tier: Int({ minimum: 1, maximum: 3, description: 'Criticality tier: 1 is business critical, 3 is best effort.' }),
    producer: TeamRef('Team that produces the dataset and owns fixes.'),
    consumers: List(TeamRef('A consumer team.'), { uniqueItems: true, description: 'Teams that read the dataset directly.' }),
    platform: TeamRef('Team that runs the pipelines and storage underneath.'),
    upstream: Opt(List(DatasetRef('An upstream dataset id.'), { uniqueItems: true, description: 'Datasets this one is built from (lineage).' })),
    runbooks: Opt(List(RunbookRef('A runbook id.'), { uniqueItems: true, description: 'Runbooks that apply to this dataset.' })),
    paths: Opt(List(Str({ description: 'A CODEOWNERS-style glob.' }), { description: 'Globs of the pipeline code that builds this dataset, routed to the producer in CODEOWNERS.' })),
    contract: Opt(Contract),
  },
  { description: 'One dataset.' },
);
export const DomainFileSchema = Obj(
  {
    domain: Obj(
      {
        id: DomainRef('Domain id; must match the file name.'),
        name: Str({ description: 'Human name of the domain.' }),
        description: Opt(Text({ description: 'What the domain covers.' })),
        owner: TeamRef('Team that owns the domain and this file.'),
        steward: Login('Data steward of the domain, an escalation target and reviewer of this file.'),
      },
      { description: 'The domain.' },
    ),
    datasets: List(DatasetSchema, { description: 'Datasets of the domain.' }),
  },
  { description: 'ownership/domains/<id>.yaml' },
);
export type Dataset = Static<typeof DatasetSchema>;
export type DomainFile = Static<typeof DomainFileSchema>;
export type Domain = DomainFile['domain'];

const Level = Obj(
  {
    after: Duration('How long after the overrun this level applies.'),
    notify: List(EscalationTarget('Who to notify: oncall:<team>, team:<team>, user:<login>, exec:<id> or vendor:<id>.'), {
      minItems: 1,
      description: 'Targets notified at this level.',
    }),
  },
  { description: 'One escalation level.' },
);
export const EscalationFileSchema = Obj(
  {
    policies: List(
      Obj(
        {
          id: Str({ pattern: '^[a-z0-9][a-z0-9-]*$', description: 'Policy id, referenced by teams.' }),
          description: Opt(Text({ description: 'When this policy is used.' })),
          levels: List(Level, { minItems: 1, description: 'Levels in increasing `after` order.' }),
        },
        { description: 'One escalation policy.' },
      ),
      { minItems: 1, description: 'Escalation policies.' },
    ),
    executives: List(
      Obj(
        {
          id: Str({ pattern: '^[a-z0-9][a-z0-9-]*$', description: 'Id used in exec: targets.' }),
          name: Str({ description: 'Name and title.' }),
          login: Login('GitHub login.'),
          email: Opt(Str({ format: 'email', description: 'Email address.' })),
        },
        { description: 'An executive sponsor.' },
      ),
      { description: 'Executive escalation targets.' },
    ),
    vendors: List(
      Obj(
        {
          id: Str({ pattern: '^[a-z0-9][a-z0-9-]*$', description: 'Id used in vendor: targets.' }),
          name: Str({ description: 'Vendor name.' }),
          contact: Str({ description: 'Support contact: URL, email or phone.' }),
          support_plan: Opt(Str({ description: 'Support plan or SLA.' })),
        },
        { description: 'A vendor support contact.' },
      ),
      { description: 'Vendor escalation targets.' },
    ),
  },
  { description: 'ownership/escalation.yaml' },
);
export type EscalationFile = Static<typeof EscalationFileSchema>;
export type EscalationPolicy = EscalationFile['policies'][number];
