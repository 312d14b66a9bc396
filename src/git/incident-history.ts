/**
 * The history reader: the git history of the incident repo, turned into incident facts.
 * One streaming `git log` limited to the incident folders, old file versions through one
 * `git cat-file --batch`, and the pure differ of src/core/history for what changed.
 * Never a git process per file or per commit.
 */
import { CatFileBatch } from './cat-file-batch.js';
import { followFile, streamFileVersions } from './file-history.js';
import type { LogChange } from './log-stream.js';
import { attributePullRequests, type CommitLink } from './pull-requests.js';
import { isShallow } from './repo-info.js';
import {
  IncidentHistoryBuilder, StatusHistoryBuilder, isIncidentPath, type IncidentHistory, type StatusFacts,
} from '../core/history/reader.js';

/** The folders whose history holds the incidents. */
export const INCIDENT_PATHSPECS: readonly string[] = ['incidents'];

export interface HistoryOptions {
  /** Where history starts; HEAD by default. */
  rev?: string;
  /** Pathspecs to read, relative to the incident repo root. Default: incidents. */
  pathspecs?: readonly string[];
  /** Read through this process instead of starting one. */
  batch?: CatFileBatch;
}

export interface HistoryMeta {
  /** A shallow clone: the history stops at the clone's edge, so counts and timelines are partial. */
  partial: boolean;
  /** Commits the log listed. */
  commitsRead: number;
}

export interface OneIncidentHistory extends IncidentHistory, HistoryMeta {
  /** Every path the file had, newest first (renames followed). */
  paths: string[];
}

/** One incident's commits, newest first, following renames: the input of `buildTimeline`. Cost follows this file's history only. */
export async function readIncidentHistory(dir: string, path: string, opts: Omit<HistoryOptions, 'pathspecs'> = {}): Promise<OneIncidentHistory> {
  const [followed, partial] = await Promise.all([followFile(dir, path, opts), isShallow(dir)]);
  const builder = new IncidentHistoryBuilder();
  for (const c of followed.commits) builder.add(c);
  const found = builder.result(attributePullRequests(followed.links)).find((h) => h.path === path);
  const id = path.slice(path.lastIndexOf('/') + 1).replace(/\.ya?ml$/, '');
  return { id, path, commits: found?.commits ?? [], paths: followed.paths, partial, commitsRead: followed.links.length };
}

/**
 * Every incident's commits, with what each changed, from one pass over the history (both versions
 * of each change parsed). Yields per incident, by path, once the pass is done (PR attribution
 * needs the whole graph).
 */
export async function readAllIncidentHistories(dir: string, opts: HistoryOptions = {}): Promise<HistoryMeta & { incidents: IncidentHistory[] }> {
  const builder = new IncidentHistoryBuilder();
  const links: CommitLink[] = [];
  const partial = isShallow(dir);
  partial.catch(() => {}); // awaited after the pass; a failed log is the error to report
  for await (const c of streamFileVersions(dir, {
    rev: opts.rev, pathspecs: opts.pathspecs ?? INCIDENT_PATHSPECS, batch: opts.batch,
    filter: (p) => isIncidentPath(p),
  })) {
    links.push({ sha: c.commit.sha, parents: c.commit.parents, ...(c.commit.pullRequest !== undefined ? { pullRequest: c.commit.pullRequest } : {}) });
    builder.add(c);
  }
  return { partial: await partial, commitsRead: links.length, incidents: builder.result(attributePullRequests(links)) };
}

/** The same as readAllIncidentHistories, one incident at a time. */
export async function* incidentHistories(dir: string, opts: HistoryOptions = {}): AsyncGenerator<IncidentHistory> {
  yield* (await readAllIncidentHistories(dir, opts)).incidents;
}

/**
 * Each incident's status along the history, for the reopen rate: one pass oldest first; each
 * blob read once (a version's old side was the previous version's new side), its status taken
 * from the `status:` line without a YAML parse.
 */
export async function readStatusHistory(dir: string, opts: HistoryOptions = {}): Promise<HistoryMeta & { incidents: Map<string, StatusFacts> }> {
  const builder = new StatusHistoryBuilder(false);
  const requested = new Set<string>();
  const want = (sha: string | undefined): boolean => {
    if (!sha || requested.has(sha)) return false;
    requested.add(sha);
    return true;
  };
  const partial = isShallow(dir);
  partial.catch(() => {}); // awaited after the pass; a failed log is the error to report
  for await (const c of streamFileVersions(dir, {
    rev: opts.rev, pathspecs: opts.pathspecs ?? INCIDENT_PATHSPECS, batch: opts.batch, reverse: true, cacheSize: 0,
    filter: (p) => isIncidentPath(p),
    // A deletion's status is never needed; an addition has no old side.
    read: (ch: LogChange) => ch.status === 'D' ? { before: false, after: false } : { before: ch.status !== 'A' && want(ch.oldBlob), after: want(ch.newBlob) },
  })) {
    builder.add(c);
  }
  return { partial: await partial, commitsRead: builder.commitsSeen, incidents: builder.result() };
}
