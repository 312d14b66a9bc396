/**
 * Turns file versions along the history into incident facts. Pure: the git adapter
 * (src/git/incident-history.ts) feeds it commits with the contents of their changed files.
 * - IncidentHistoryBuilder: every commit that touched each incident, with what changed (full parse).
 * - StatusHistoryBuilder: each incident's status per version, from the status line only (metrics).
 */
import { decodeYamlBytes } from '../yaml/decode.js';
import { parseYaml } from '../yaml/parse.js';
import { kindOf, stemOf } from '../schema/file-kinds.js';
import { diffIncident, movedBack, statusFromBytes } from './diff.js';
import type { IncidentCommit } from './types.js';

/** The shape of a commit the git adapter gives (src/git LogCommit fits). */
export interface RawCommit {
  sha: string;
  parents: readonly string[];
  author: { name: string; email: string; date: string };
  committerDate: string;
  subject: string;
  pullRequest?: number;
}

export interface RawVersion {
  change: { status: string; path: string; oldPath?: string; oldBlob?: string; newBlob?: string };
  before?: Uint8Array;
  after?: Uint8Array;
}

export interface RawCommitVersions {
  commit: RawCommit;
  versions: RawVersion[];
}

export function isIncidentPath(path: string | undefined): path is string {
  return path !== undefined && kindOf(path)?.kind === 'incident';
}

/** Parsed YAML of a version, or undefined when it cannot be read as YAML. */
export function parseVersion(path: string, bytes: Uint8Array): unknown {
  const decoded = decodeYamlBytes(path, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), Number.MAX_SAFE_INTEGER);
  if (!decoded.ok) return undefined;
  const parsed = parseYaml(path, decoded.text);
  return parsed.ok ? parsed.value : undefined;
}

