/** sitrep.config.yaml: the taxonomy, time boxes, sign-off roles, roll-up criteria, admins, site and GitHub settings. */
import { Type, type Static } from '@sinclair/typebox';
import { Bool, Duration, Int, List, Obj, Opt, Str, TaxonomyRef, TeamRef, Text } from './common.js';

export const SIGNOFF_ROLES = ['producer', 'platform', 'consumers', 'owner'] as const;

const TimeBoxes = Obj(
  {
    acknowledge: Duration('From detected_at to acknowledged_at.'),
    contain: Duration('From detected_at to contained_at.'),
    resolve: Duration('From detected_at to resolved_at (the data can be trusted again).'),
    update_every: Duration('Longest gap between stakeholder updates while open, and from detected_at to the first.'),
    review_within: Duration('From closed_at to review.held_at.'),
  },
  { description: 'ISO-8601 durations for each time box of this severity.' },
);

const Severity = Obj(
  {
    id: TaxonomyRef('Severity id used in incidents, e.g. SEV1.'),
    name: Str({ description: 'Short human name, e.g. "Critical".' }),
    description: Text({ description: 'When to use this severity.' }),
    time_boxes: TimeBoxes,
    signoff: List(Type.String({ minLength: 1, description: `A sign-off role (${SIGNOFF_ROLES.join(', ')}) or a literal team id.` }), {
      description: 'Which teams must sign off before close: roles resolved per incident, or literal team ids.',
    }),
    review_required: Bool({ description: 'Whether closing needs a post-incident review with a due date.' }),
    route_platform: Opt(Bool({ description: 'Whether the platform team of each dataset is asked to review PRs at this severity.' })),
  },
  { description: 'One severity level.' },
);

const Category = Obj(
  {
    id: TaxonomyRef('Stable id used in incident files.'),
    name: Str({ description: 'Human name.' }),
    description: Opt(Text({ description: 'What belongs in this category.' })),
  },
  { description: 'One entry of a taxonomy list.' },
);

export const ConfigSchema = Obj(
  {
    version: Type.Literal(1, { description: 'Format version of this file. Always 1.' }),
    admins: TeamRef('The team that owns ownership/teams.yaml, ownership/escalation.yaml and this config.'),
    taxonomy: Obj(
      {
        severities: List(Severity, { minItems: 1, description: 'Severity levels, most severe first.' }),
        symptoms: List(Category, { minItems: 1, description: 'What was observed: freshness, volume, schema, ...' }),
        impact_categories: List(Category, { description: 'Kinds of business impact an incident can have.' }),
        root_cause_categories: List(Category, { minItems: 1, description: 'Where faults come from, for root_cause.category.' }),
      },
      { description: 'The published incident taxonomy: severity, symptom, impact and root cause.' },
    ),
    rollup: Obj(
      {
        severities: List(TaxonomyRef('A severity id.'), { description: 'Severities that always roll up to an executive.' }),
        external_impact: Bool({ description: 'Roll up incidents whose impact is external.' }),
        contract_breach: Bool({ description: "Roll up incidents that breach a dataset contract's time_to_detect or time_to_repair." }),
      },
      { description: 'Executive roll-up criteria: a matching incident needs an exec: escalation within the acknowledge box.' },
    ),
    clock_tolerance: Opt(Duration('How far after the recording commit a timestamp may be (clock skew). Default PT5M.')),
    incidents: Opt(
      Obj(
        {
          id_prefix: Opt(Str({ pattern: '^[A-Z]+$', description: 'Prefix of incident ids. Default INC.' })),
          allow_delete: Opt(Bool({ description: 'Whether a PR may delete or rename incident files. Default false.' })),
          regression_window: Opt(Duration('Window after resolved_at in which the same dataset and root-cause category counts as a regression. Default P90D.')),
        },
        { description: 'Incident file settings.' },
      ),
    ),
    limits: Opt(
      Obj(
        { max_file_bytes: Opt(Int({ minimum: 1024, description: 'Files larger than this are refused. Default 4 MB.' })) },
        { description: 'Safety limits for reading files.' },
      ),
    ),
    templates: Opt(Str({ description: 'Folder (relative to the repo root) whose .hbs files override the built-in templates.' })),
    site: Opt(
      Obj(
        {
          title: Opt(Str({ description: 'Title of the reports site.' })),
          base_path: Opt(Str({ pattern: '^/(.*/)?$', description: 'Sub-path the site is served under, e.g. /incidents/.' })),
          url: Opt(Str({ description: 'Public URL of the site, for feed links.' })),
          repository_url: Opt(Str({ description: 'Web URL of this repository, for commit links, e.g. https://github.com/acme/incidents.' })),
        },
        { description: 'Reports site settings.' },
      ),
    ),
    github: Opt(
      Obj(
        {
          label_prefix: Opt(Type.String({ description: 'Prefix for labels the route Action sets, e.g. "sitrep:". Default none.' })),
          tracking_label: Opt(Str({ description: 'Label of the tracking issues the watch Action keeps. Default "sitrep-watch".' })),
        },
        { description: 'GitHub settings for the Actions.' },
      ),
    ),
  },
  { description: 'sitrep configuration for an incident repo.' },
);
export type Config = Static<typeof ConfigSchema>;
export type SeverityConfig = Config['taxonomy']['severities'][number];
export type TimeBoxName = keyof SeverityConfig['time_boxes'];
