/**
 * `check`: the change checks of a PR, on the difference between its base and head (DOMAIN.md,
 * "Lifecycle and definitions"). Pure: it reads two FileSources and a list of changed files, and
 * knows nothing of git.
 *
 * What it reads, so that cost grows with the change and the open incidents, never with the
 * closed history:
 * - the config, ownership and runbooks of head; base reads only those the PR changes, and reuses
 *   head's parse of the others (the same bytes), so a big teams.yaml is parsed once;
 * - the base and head versions of the changed incidents, and for a `regression_of`, whether the
 *   incident it names exists (one read of its path, which follows from its id);
 * - only when ownership, runbooks or the config change: the open incidents of head (found by
 *   `findOpenIncidents`, or by a status scan), to see whether a removed entity is still in use.
 * Each side lists only the paths it loads, never the whole incidents folder.
 *
 * It runs the ordinary validate rules on head and keeps the findings in the files the PR
 * touched (all ownership, runbook and config files when one of them changed, since their
 * references cross files), then the change rules of ./rules, then applies waivers.
 */
import type { FileSource } from '../source.js';
import type { Finding } from '../finding.js';
import type { Located, RepoModel } from '../model.js';
import type { Incident } from '../schema/incident.js';
import { loadRepo } from '../load.js';
import { buildIndex } from '../repo-index.js';
import { runRules } from '../validate.js';
import { RULES } from '../rules/index.js';
import { statusRequirements } from '../rules/status-requirements.js';
import { toDiagnostics, countBySeverity, type Diagnostic } from '../diagnostics.js';
import { CONFIG_PATH, incidentPath as incidentPathOf, kindOf, stemOf } from '../schema/file-kinds.js';
import { isOpen } from '../lifecycle.js';
import { parseDuration } from '../time.js';
import { decodeYamlBytes } from '../yaml/decode.js';
import { CHANGE_RULES } from './rules/index.js';
import { applyWaivers } from './waivers.js';
import { isObj } from './values.js';
import type {
  ChangeContext, ChangedFile, ChangedFileReport, CheckFinding, IncidentChange, OverrunReport, SignoffRequired, WaiverRequired,
} from './types.js';

export interface CheckOptions {
  /** "Now" in epoch ms, for time boxes and roll-up. */
  now: number;
  /** The head commit's time in epoch ms: nothing may be dated after it (plus clock_tolerance). Default: now. */
  headTime?: number;
  /**
   * Head incident files that may be open (a superset is fine: each is loaded and its status read).
   * Used only when ownership, runbooks or the config change. Default: a status scan through `head`.
   */
  findOpenIncidents?: () => Promise<string[]>;
}

export interface CheckChangeResult {
  diagnostics: Diagnostic[];
  summary: {
    /** Managed files the PR changes, and incidents among them. */
    files: number;
    incidents: number;
    errors: number;
    warnings: number;
    /** Files read from base and head: the cost of the check. */
    files_read: number;
  };
  changed: ChangedFileReport[];
  signoff_required: SignoffRequired[];
  waivers_required: WaiverRequired[];
  overruns: OverrunReport[];
}

const NON_INCIDENT_ROOTS = [CONFIG_PATH, 'ownership', 'runbooks'];
/** Past this many changed base incidents, list the incidents folder instead of naming each file. */
const MAX_NAMED_PATHS = 500;
const DEFAULT_TOLERANCE_MS = 5 * 60_000;
const READ_BATCH = 64;

const isIncidentPath = (p: string | undefined): p is string => !!p && kindOf(p)?.kind === 'incident';
const isOwnershipPath = (p: string | undefined): boolean => !!p && !!kindOf(p) && kindOf(p)!.kind !== 'incident';

