/**
 * The one table of diagnostic codes. Codes are stable: tools and waivers refer to them.
 * docs/diagnostics.md is generated from this table (npm run docs), and a test fails when they drift.
 */
export type Severity = 'error' | 'warning';

interface CodeSpec {
  severity: Severity;
  /** What the code means, for the docs table. */
  summary: string;
  /** Default hint when the finding does not carry its own. */
  hint?: string;
}

export const CODES = {
  // Reading files
  FILE_TOO_LARGE: { severity: 'error', summary: 'The file is larger than limits.max_file_bytes.', hint: 'Split the content or raise limits.max_file_bytes in sitrep.config.yaml.' },
  FILE_BINARY: { severity: 'error', summary: 'The file contains a NUL byte: it is binary, not YAML.', hint: 'Only YAML text belongs in the incident repo folders.' },
  FILE_ENCODING: { severity: 'error', summary: 'The file is not valid UTF-8.', hint: 'Save the file as UTF-8.' },
  FILE_EMPTY: { severity: 'error', summary: 'The file is empty.', hint: 'Write the document, or delete the file.' },
  FILE_NOT_MAPPING: { severity: 'error', summary: 'The top level is not a mapping of field names to values.', hint: 'Start the file with `field: value` lines, not a list or a scalar.' },
  FILE_MULTIPLE_DOCUMENTS: { severity: 'error', summary: 'The file holds more than one YAML document.', hint: 'Keep one document per file; remove the extra `---`.' },
  FILE_UNEXPECTED: { severity: 'warning', summary: 'A file in a managed folder does not follow the layout and is ignored.', hint: 'Incidents live at incidents/<year>/<id>.yaml, domains at ownership/domains/<id>.yaml, runbooks at runbooks/<id>.yaml.' },
  CONFIG_MISSING: { severity: 'error', summary: 'sitrep.config.yaml is missing.', hint: 'Run `sitrep init` or add the config file at the repo root.' },
  OWNERSHIP_MISSING: { severity: 'error', summary: 'ownership/teams.yaml or ownership/escalation.yaml is missing.', hint: 'Add the file; `sitrep init` writes a skeleton.' },
  // YAML
  YAML_SYNTAX: { severity: 'error', summary: 'The YAML cannot be parsed.', hint: 'Check indentation, quotes and colons at the position shown.' },
  YAML_TAB: { severity: 'error', summary: 'A tab is used for indentation; YAML allows only spaces.', hint: 'Replace the tab with spaces.' },
  YAML_DUPLICATE_KEY: { severity: 'error', summary: 'A mapping has the same key twice.', hint: 'Remove or rename one of the two keys.' },
  YAML_ALIAS_LIMIT: { severity: 'error', summary: 'The file uses too many aliases (a possible alias bomb).', hint: 'Write the values out instead of using anchors and aliases.' },
  // Structure (schema)
  SCHEMA_UNKNOWN_FIELD: { severity: 'error', summary: 'A field that the format does not know.', hint: 'Check the spelling against the schema in schemas/.' },
  SCHEMA_REQUIRED: { severity: 'error', summary: 'A required field is missing.' },
  SCHEMA_TYPE: { severity: 'error', summary: 'A value has the wrong type.' },
  SCHEMA_TIMESTAMP: { severity: 'error', summary: 'A timestamp is not an ISO-8601 date-time with a time zone.', hint: 'Write it like 2025-08-03T06:12:00Z.' },
  SCHEMA_DATE: { severity: 'error', summary: 'A date is not an ISO-8601 calendar date.', hint: 'Write it like 2025-08-10.' },
  SCHEMA_DURATION: { severity: 'error', summary: 'A duration is not ISO-8601.', hint: 'Write it like PT30M, PT4H or P2D.' },
  SCHEMA_ENUM: { severity: 'error', summary: 'A value is not one of the allowed values.' },
  SCHEMA_PATTERN: { severity: 'error', summary: 'A value does not have the expected form.' },
  SCHEMA_VALUE: { severity: 'error', summary: 'A value is out of range, too short, too long or duplicated.' },
  // References and identity
  REF_TEAM: { severity: 'error', summary: 'A team id that ownership/teams.yaml does not define.' },
  REF_LOGIN: { severity: 'error', summary: 'A login that is not a member or lead of any team, nor an executive.', hint: 'Add the person to their team in ownership/teams.yaml.' },
  REF_DATASET: { severity: 'error', summary: 'A dataset id that no ownership/domains file defines.' },
  REF_DOMAIN: { severity: 'error', summary: 'A domain id that has no ownership/domains/<id>.yaml.' },
  REF_RUNBOOK: { severity: 'error', summary: 'A runbook id that has no runbooks/<id>.yaml.' },
  REF_TARGET: { severity: 'error', summary: 'An escalation target that does not resolve.', hint: 'Targets are oncall:<team>, team:<team>, user:<login>, exec:<id> or vendor:<id>.' },
  REF_POLICY: { severity: 'error', summary: 'An escalation policy id that ownership/escalation.yaml does not define.' },
  REF_INCIDENT: { severity: 'error', summary: 'regression_of names an incident that does not exist.' },
  REF_TAXONOMY: { severity: 'error', summary: 'A severity, symptom or category that the config taxonomy does not define.' },
  ID_DUPLICATE: { severity: 'error', summary: 'Two entities share an id.' },
  ID_FILE_MISMATCH: { severity: 'error', summary: 'The id does not match the file name or year folder.' },
  DATASET_DOMAIN_MISMATCH: { severity: 'error', summary: "A dataset id's domain part differs from its file's domain." },
  LINEAGE_CYCLE: { severity: 'error', summary: 'Upstream lineage forms a cycle.' },
  // Lifecycle state of one incident
  TIME_ORDER: { severity: 'error', summary: 'Lifecycle timestamps are out of order.', hint: 'started_at ≤ detected_at ≤ acknowledged_at ≤ contained_at ≤ remediated_at ≤ resolved_at ≤ closed_at.' },
  TIME_LATER_STAGE: { severity: 'error', summary: 'A timestamp belongs to a stage after the current status.' },
  STATUS_REQUIREMENT: { severity: 'error', summary: 'Something the current status requires is missing (the lifecycle table).' },
  MITIGATION_ROLLBACK: { severity: 'error', summary: 'A reversible mitigation lacks its rollback plan, preconditions or postconditions.' },
  ESCALATION_ORDER: { severity: 'error', summary: "Escalation levels are not in increasing `after` order." },
  ENTRY_ID_DUPLICATE: { severity: 'error', summary: 'Two mitigations or action items share an id.' },
  // Change checks (`sitrep check`: base → head of a PR). Waivers name these codes in `rule`.
  LIFECYCLE_SKIP: { severity: 'error', summary: 'The status moves forward more than one stage without a waiver whose `stage` names the skipped status.', hint: 'Move one stage per PR, or add { rule: LIFECYCLE_SKIP, stage: <skipped status>, reason, approved_by } to waivers.' },
  LIFECYCLE_REOPEN: { severity: 'error', summary: 'The status moves back without a ledger `decision` entry added in the same PR, or after the incident was closed.', hint: 'Append a ledger entry of kind decision that says why it is reopened. A closed incident stays closed: open a new one with regression_of.' },
  STAGE_EVIDENCE: { severity: 'error', summary: "The incident leaves a stage without the ledger evidence its runbook requires for that stage.", hint: 'Append ledger entries of the kinds the runbook lists under the stage\'s `evidence`.' },
  LEDGER_EDITED: { severity: 'error', summary: 'A ledger entry already merged is changed. The ledger is append-only.', hint: 'Restore the entry and append a new one (kind note or decision) that corrects it.' },
  LEDGER_REMOVED: { severity: 'error', summary: 'A ledger entry already merged is removed. The ledger is append-only.', hint: 'Restore the entry; append a correction instead.' },
  LEDGER_REORDERED: { severity: 'error', summary: 'Ledger entries already merged are moved, or a new entry is inserted among them. New entries go at the end.', hint: 'Keep merged entries in their order and append new ones at the end.' },
  UPDATES_EDITED: { severity: 'error', summary: 'A stakeholder update already merged is changed. Updates are append-only.', hint: 'Restore the update and append a new one that corrects it.' },
  UPDATES_REMOVED: { severity: 'error', summary: 'A stakeholder update already merged is removed. Updates are append-only.', hint: 'Restore the update; append a correction instead.' },
  UPDATES_REORDERED: { severity: 'error', summary: 'Stakeholder updates already merged are moved, or a new one is inserted among them. New updates go at the end.', hint: 'Keep merged updates in their order and append new ones at the end.' },
  CLOSED_FROZEN: { severity: 'error', summary: 'A closed (or declined) incident is changed outside its `review`.', hint: 'Closed incidents are frozen except for their review. If the fault came back, open a new incident with regression_of.' },
  DATED_FUTURE: { severity: 'error', summary: "A timestamp added or changed in the PR is after the head commit's time plus the config's clock_tolerance.", hint: 'Record what happened, when it happened: not in the future.' },
  DATED_BEFORE_MERGED: { severity: 'error', summary: 'A new ledger entry or update is dated before an entry already merged in the same list.', hint: 'New entries go at the end with their own time; to record something found earlier, say so in the text.' },
  ROLLUP_MISSING: { severity: 'error', summary: "An incident that meets the config's roll-up criteria has no escalation to an exec: target within the acknowledge box.", hint: 'Add { at, to: exec:<id>, reason } to escalations, dated within the acknowledge box.' },
  OWNERSHIP_IN_USE: { severity: 'error', summary: 'A team, domain, dataset or runbook that an open incident still references is removed.', hint: 'Close or update the open incidents first, or keep the entity until they are closed.' },
  INCIDENT_DELETED: { severity: 'error', summary: 'An incident file is deleted, and the config does not allow it (incidents.allow_delete).', hint: 'Restore the file: the history of incidents is the audit trail. A false alarm is closed with status declined.' },
  INCIDENT_RENAMED: { severity: 'error', summary: 'An incident file is renamed or moved, and the config does not allow it (incidents.allow_delete).', hint: 'Keep the file where it was merged.' },
  SIGNOFF_CLAIM: { severity: 'error', summary: 'An incident moves to closed without a well-formed sign-off claim, by a member of the team in the base ownership, for each team its severity requires.', hint: 'Add { team, by: <member of the team before this PR>, at } to signoff; the gate Action checks the approval.' },
  WAIVER_CLAIM: { severity: 'error', summary: 'A waiver added or used by the PR is not well formed: unknown or unwaivable rule, a skip without `stage`, or an approver unknown to the base ownership.', hint: 'A waiver is { rule: <code>, stage: <status, for a skip>, reason, approved_by: <login known before this PR> }.' },
  WATCH_FINDING: { severity: 'warning', summary: 'An incident the PR touches has an overdue action item, or a closed one a late review: what `sitrep watch` reports, shown in the PR too.' },
  TIMEBOX_OVERRUN: { severity: 'warning', summary: 'An open incident the PR touches is past one of its time boxes; the message names the escalation that now applies.' },
  // History (`sitrep timeline`): the git history of an incident file against what it says.
  HISTORY_AFTER_COMMIT: { severity: 'warning', summary: "An entry of an incident is dated after the commit that recorded it (beyond the config's clock_tolerance).", hint: 'Record what happened when it happened; to record something planned, say so in the text instead of dating it ahead.' },
  HISTORY_REWRITTEN: { severity: 'warning', summary: 'A commit in the history edited or removed a ledger entry or a stakeholder update, which are append-only.', hint: 'History cannot be changed; append a correcting entry. The change checks stop this at review time.' },
  HISTORY_PARTIAL: { severity: 'warning', summary: 'The git history is partial (a shallow clone): early commits of the incident are missing.', hint: 'Fetch the full history: git fetch --unshallow, or actions/checkout with fetch-depth: 0.' },
  // Internal
  INTERNAL: { severity: 'error', summary: 'sitrep itself failed. Please report it with the file that caused it.' },
} as const satisfies Record<string, CodeSpec>;

export type Code = keyof typeof CODES;

export function codeSpec(code: Code): CodeSpec {
  return CODES[code];
}