/** A small LRU of parsed versions by blob sha: the old side of a commit is usually the new side of the one before. */
class ParseCache {
  readonly #map = new Map<string, unknown>();
  constructor(readonly size = 512) {}
  get(sha: string | undefined, path: string, bytes: Uint8Array | undefined): unknown {
    if (!bytes) return undefined;
    if (sha && this.#map.has(sha)) return this.#map.get(sha);
    const value = parseVersion(path, bytes) ?? null; // null: present but unreadable
    if (sha) {
      if (this.#map.size >= this.size) this.#map.delete(this.#map.keys().next().value!);
      this.#map.set(sha, value);
    }
    return value;
  }
}

/** Renames seen along the history, resolved at the end: every old path maps to the file's latest path. */
export class RenameMap {
  readonly #next = new Map<string, { to: string; order: number }>();
  #order = 0;

  /** `newestFirst`: the log's order, so the first rename seen from a path is its latest. */
  constructor(readonly newestFirst = true) {}

  add(from: string, to: string): void {
    const order = this.#order++;
    const known = this.#next.get(from);
    if (!known || !this.newestFirst) this.#next.set(from, { to, order });
  }

  /** The latest path of the file that was at `path` (itself when it was never renamed). */
  resolve(path: string): string {
    const seen = new Set<string>([path]);
    let at = path;
    for (let step = this.#next.get(at); step && !seen.has(step.to); step = this.#next.get(at)) {
      at = step.to;
      seen.add(at);
    }
    return at;
  }
}

export interface IncidentHistory {
  /** The incident id: the file name of its latest path. */
  id: string;
  /** The latest path. */
  path: string;
  /** Newest first, as the log gives them. */
  commits: IncidentCommit[];
}

/** Collects every commit that touched each incident file, with what changed (both versions parsed). */
export class IncidentHistoryBuilder {
  readonly #cache = new ParseCache();
  readonly #renames = new RenameMap(true);
  readonly #byPath = new Map<string, IncidentCommit[]>();
  commitsSeen = 0;

  add({ commit, versions }: RawCommitVersions): void {
    this.commitsSeen++;
    for (const v of versions) {
      const { status, path, oldPath } = v.change;
      if (!isIncidentPath(path) && !isIncidentPath(oldPath)) continue;
      if (oldPath && status === 'R') this.#renames.add(oldPath, path);
      const before = status === 'A' ? undefined : this.#cache.get(v.change.oldBlob, oldPath ?? path, v.before);
      const after = status === 'D' ? undefined : this.#cache.get(v.change.newBlob, path, v.after);
      // null: the version exists but is not YAML; compare what can be compared.
      const changes = after === null ? diffIncident(undefined, 'unreadable') : diffIncident(before === null ? {} : before, after);
      if (status === 'R' && oldPath) changes.unshift({ kind: 'renamed', from: oldPath, to: path });
      const list = this.#byPath.get(path) ?? [];
      list.push(toIncidentCommit(commit, path, status === 'R' ? oldPath : undefined, changes));
      this.#byPath.set(path, list);
    }
  }

  /** Per incident (by latest path), with PR numbers from `prOf` (sha → PR) where the commit carries none. */
  result(prOf: ReadonlyMap<string, number> = new Map()): IncidentHistory[] {
    const merged = new Map<string, IncidentCommit[]>();
    for (const [path, commits] of this.#byPath) {
      const latest = this.#renames.resolve(path);
      merged.set(latest, [...(merged.get(latest) ?? []), ...commits]);
    }
    const out: IncidentHistory[] = [];
    for (const [path, commits] of merged) {
      if (!isIncidentPath(path)) continue;
      for (const c of commits) {
        const pr = prOf.get(c.sha);
        if (c.pr === undefined && pr !== undefined) c.pr = pr;
      }
      commits.sort((a, b) => Date.parse(b.committedAt) - Date.parse(a.committedAt) || Date.parse(b.at) - Date.parse(a.at));
      out.push({ id: stemOf(path), path, commits });
    }
    return out.sort((a, b) => a.path.localeCompare(b.path));
  }
}

export function toIncidentCommit(commit: RawCommit, path: string, oldPath: string | undefined, changes: IncidentCommit['changes']): IncidentCommit {
  return {
    sha: commit.sha,
    author: { name: commit.author.name, email: commit.author.email },
    at: commit.author.date,
    committedAt: commit.committerDate,
    ...(commit.pullRequest !== undefined ? { pr: commit.pullRequest } : {}),
    subject: commit.subject,
    path,
    ...(oldPath ? { oldPath } : {}),
    merge: commit.parents.length > 1,
    changes,
  };
}

/** A move back of an incident's status, for the reopen rate. */
export interface StatusMove {
  sha: string;
  /** Author date, UTC. */
  at: string;
  from: string;
  to: string;
}

export interface StatusFacts {
  id: string;
  path: string;
  /** Versions seen (commits that changed the file). */
  versions: number;
  /** Every move to an earlier stage, in the order the commits were fed. */
  movedBack: StatusMove[];
}

/**
 * The status of every version of every incident, from the `status:` line of each blob (a full
 * parse only when the line is not in its plain form), cached by blob sha: each blob is read once.
 */
export class StatusHistoryBuilder {
  readonly #statusOf = new Map<string, string | undefined>();
  readonly #renames: RenameMap;
  readonly #facts = new Map<string, { versions: number; movedBack: StatusMove[] }>();
  commitsSeen = 0;

  /** `newestFirst`: the order commits come in (git log's default). The adapter feeds oldest first. */
  constructor(newestFirst = false) {
    this.#renames = new RenameMap(newestFirst);
  }

  #status(sha: string | undefined, path: string, bytes: Uint8Array | undefined): string | undefined {
    if (sha && this.#statusOf.has(sha)) return this.#statusOf.get(sha);
    if (!bytes) return undefined;
    let status = statusFromBytes(bytes);
    if (status === undefined) {
      const value = parseVersion(path, bytes);
      const s = typeof value === 'object' && value !== null ? (value as Record<string, unknown>).status : undefined;
      status = typeof s === 'string' ? s : undefined;
    }
    if (sha) this.#statusOf.set(sha, status);
    return status;
  }

  add({ commit, versions }: RawCommitVersions): void {
    this.commitsSeen++;
    for (const v of versions) {
      const { status, path, oldPath, oldBlob, newBlob } = v.change;
      if (!isIncidentPath(path)) continue;
      if (oldPath && status === 'R') this.#renames.add(oldPath, path);
      const facts = this.#facts.get(path) ?? { versions: 0, movedBack: [] };
      facts.versions++;
      if (status !== 'A' && status !== 'D') {
        const from = this.#status(oldBlob, oldPath ?? path, v.before);
        const to = this.#status(newBlob, path, v.after);
        if (movedBack(from, to)) facts.movedBack.push({ sha: commit.sha, at: commit.author.date, from: from!, to: to! });
      } else if (status === 'A') {
        this.#status(newBlob, path, v.after);
      }
      this.#facts.set(path, facts);
    }
  }

  /** Facts per incident id (the file name of its latest path). */
  result(): Map<string, StatusFacts> {
    const out = new Map<string, StatusFacts>();
    for (const [path, f] of this.#facts) {
      const latest = this.#renames.resolve(path);
      const id = stemOf(latest);
      const prev = out.get(id);
      if (prev) {
        prev.versions += f.versions;
        prev.movedBack.push(...f.movedBack);
      } else {
        out.set(id, { id, path: latest, versions: f.versions, movedBack: [...f.movedBack] });
      }
    }
    return out;
  }
}
