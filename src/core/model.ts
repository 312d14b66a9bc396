/** The typed model of an incident repo, as the loader builds it. */
import type { Config } from './schema/config.js';
import type { DomainFile, EscalationFile, TeamsFile } from './schema/ownership.js';
import type { Runbook } from './schema/runbook.js';
import type { Incident } from './schema/incident.js';

/** A parsed file: its repo-relative path and its data. */
export interface Located<T> {
  path: string;
  data: T;
  /** False when the file failed structure validation: kept for references, skipped by rules. */
  valid: boolean;
}

export interface RepoModel {
  /** Which source it was read from, for messages. */
  label: string;
  config?: Located<Config>;
  teams?: Located<TeamsFile>;
  escalation?: Located<EscalationFile>;
  domains: Located<DomainFile>[];
  runbooks: Located<Runbook>[];
  incidents: Located<Incident>[];
  /** Every incident file path in the repo, loaded or not (ids are file names). */
  incidentPaths: string[];
  /** Number of files read. */
  filesRead: number;
}
