/** Which schema a repo file follows, decided by its path (the layout in DOMAIN.md). */
import type { TSchema } from '@sinclair/typebox';
import { ConfigSchema } from './config.js';
import { DomainFileSchema, EscalationFileSchema, TeamsFileSchema } from './ownership.js';
import { RunbookSchema } from './runbook.js';
import { IncidentSchema } from './incident.js';

export type FileKind = 'config' | 'teams' | 'escalation' | 'domain' | 'runbook' | 'incident';

export const CONFIG_PATH = 'sitrep.config.yaml';
export const TEAMS_PATH = 'ownership/teams.yaml';
export const ESCALATION_PATH = 'ownership/escalation.yaml';
/** Folders the loader reads; everything else in the repo is ignored. */
export const MANAGED_ROOTS = [CONFIG_PATH, 'ownership', 'runbooks', 'incidents'] as const;

interface KindSpec {
  kind: FileKind;
  /** Name of the published schema: schemas/<schemaName>.schema.json */
  schemaName: string;
  schema: TSchema;
  pattern: RegExp;
}

export const FILE_KINDS: readonly KindSpec[] = [
  { kind: 'config', schemaName: 'config', schema: ConfigSchema, pattern: /^sitrep\.config\.yaml$/ },
  { kind: 'teams', schemaName: 'teams', schema: TeamsFileSchema, pattern: /^ownership\/teams\.yaml$/ },
  { kind: 'escalation', schemaName: 'escalation', schema: EscalationFileSchema, pattern: /^ownership\/escalation\.yaml$/ },
  { kind: 'domain', schemaName: 'domain', schema: DomainFileSchema, pattern: /^ownership\/domains\/[^/]+\.yaml$/ },
  { kind: 'runbook', schemaName: 'runbook', schema: RunbookSchema, pattern: /^runbooks\/[^/]+\.yaml$/ },
  { kind: 'incident', schemaName: 'incident', schema: IncidentSchema, pattern: /^incidents\/\d{4}\/[^/]+\.yaml$/ },
];

export function kindOf(path: string): KindSpec | undefined {
  return FILE_KINDS.find((k) => k.pattern.test(path));
}

/** The file name without folder and extension: the id a file must carry. */
export function stemOf(path: string): string {
  const base = path.slice(path.lastIndexOf('/') + 1);
  return base.replace(/\.ya?ml$/, '');
}

export function incidentPath(id: string): string {
  const year = /^[A-Z]+-(\d{4})-/.exec(id)?.[1] ?? 'unknown';
  return `incidents/${year}/${id}.yaml`;
}
