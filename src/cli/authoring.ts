/**
 * The shared adapter of the authoring commands: find the incident, open it, let core edit it,
 * validate the repo as it would be after the edit (an overlay of the working tree), and only
 * then write the file atomically. A refused edit writes nothing.
 */
import { join } from 'node:path';
import type { ParseArgsConfig } from 'node:util';
import type { CommandContext } from './command.js';
import { instantOption, stringOption } from './command.js';
import { RefusedError, UsageError } from './errors.js';
import { FsSource } from '../io/fs-source.js';
import { writeFileAtomic } from '../io/atomic-write.js';
import { OverlaySource } from '../core/overlay-source.js';
import { validateRepo, type ValidateResult } from '../core/validate.js';
import type { FileSource } from '../core/source.js';
import type { Diagnostic } from '../core/diagnostics.js';
import { isKnownLogin, type RepoIndex } from '../core/repo-index.js';
import { toIso } from '../core/time.js';
import { IncidentDoc, EditRefused } from '../core/authoring/incident-doc.js';
import { YamlEditError } from '../core/authoring/yaml-edit.js';
import type { EditContext } from '../core/authoring/edits.js';
import { GitError, runGit } from '../git/index.js';
import { formatDiagnostics } from './print-diagnostics.js';

type Options = NonNullable<ParseArgsConfig['options']>;

/** Options every editing command takes. */
export const EDIT_OPTIONS: Options = {
  at: { type: 'string' },
  by: { type: 'string' },
  'dry-run': { type: 'boolean' },
};

export const EDIT_USAGE = '[--at T] [--by LOGIN] [--dry-run] [--root DIR]';

/** --at, or now: the time the edit records. */
export function editTime(ctx: CommandContext): string {
  return toIso(instantOption(ctx, 'at') ?? Date.now());
}

/**
 * Who is editing: --by, then $SITREP_USER, then `git config sitrep.user` / `github.user`, then a
 * GitHub noreply email (`123+login@users.noreply.github.com`), then `user.name` when it is a known login.
 */
export async function editActor(ctx: CommandContext, idx?: RepoIndex): Promise<string | undefined> {
  const given = stringOption(ctx, 'by') ?? ctx.io.env.SITREP_USER;
  if (given) return given.replace(/^@/, '');
  const get = async (key: string) => {
    try {
      return (await runGit(['config', '--get', key], { cwd: ctx.root })).trim() || undefined;
    } catch (e) {
      if (e instanceof GitError) return undefined;
      throw e;
    }
  };
  const explicit = (await get('sitrep.user')) ?? (await get('github.user'));
  if (explicit) return explicit.replace(/^@/, '');
  const email = await get('user.email');
  const noreply = email && /^(?:\d+\+)?([A-Za-z0-9-]+)@users\.noreply\.github\.com$/.exec(email)?.[1];
  if (noreply) return noreply;
  const name = await get('user.name');
  if (name && idx && isKnownLogin(idx, name)) return name;
  return undefined;
}

export interface Workspace {
  root: string;
  source: FsSource;
  before: ValidateResult;
  idx: RepoIndex;
}

/** Loads and validates the working tree (the index answers references; diagnostics are the "before"). */
export async function openWorkspace(ctx: CommandContext): Promise<Workspace> {
  const source = new FsSource(ctx.root);
  const before = await validateRepo(source);
  if (!before.model.config) throw new RefusedError(`no sitrep.config.yaml in ${ctx.root}`, ['Run the command inside an incident repo, pass --root DIR, or start one with `sitrep init`.']);
  return { root: ctx.root, source, before, idx: before.idx };
}

export interface OpenIncident extends Workspace {
  path: string;
  doc: IncidentDoc;
  edit: EditContext;
}

/** The incident `id` of the working tree, open for editing, with the edit context. */
export async function openIncident(ctx: CommandContext, id: string | undefined): Promise<OpenIncident> {
  if (!id) throw new UsageError('which incident? Pass its id, e.g. INC-2025-0042');
  const source = new FsSource(ctx.root);
  const before = await validateRepo(source);
  const idx = before.idx;
  if (!before.model.config) throw new RefusedError(`no sitrep.config.yaml in ${ctx.root}`, ['Run the command inside an incident repo, or pass --root DIR.']);
  const path = idx.incidents.get(id)?.path ?? idx.model.incidentPaths.find((p) => p.endsWith(`/${id}.yaml`) || p.endsWith(`/${id}.yml`));
  if (!path) {
    const known = [...idx.incidents.keys()];
    const close = known.filter((k) => k.toLowerCase() === id.toLowerCase() || k.endsWith(id));
    throw new RefusedError(`no incident ${id} in ${ctx.root}`, close.length ? [`Did you mean ${close.join(', ')}?`] : []);
  }
  const bytes = await source.read(path);
  let doc: IncidentDoc;
  try {
    doc = new IncidentDoc(path, bytes!.toString('utf8'));
  } catch (e) {
    if (e instanceof YamlEditError) throw new RefusedError(`${path} cannot be edited: ${e.message}`, ['Fix the file first; `sitrep validate` shows where.']);
    throw e;
  }
  const by = await editActor(ctx, idx);
  return { root: ctx.root, source, before, idx, path, doc, edit: { idx, at: editTime(ctx), by } };
}

