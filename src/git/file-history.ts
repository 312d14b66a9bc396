/**
 * File versions along the history: ONE `git log` stream, with the old and new contents of each
 * changed file read through ONE `git cat-file --batch`. Reads are pipelined: the blobs of the next
 * commits are requested while the caller works on earlier ones, so git never waits on us.
 * No git process is started per file or per commit.
 */
import { CatFileBatch } from './cat-file-batch.js';
import { changedFiles } from './diff.js';
import { streamLog, type LogChange, type LogCommit, type StreamLogOptions } from './log-stream.js';
import { GitError } from './run-git.js';

export interface FileVersion {
  change: LogChange;
  /** Content before the change (absent for an added file, or when not asked for). */
  before?: Buffer;
  /** Content after the change (absent for a deleted file, or when not asked for). */
  after?: Buffer;
}

export interface CommitVersions {
  commit: LogCommit;
  /** The changes that pass `filter`, with their contents. */
  versions: FileVersion[];
}

export interface StreamVersionsOptions extends StreamLogOptions {
  /** Only changes whose path passes (the new path, or the old one for a rename). Default: all. */
  filter?: (path: string) => boolean;
  /** Which contents to read: both sides (default), only the new one, none, or a choice per change. */
  read?: 'both' | 'after' | 'none' | ((change: LogChange) => { before: boolean; after: boolean });
  /** Read through this process instead of starting one (it is then not closed here). */
  batch?: CatFileBatch;
  /** Commits read ahead of the caller. Default 256. */
  window?: number;
  /** Blobs kept for reuse (a commit's old side is usually the previous commit's new one). Default 4096; 0 when each blob is read once anyway. */
  cacheSize?: number;
}

/** Recently read blobs: a commit's old blob is usually the previous commit's new one. */
class BlobCache {
  readonly #map = new Map<string, Promise<Buffer | undefined>>();
  constructor(readonly size: number, readonly batch: CatFileBatch) {}

  get(sha: string): Promise<Buffer | undefined> {
    if (this.size === 0) return this.#read(sha);
    let p = this.#map.get(sha);
    if (p) {
      this.#map.delete(sha);
    } else {
      p = this.#read(sha);
      if (this.#map.size >= this.size) this.#map.delete(this.#map.keys().next().value!);
    }
    this.#map.set(sha, p);
    return p;
  }

  #read(sha: string): Promise<Buffer | undefined> {
    const p = this.batch.read(sha).then((o) => (o?.type === 'blob' ? o.content : undefined));
    p.catch(() => {}); // awaited by the reader in order; this only avoids an unhandled report meanwhile
    return p;
  }
}

interface Pending {
  commit: LogCommit;
  reads: { change: LogChange; before?: Promise<Buffer | undefined>; after?: Promise<Buffer | undefined> }[];
}

/** Commits with the contents of their changed files, in `git log` order (newest first unless `reverse`). */
export async function* streamFileVersions(dir: string, opts: StreamVersionsOptions = {}): AsyncGenerator<CommitVersions> {
  const batch = opts.batch ?? new CatFileBatch(dir);
  const cache = new BlobCache(opts.cacheSize ?? 4096, batch);
  const window = Math.max(1, opts.window ?? 256);
  const mode = opts.read ?? 'both';
  const choose = typeof mode === 'function' ? mode : () => ({ before: mode === 'both', after: mode !== 'none' });
  const queue: Pending[] = [];
  const settle = async (p: Pending): Promise<CommitVersions> => ({
    commit: p.commit,
    versions: await Promise.all(p.reads.map(async (r) => {
      const v: FileVersion = { change: r.change };
      const [before, after] = await Promise.all([r.before, r.after]);
      if (before) v.before = before;
      if (after) v.after = after;
      return v;
    })),
  });
  try {
    for await (const commit of streamLog(dir, opts)) {
      const reads: Pending['reads'] = [];
      for (const change of commit.changes) {
        if (opts.filter && !opts.filter(change.path) && !(change.oldPath && opts.filter(change.oldPath))) continue;
        const want = choose(change);
        reads.push({
          change,
          before: want.before && change.oldBlob ? cache.get(change.oldBlob) : undefined,
          after: want.after && change.newBlob ? cache.get(change.newBlob) : undefined,
        });
      }
      queue.push({ commit, reads });
      if (queue.length > window) yield await settle(queue.shift()!);
    }
    while (queue.length) yield await settle(queue.shift()!);
  } finally {
    if (!opts.batch) await batch.close();
  }
}

export interface FollowedHistory {
  /** Newest first; the commit that renamed the file into a path lists it as a rename (R). */
  commits: CommitVersions[];
  /** Every path the file had, newest first. */
  paths: string[];
  /** Every commit the logs listed, merges that changed nothing here included: the graph for attributePullRequests. */
  links: LogCommit[];
}

/**
 * The history of one file, following renames as `git log --follow` does: one `git log` per name
 * the file had, plus one rename check (`git diff -M` against the first parent) where a name began.
 * Cost depends on this file's history, not on the size of the repository's.
 */
export async function followFile(dir: string, path: string, opts: { batch?: CatFileBatch; rev?: string } = {}): Promise<FollowedHistory> {
  const batch = opts.batch ?? new CatFileBatch(dir);
  const commits: CommitVersions[] = [];
  const links: LogCommit[] = [];
  const paths = [path];
  try {
    let current = path;
    let rev = opts.rev ?? 'HEAD';
    const seen = new Set<string>();
    for (;;) {
      const part: CommitVersions[] = [];
      for await (const c of streamFileVersions(dir, { rev, pathspecs: [current], batch, filter: (p) => p === current })) {
        // A path-limited log lists every merge; keep only those that brought a change to this file.
        links.push(c.commit);
        if (c.versions.length > 0) part.push(c);
      }
      commits.push(...part);
      // The oldest non-merge commit that added this path: where this name began.
      const origin = [...part].reverse().find((c) => c.commit.parents.length <= 1 && c.versions.some((v) => v.change.status === 'A'));
      if (!origin || seen.has(origin.commit.sha)) break;
      seen.add(origin.commit.sha);
      let renamedFrom: string | undefined;
      try {
        const files = await changedFiles(dir, `${origin.commit.sha}^`, origin.commit.sha);
        renamedFrom = files.find((f) => f.status === 'R' && f.path === current)?.oldPath;
      } catch (err) {
        // A root commit, or the edge of a shallow clone: no parent to compare with.
        if (!(err instanceof GitError)) throw err;
      }
      if (!renamedFrom) break;
      // Show the origin as the rename it was, with the content before it.
      const version = origin.versions.find((v) => v.change.status === 'A')!;
      // `rev:./path` is relative to the folder git runs in: the incident repo root, maybe a subfolder.
      const before = await batch.read(`${origin.commit.sha}^:./${renamedFrom}`).catch(() => undefined);
      version.change = { ...version.change, status: 'R', oldPath: renamedFrom, ...(before ? { oldBlob: before.sha } : {}) };
      if (before?.type === 'blob') version.before = before.content;
      current = renamedFrom;
      rev = `${origin.commit.sha}^`;
      paths.push(current);
    }
  } finally {
    if (!opts.batch) await batch.close();
  }
  return { commits, paths, links };
}
