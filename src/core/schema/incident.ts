/**
 * incidents/<year>/<id>.yaml: one incident. The top-level field names, the status names
 * and the audience names are a public contract (DOMAIN.md): add fields, never rename.
 */
import { Type, type Static } from '@sinclair/typebox';
import {
  Bool, DatasetRef, DateOnly, DomainRef, EscalationTarget, IncidentRef, LedgerKindSchema, List, Login, Obj, Opt,
  RunbookRef, Stage, Str, StrEnum, TaxonomyRef, TeamRef, Text, Timestamp,
} from './common.js';

export const STATUSES = ['detected', 'triaged', 'contained', 'remediated', 'verified', 'closed', 'declined'] as const;
export type Status = (typeof STATUSES)[number];
export const AUDIENCES = ['internal', 'consumers', 'exec', 'external'] as const;
export type Audience = (typeof AUDIENCES)[number];

const LedgerEntry = Obj(
  {
    at: Timestamp('When it happened or was found.'),
    by: Login('Who recorded it.'),
    kind: LedgerKindSchema('hypothesis, evidence, change, decision or note.'),
    text: Text({ description: 'What it says.' }),
    links: Opt(List(Str({ description: 'A link.' }), { description: 'Links to queries, dashboards, PRs.' })),
  },
  { description: 'One ledger entry. The ledger is append-only.' },
);

const Mitigation = Obj(
  {
    id: Str({ pattern: '^M\\d+$', description: 'M1, M2, ...' }),
    action: Text({ description: 'What was changed to contain the impact.' }),
    owner: Opt(Login('Who applies it.')),
    reversible: Bool({ description: 'Whether it can be rolled back.' }),
    rollback: Opt(Text({ description: 'Rollback plan. Required when reversible.' })),
    preconditions: Opt(List(Text({ description: 'A precondition.' }), { description: 'What must hold before applying it. Required when reversible.' })),
    postconditions: Opt(List(Text({ description: 'A postcondition.' }), { description: 'What must hold after applying it. Required when reversible.' })),
    impact_assessment: Opt(Text({ description: 'What the change itself may affect.' })),
    applied_at: Opt(Timestamp('When it was applied.')),
    rolled_back_at: Opt(Timestamp('When it was rolled back.')),
  },
  { description: 'A mitigation, under change management.' },
);

const Update = Obj(
  {
    at: Timestamp('When it was sent.'),
    audience: StrEnum(AUDIENCES, 'internal, consumers, exec or external.'),
    stage: Stage('The response stage at the time.'),
    by: Opt(Login('Who sent it.')),
    text: Text({ description: 'What was said.' }),
  },
  { description: 'One stakeholder update. Updates are append-only.' },
);

const ActionItem = Obj(
  {
    id: Str({ pattern: '^A\\d+$', description: 'A1, A2, ...' }),
    action: Text({ description: 'What will be done.' }),
    owner: TeamRef('Team that owns it.'),
    due: DateOnly('Due date.'),
    status: StrEnum(['open', 'done'] as const, 'open or done.'),
    done_at: Opt(Timestamp('When it was done.')),
    type: StrEnum(['prevent', 'detect', 'mitigate', 'process'] as const, 'prevent, detect, mitigate or process.'),
    link: Opt(Str({ description: 'Ticket link.' })),
  },
  { description: 'A follow-up action item.' },
);