/** Runs a core edit, turning its refusals into the CLI's. */
export function runEdit<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof EditRefused) throw new RefusedError(e.message, e.details);
    if (e instanceof YamlEditError) throw new RefusedError(`the file could not be edited: ${e.message}`);
    throw e;
  }
}

const key = (d: Diagnostic) => `${d.code}\u0000${d.file}\u0000${d.message}`;

/**
 * Validates the repo with `files` replaced, and writes them when the edit adds no error.
 * Errors the files had before are not the edit's fault: they are shown, and do not block it.
 */
export async function commitFiles(
  ctx: CommandContext,
  ws: { source: FileSource; before?: ValidateResult },
  files: ReadonlyMap<string, string>,
  summary: string[],
): Promise<number> {
  const overlay = new OverlaySource(ws.source, files);
  const paths = [...files.keys()];
  const after = await validateRepo(overlay, { only: paths });
  const old = new Set((ws.before?.diagnostics ?? []).filter((d) => d.severity === 'error').map(key));
  const added = after.diagnostics.filter((d) => d.severity === 'error' && !old.has(key(d)));
  if (added.length) {
    throw new RefusedError(`the edit would leave ${paths.join(', ')} invalid, so nothing was written`, added.map((d) => `${d.file}:${d.line}:${d.column}  ${d.code}  ${d.message}${d.hint ? ` (${d.hint})` : ''}`));
  }
  const dry = !!ctx.values['dry-run'];
  if (dry) {
    for (const [path, text] of files) ctx.io.stdout(`--- ${path} (dry run, not written)\n${text}`);
  } else {
    for (const [path, text] of files) await writeFileAtomic(join(ctx.root, path), text);
  }
  for (const line of summary) ctx.io.stdout(`${line}\n`);
  if (!dry) ctx.io.stdout(`wrote ${paths.join(', ')}\n`);
  const remaining = after.diagnostics.filter((d) => d.severity === 'warning' || old.has(key(d)));
  if (remaining.length) ctx.io.stderr(formatDiagnostics(remaining));
  return 0;
}

/** The usual end of an incident edit: validate the edited file and write it. */
export async function commitIncident(ctx: CommandContext, inc: OpenIncident, summary: string[]): Promise<number> {
  if (inc.doc.text === (await inc.source.read(inc.path))?.toString('utf8')) {
    ctx.io.stdout(`${summary.join('\n')}\nnothing changed\n`);
    return 0;
  }
  return commitFiles(ctx, inc, new Map([[inc.path, inc.doc.text]]), summary.map((s) => `${inc.doc.data.id}: ${s}`));
}

/** Repeatable string options come back as arrays (or undefined). */
export function listOption(ctx: CommandContext, name: string): string[] | undefined {
  const v = ctx.values[name];
  if (v === undefined) return undefined;
  return Array.isArray(v) ? v.map(String) : [String(v)];
}

/** One value of a fixed set, or a usage error that lists them. */
export function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], what: string): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) throw new UsageError(`${what} must be one of ${allowed.join(', ')}, not "${value}"`);
  return value as T;
}

/** The free text of a command: its remaining positionals joined, or a usage error. */
export function textArg(parts: string[], usage: string, what = 'the text'): string {
  const text = parts.join(' ').trim();
  if (!text) throw new UsageError(`${what} is missing\nusage: sitrep ${usage}`);
  return text;
}

/** A YYYY-MM-DD date option. */
export function dateOption(ctx: CommandContext, name: string): string | undefined {
  const v = stringOption(ctx, name);
  if (v === undefined) return undefined;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v) || Number.isNaN(Date.parse(v))) throw new UsageError(`--${name} must be a date like 2025-08-10, not "${v}"`);
  return v;
}

/** An ISO-8601 date-time option, normalised to UTC. */
export function timeOption(ctx: CommandContext, name: string): string | undefined {
  const t = instantOption(ctx, name);
  return t === undefined ? undefined : toIso(t);
}
