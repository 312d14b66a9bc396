/**
 * The shapes shared by the change checks (`sitrep check`): what changed between a PR's base and
 * head, the context every change rule receives, and the claims it hands to the gate Action.
 */
import type { Finding } from '../finding.js';
import type { Located } from '../model.js';
import type { RepoIndex } from '../repo-index.js';
import type { Incident, Status } from '../schema/incident.js';
import type { Config } from '../schema/config.js';
import type { TimeBoxName } from '../timeboxes.js';

/** A changed file, as `git diff --name-status` reports it (src/git/diff.ts has the same shape). */
export interface ChangedFile {
  status: 'A' | 'M' | 'D' | 'R' | 'C' | 'T';
  /** The path after the change (for D, the deleted path), relative to the incident repo root. */
  path: string;
  /** For R and C: the path before. */
  oldPath?: string;
}

/** One incident the PR touches: its version in base and in head (either may be absent). */
export interface IncidentChange {
  /** The incident id (head's `id`, else base's, else the file name). */
  id: string;
  /** The file in base (absent for a new incident). */
  base?: Located<Incident>;
  /** The file in head (absent for a deletion). */
  head?: Located<Incident>;
  /** Base path and head path; the same for a modification. */
  basePath?: string;
  headPath?: string;
  /** 'renamed' also covers a delete + add of the same id in two places. */
  kind: 'added' | 'modified' | 'deleted' | 'renamed';
}

/** A finding a waiver of this incident may waive: `rule` = its code, and `stage` one of `stages` when given. */
export interface CheckFinding extends Finding {
  waivable?: { change: IncidentChange; stages?: readonly Status[]; needsStage?: boolean };
}

export interface SignoffRequired {
  incident: string;
  file: string;
  team: string;
  /** The role that made the team required: producer, platform, consumers, owner, or team (a literal id). */
  role: string;
  /** Who may sign for the team: its members and leads in the **base** ownership. */
  members: string[];
  /** The login of the sign-off claim in head, or null when there is none. */
  claimed_by: string | null;
}

export interface WaiverRequired {
  incident: string;
  file: string;
  rule: string;
  stage: string | null;
  approved_by: string;
  /** Whether this PR adds the waiver, and whether one of its findings was waived by it. */
  added: boolean;
  used: boolean;
}

export interface OverrunReport {
  incident: string;
  file: string;
  box: TimeBoxName;
  /** The box length (ISO-8601) and what it is measured from (`detected_at`, `updates[2].at`, `closed_at`). */
  length: string;
  from: string;
  due: string;
  /** ISO-8601 duration, and seconds for sorting. */
  overdue_by: string;
  overdue_seconds: number;
  escalation: EscalationReport | null;
}

/** The escalation that applies to an overrun (src/core/escalation.ts), flattened for JSON. */
export interface EscalationReport {
  policy: string;
  /** The team whose policy it is, and why: producer of the first dataset, or the owner's team. */
  team: string;
  via: 'producer' | 'owner';
  /** 1-based level that applies; 0 when the overrun is shorter than the first level's `after`. */
  level: number;
  after: string | null;
  /** Targets of the level as written, and who they resolve to now. */
  notify: string[];
  logins: string[];
  github_teams: string[];
  channels: string[];
  next: { level: number; after: string } | null;
}

/** A changed file in JSON output. */
export interface ChangedFileReport {
  status: ChangedFile['status'];
  path: string;
  old_path?: string;
}

export interface ChangeContext {
  /** Base: config, ownership, runbooks, and the base versions of the changed incidents. */
  base: RepoIndex;
  /** Head: config, ownership, runbooks, the changed incidents, and (when ownership changed) the open incidents. */
  head: RepoIndex;
  config?: Config;
  changes: readonly IncidentChange[];
  files: readonly ChangedFile[];
  /** Whether a file other than an incident changed (config, ownership, runbooks). */
  ownershipChanged: boolean;
  /** Open incidents in head: loaded only when ownership changed, else the open changed ones. */
  openIncidents: readonly Located<Incident>[];
  /** "Now" for time boxes and roll-up, and the head commit's time for dating, in epoch ms. */
  now: number;
  headTime: number;
  /** The config's clock_tolerance in ms. */
  tolerance: number;
  report(f: CheckFinding): void;
  requireSignoff(s: SignoffRequired): void;
  overrun(o: OverrunReport): void;
}

export interface ChangeRule {
  name: string;
  run(ctx: ChangeContext): void;
}
