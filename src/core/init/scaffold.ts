/**
 * `sitrep init`: the files of a new incident repo (pure: path → text). The CLI adds
 * .github/CODEOWNERS, generated from these same files, and writes them.
 */
import { schemaFileName } from '../schema/json-schemas.js';
import { CONFIG, DOMAIN, ESCALATION, INCIDENTS_KEEP, RUNBOOK, TEAMS, readme, workflows, type ActionsRef } from './templates.js';

export type { ActionsRef };

/** The sitrep Actions the workflows use. */
export const WORKFLOW_ACTIONS = ['validate', 'route', 'gate', 'comment', 'publish', 'watch'] as const;

/** `OWNER/REPO@REF` → its parts, or undefined when it is not that shape. */
export function parseActionsRef(s: string): ActionsRef | undefined {
  const m = /^([A-Za-z0-9][A-Za-z0-9-]*\/[A-Za-z0-9._-]+)@([A-Za-z0-9._/-]+)$/.exec(s.trim());
  return m ? { repo: m[1], ref: m[2] } : undefined;
}

/**
 * The Actions of this sitrep: `repository` of package.json (a GitHub URL or `owner/repo`) at the
 * tag of its version (`v1.2.3`).
 */
export function defaultActionsRef(pkg: { repository?: string | { url?: string }; version?: string }): ActionsRef | undefined {
  const url = typeof pkg.repository === 'string' ? pkg.repository : pkg.repository?.url;
  if (!url) return undefined;
  const m = /^(?:github:)?([A-Za-z0-9][A-Za-z0-9-]*\/[A-Za-z0-9._-]+?)(?:\.git)?$/.exec(url)
    ?? /github\.com[/:]([A-Za-z0-9][A-Za-z0-9-]*\/[A-Za-z0-9._-]+?)(?:\.git)?\/?$/.exec(url);
  if (!m) return undefined;
  return { repo: m[1], ref: pkg.version ? `v${pkg.version}` : 'main' };
}

export function scaffoldFiles(actions: ActionsRef, schemas: Record<string, object>): Map<string, string> {
  const files = new Map<string, string>([
    ['sitrep.config.yaml', CONFIG],
    ['ownership/teams.yaml', TEAMS],
    ['ownership/escalation.yaml', ESCALATION],
    ['ownership/domains/example.yaml', DOMAIN],
    ['runbooks/freshness-late-partition.yaml', RUNBOOK],
    ['incidents/README.md', INCIDENTS_KEEP],
    ['README.md', readme(actions.repo)],
  ]);
  for (const [name, schema] of Object.entries(schemas)) files.set(`schemas/${schemaFileName(name)}`, `${JSON.stringify(schema, null, 2)}\n`);
  for (const [path, text] of Object.entries(workflows(actions))) files.set(path, text);
  return files;
}