/** A source whose list() is limited to some paths and remembered; reads pass through. */
class ScopedSource implements FileSource {
  readonly #cache = new Map<string, Promise<string[]>>();
  constructor(readonly inner: FileSource, readonly scope: readonly string[]) {}
  get label(): string { return this.inner.label; }
  list(prefixes: readonly string[]): Promise<string[]> {
    // Within the scope: the loader asks for its managed roots, and gets the scoped files under them.
    const wanted = this.scope.filter((s) => prefixes.some((p) => s === p || s.startsWith(`${p}/`)));
    const key = wanted.join('\n');
    if (!this.#cache.has(key)) this.#cache.set(key, this.inner.list(wanted));
    return this.#cache.get(key)!;
  }
  read(path: string): Promise<Buffer | undefined> { return this.inner.read(path); }
  close(): Promise<void> { return Promise.resolve(); }
}

/** Incidents whose `status:` line is not closed or declined (or cannot be read as one). */
async function scanOpenIncidents(source: FileSource, paths: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for (let i = 0; i < paths.length; i += READ_BATCH) {
    const batch = paths.slice(i, i + READ_BATCH);
    const texts = await Promise.all(batch.map((p) => source.read(p)));
    batch.forEach((p, k) => {
      const bytes = texts[k];
      const decoded = bytes ? decodeYamlBytes(p, bytes, Number.MAX_SAFE_INTEGER) : undefined;
      const status = decoded?.ok ? /^status:\s*["']?([a-z]+)["']?\s*(?:#.*)?$/m.exec(decoded.text)?.[1] : undefined;
      if (status !== 'closed' && status !== 'declined') out.push(p);
    });
  }
  return out;
}

/** Pairs the changed incident files into base → head changes; a delete and an add of one id are a rename. */
function incidentChanges(files: readonly ChangedFile[], base: Map<string, Located<Incident>>, head: Map<string, Located<Incident>>): IncidentChange[] {
  const out: IncidentChange[] = [];
  const idOf = (c: IncidentChange) => {
    const h = isObj(c.head?.data) ? c.head!.data.id : undefined;
    const b = isObj(c.base?.data) ? c.base!.data.id : undefined;
    return typeof h === 'string' ? h : typeof b === 'string' ? b : stemOf(c.headPath ?? c.basePath ?? '');
  };
  for (const f of files) {
    let c: IncidentChange | undefined;
    if ((f.status === 'A' || f.status === 'C') && isIncidentPath(f.path)) c = { id: '', kind: 'added', headPath: f.path };
    else if ((f.status === 'M' || f.status === 'T') && isIncidentPath(f.path)) c = { id: '', kind: 'modified', basePath: f.path, headPath: f.path };
    else if (f.status === 'D' && isIncidentPath(f.path)) c = { id: '', kind: 'deleted', basePath: f.path };
    else if (f.status === 'R') {
      const from = isIncidentPath(f.oldPath) ? f.oldPath : undefined;
      const to = isIncidentPath(f.path) ? f.path : undefined;
      if (from && to) c = { id: '', kind: 'renamed', basePath: from, headPath: to };
      else if (from) c = { id: '', kind: 'deleted', basePath: from };
      else if (to) c = { id: '', kind: 'added', headPath: to };
    }
    if (!c) continue;
    if (c.basePath) c.base = base.get(c.basePath);
    if (c.headPath) c.head = head.get(c.headPath);
    c.id = idOf(c);
    out.push(c);
  }
  // A rename that git saw as a delete and an add (too many edits for its similarity test).
  for (const del of out.filter((c) => c.kind === 'deleted')) {
    const add = out.find((c) => c.kind === 'added' && c.id === del.id);
    if (!add) continue;
    Object.assign(add, { kind: 'renamed', basePath: del.basePath, base: del.base });
    out.splice(out.indexOf(del), 1);
  }
  return out;
}

/** Paths for a scoped list; past MAX_NAMED_PATHS incident files, the incidents folder instead. */
function named(paths: readonly string[]): string[] {
  const unique = [...new Set(paths)];
  const incidents = unique.filter((p) => p.startsWith('incidents/'));
  return incidents.length > MAX_NAMED_PATHS ? [...unique.filter((p) => !p.startsWith('incidents/')), 'incidents'] : unique;
}

/**
 * Head lists only the files it loads, so the incident ids the rules know are those. An incident's
 * `regression_of` names another one: look for that file (its path follows from the id) and list it.
 */
async function addReferencedIncidents(head: FileSource, model: RepoModel): Promise<void> {
  const known = new Set(model.incidentPaths);
  for (const inc of model.incidents) {
    const id = isObj(inc.data) ? inc.data.regression_of : undefined;
    if (typeof id !== 'string' || !/^[A-Z]+-\d{4}-\d+$/.test(id)) continue;
    const path = incidentPathOf(id);
    if (!known.has(path) && (await head.read(path)) !== undefined) {
      known.add(path);
      model.incidentPaths.push(path);
    }
  }
}

/** The base model: head's parse of every non-incident file the PR leaves alone, base's of the others. */
function composeBase(head: RepoModel, base: RepoModel, changed: ReadonlySet<string>): RepoModel {
  const keep = <T extends { path: string }>(x: T | undefined) => (x && !changed.has(x.path) ? x : undefined);
  return {
    label: base.label,
    config: base.config ?? keep(head.config),
    teams: base.teams ?? keep(head.teams),
    escalation: base.escalation ?? keep(head.escalation),
    domains: [...head.domains.filter((d) => !changed.has(d.path)), ...base.domains],
    runbooks: [...head.runbooks.filter((r) => !changed.has(r.path)), ...base.runbooks],
    incidents: base.incidents,
    incidentPaths: base.incidentPaths,
    filesRead: base.filesRead,
  };
}

export async function checkChange(base: FileSource, head: FileSource, changed: readonly ChangedFile[], opts: CheckOptions): Promise<CheckChangeResult> {
  const files = changed.filter((f) => kindOf(f.path) || (f.oldPath && kindOf(f.oldPath)) || /^(incidents|ownership|runbooks)\//.test(f.path));
  const headIncidents = new Set<string>();
  const baseIncidents = new Set<string>();
  for (const f of files) {
    if (f.status !== 'D' && isIncidentPath(f.path)) headIncidents.add(f.path);
    if ((f.status === 'M' || f.status === 'T' || f.status === 'D') && isIncidentPath(f.path)) baseIncidents.add(f.path);
    if (f.status === 'R' && isIncidentPath(f.oldPath)) baseIncidents.add(f.oldPath);
  }
  const ownershipChanged = files.some((f) => isOwnershipPath(f.path) || isOwnershipPath(f.oldPath));

  // Head: the config, ownership, runbooks, every file the PR touches, and (when ownership changed) the open incidents.
  const open = new Set<string>();
  if (ownershipChanged) {
    const candidates = opts.findOpenIncidents
      ? await opts.findOpenIncidents()
      : await scanOpenIncidents(head, (await head.list(['incidents'])).filter(isIncidentPath));
    for (const p of candidates) open.add(p);
  }
  const touched = files.filter((f) => f.status !== 'D').map((f) => f.path);
  const headScope = named([...NON_INCIDENT_ROOTS, ...touched, ...open]);
  const headLoad = await loadRepo(new ScopedSource(head, headScope), { includeIncident: (p) => headIncidents.has(p) || open.has(p) });
  await addReferencedIncidents(head, headLoad.model);

  // Base: only what differs. An unchanged config, ownership or runbook file is head's, parsed once.
  const changedNonIncident = new Set(files.flatMap((f) => [f.path, f.oldPath]).filter((p): p is string => !!p && isOwnershipPath(p)));
  // A path the PR adds is simply not found in base.
  const baseScope = named([...changedNonIncident, ...baseIncidents]);
  const baseLoad = await loadRepo(new ScopedSource(base, baseScope), { includeIncident: (p) => baseIncidents.has(p) });
  const baseModel = composeBase(headLoad.model, baseLoad.model, changedNonIncident);
  const headIdx = buildIndex(headLoad.model);
  const baseIdx = buildIndex(baseModel);

  // Validate head, and keep what concerns the files the PR touched.
  const reported = new Set<string>();
  for (const f of files) { reported.add(f.path); if (f.oldPath) reported.add(f.oldPath); }
  if (ownershipChanged) {
    const m = headLoad.model;
    for (const p of [m.config?.path, m.teams?.path, m.escalation?.path, ...m.domains.map((d) => d.path), ...m.runbooks.map((r) => r.path)]) if (p) reported.add(p);
  }
  const validation = [...headLoad.findings, ...runRules(headIdx, RULES.filter((r) => r !== statusRequirements))]
    .filter((f) => reported.has(f.file));

  const byPath = (list: Located<Incident>[]) => new Map(list.map((i) => [i.path, i]));
  const changes = incidentChanges(files, byPath(baseLoad.model.incidents), byPath(headLoad.model.incidents));
  const findings: CheckFinding[] = [];
  const signoffs: SignoffRequired[] = [];
  const overruns: OverrunReport[] = [];
  const config = headIdx.config;
  const ctx: ChangeContext = {
    base: baseIdx,
    head: headIdx,
    config,
    changes,
    files,
    ownershipChanged,
    openIncidents: headLoad.model.incidents.filter((i) => isObj(i.data) && isOpen(i.data.status)),
    now: opts.now,
    headTime: opts.headTime ?? opts.now,
    tolerance: parseDuration(config?.clock_tolerance) ?? DEFAULT_TOLERANCE_MS,
    report: (f) => findings.push(f),
    requireSignoff: (s) => signoffs.push(s),
    overrun: (o) => overruns.push(o),
  };
  for (const rule of CHANGE_RULES) {
    try {
      rule.run(ctx);
    } catch (e) {
      findings.push({ code: 'INTERNAL', file: CONFIG_PATH, place: { line: 1, column: 1 }, message: `change rule ${rule.name} failed: ${(e as Error).message}` });
    }
  }
  const waived = applyWaivers(findings, changes, baseIdx);
  const all: Finding[] = [...validation, ...waived.findings];
  const diagnostics = await toDiagnostics(all, { head, base });
  return {
    diagnostics,
    summary: {
      files: files.length,
      incidents: changes.length,
      ...countBySeverity(diagnostics),
      files_read: headLoad.model.filesRead + baseLoad.model.filesRead,
    },
    changed: files.map((f) => ({ status: f.status, path: f.path, ...(f.oldPath ? { old_path: f.oldPath } : {}) })),
    signoff_required: signoffs,
    waivers_required: waived.required,
    overruns,
  };
}