export const IncidentSchema = Obj(
  {
    id: IncidentRef('INC-<year>-<number>; matches the file name and year folder.'),
    title: Str({ maxLength: 200, description: 'Dataset + symptom, e.g. "orders.fct_orders: daily partition missing since 02:00 UTC".' }),
    severity: TaxonomyRef('A severity id from the config taxonomy.'),
    status: StrEnum(STATUSES, 'detected, triaged, contained, remediated, verified, closed or declined.'),
    symptom: TaxonomyRef('A symptom id from the config taxonomy.'),
    domain: DomainRef('The domain of the affected datasets.'),
    datasets: List(DatasetRef('A dataset id.'), { minItems: 1, uniqueItems: true, description: 'Affected datasets; the first is the primary one.' }),
    drill: Opt(Bool({ description: 'A drill: checked like any incident, kept out of metrics.' })),
    impact: Opt(
      Obj(
        {
          summary: Text({ description: 'Business impact in plain words.' }),
          consumers: Opt(List(TeamRef('A consumer team.'), { uniqueItems: true, description: 'Consumer teams affected.' })),
          external: Opt(Bool({ description: 'Whether customers or partners outside the company are affected.' })),
          categories: Opt(List(TaxonomyRef('An impact category id.'), { description: 'Impact categories from the taxonomy.' })),
        },
        { description: 'Impact.' },
      ),
    ),
    started_at: Opt(Timestamp('When the fault entered the data (an estimate is allowed).')),
    detected_at: Timestamp('When it was detected.'),
    acknowledged_at: Opt(Timestamp('When an owner took it (status triaged).')),
    contained_at: Opt(Timestamp('When the impact stopped growing (status contained).')),
    remediated_at: Opt(Timestamp('When the fix was in (status remediated).')),
    resolved_at: Opt(Timestamp('When the data could be trusted again (status verified).')),
    closed_at: Opt(Timestamp('When it was closed or declined.')),
    roles: Opt(
      Obj(
        {
          owner: Opt(Login('Incident owner: runs triage, keeps the ledger, drives to close.')),
          comms: Opt(Login('Writes the stakeholder updates.')),
          scribe: Opt(Login('Keeps the ledger during calls.')),
          tech_lead: Opt(Login('Leads the technical investigation.')),
        },
        { description: 'Who does what.' },
      ),
    ),
    channel: Opt(Str({ description: 'The incident chat channel, e.g. "#inc-2025-0042".' })),
    runbook: Opt(RunbookRef('The runbook followed.')),
    ledger: Opt(List(LedgerEntry, { description: 'Append-only record of hypotheses, evidence, changes, decisions and notes.' })),
    mitigations: Opt(List(Mitigation, { description: 'Mitigations applied to contain the impact.' })),
    updates: Opt(List(Update, { description: 'Append-only stakeholder updates.' })),
    root_cause: Opt(
      Obj(
        {
          summary: Text({ description: 'What went wrong.' }),
          category: TaxonomyRef('A root-cause category from the taxonomy.'),
          entered_at: Opt(DatasetRef('The dataset where the fault entered, traced through lineage.')),
        },
        { description: 'The root cause.' },
      ),
    ),
    remediation: Opt(
      List(
        Obj(
          {
            action: Text({ description: 'The fix.' }),
            owner: TeamRef('Team that owns it.'),
            status: StrEnum(['open', 'done'] as const, 'open or done.'),
            done_at: Opt(Timestamp('When it was done.')),
            link: Opt(Str({ description: 'PR or ticket link.' })),
          },
          { description: 'A remediation action.' },
        ),
        { description: 'Remediation actions with owners.' },
      ),
    ),
    verification: Opt(
      List(
        Obj(
          {
            check: Text({ description: 'What was checked.' }),
            baseline: Opt(Text({ description: 'Expected baseline.' })),
            result: Opt(Text({ description: 'What was found.' })),
            passed: Bool({ description: 'Whether it passed.' }),
            evidence: Opt(Text({ description: 'Link or query output proving it.' })),
            by: Opt(Login('Verifier.')),
            at: Opt(Timestamp('When it was checked.')),
          },
          { description: 'A verification check against a baseline.' },
        ),
        { description: 'Integrity checks before close.' },
      ),
    ),
    signoff: Opt(
      List(
        Obj(
          {
            team: TeamRef('The signing team.'),
            by: Login('Who signs for it; the gate checks their approval on the PR.'),
            at: Timestamp('When.'),
          },
          { description: 'A sign-off claim.' },
        ),
        { description: 'Sign-off claims, verified by the gate Action against PR approvals.' },
      ),
    ),
    escalations: Opt(
      List(
        Obj(
          {
            at: Timestamp('When.'),
            to: EscalationTarget('Who was escalated to.'),
            reason: Text({ description: 'Why.' }),
            by: Opt(Login('Who escalated.')),
          },
          { description: 'An escalation.' },
        ),
        { description: 'Escalations made.' },
      ),
    ),
    review: Opt(
      Obj(
        {
          due: DateOnly('When the post-incident review is due.'),
          held_at: Opt(Timestamp('When it was held.')),
          facilitator: Opt(Login('Who ran it.')),
          doc: Opt(Str({ description: 'Link to the review document.' })),
          learnings: Opt(List(Text({ description: 'A learning.' }), { description: 'What was learned.' })),
          action_items: Opt(List(ActionItem, { description: 'Follow-up action items.' })),
        },
        { description: 'The post-incident review.' },
      ),
    ),
    regression_of: Opt(IncidentRef('The earlier incident whose fault came back.')),
    waivers: Opt(
      List(
        Obj(
          {
            rule: Str({ description: 'The diagnostic code waived, e.g. LIFECYCLE_SKIP.' }),
            stage: Opt(StrEnum(STATUSES, 'The skipped status, for a skip.')),
            reason: Text({ description: 'Why.' }),
            approved_by: Login('Who approves it; the gate checks their approval on the PR.'),
          },
          { description: 'A waiver claim.' },
        ),
        { description: 'Waivers of process rules, verified by the gate Action.' },
      ),
    ),
  },
  { description: 'A dataset incident.' },
);
export type Incident = Static<typeof IncidentSchema>;
export type LedgerEntryT = NonNullable<Incident['ledger']>[number];
export type UpdateT = NonNullable<Incident['updates']>[number];
export type MitigationT = NonNullable<Incident['mitigations']>[number];
