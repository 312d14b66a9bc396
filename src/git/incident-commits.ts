/**
 * The light history for the reports site: which commits touched each incident file, from ONE
 * `git log` over incidents/ with no file contents read. Enough for commit and PR links on every
 * timeline at the cost of one log pass; `readAllIncidentHistories` (incident-history.ts) gives the
 * per-entry detail when it is worth reading every version.
 */
import { streamLog } from './log-stream.js';
import { attributePullRequests, type CommitLink } from './pull-requests.js';
import { isShallow } from './repo-info.js';
import { INCIDENT_PATHSPECS } from './incident-history.js';
import { RenameMap, isIncidentPath, toIncidentCommit } from '../core/history/reader.js';
import type { IncidentChange, IncidentCommit } from '../core/history/types.js';

export interface IncidentCommitIndex {
  /** Commits per incident file (its latest path), newest first. Their `changes` name only created, deleted and renamed. */
  byPath: Map<string, IncidentCommit[]>;
  partial: boolean;
  commitsRead: number;
}

export async function readIncidentCommits(dir: string, opts: { rev?: string } = {}): Promise<IncidentCommitIndex> {
  const partial = isShallow(dir);
  partial.catch(() => {}); // awaited after the pass; a failed log is the error to report
  const renames = new RenameMap(true);
  const byPath = new Map<string, IncidentCommit[]>();
  const links: CommitLink[] = [];
  for await (const c of streamLog(dir, { rev: opts.rev, pathspecs: INCIDENT_PATHSPECS })) {
    links.push({ sha: c.sha, parents: c.parents, ...(c.pullRequest !== undefined ? { pullRequest: c.pullRequest } : {}) });
    for (const ch of c.changes) {
      if (!isIncidentPath(ch.path) && !isIncidentPath(ch.oldPath)) continue;
      if (ch.status === 'R' && ch.oldPath) renames.add(ch.oldPath, ch.path);
      const changes: IncidentChange[] = ch.status === 'A' ? [{ kind: 'created' }]
        : ch.status === 'D' ? [{ kind: 'deleted' }]
          : ch.status === 'R' && ch.oldPath ? [{ kind: 'renamed', from: ch.oldPath, to: ch.path }] : [];
      const list = byPath.get(ch.path);
      const commit = toIncidentCommit(c, ch.path, ch.status === 'R' ? ch.oldPath : undefined, changes);
      if (list) list.push(commit);
      else byPath.set(ch.path, [commit]);
    }
  }
  const prOf = attributePullRequests(links);
  const merged = new Map<string, IncidentCommit[]>();
  for (const [path, commits] of byPath) {
    const latest = renames.resolve(path);
    for (const c of commits) {
      const pr = prOf.get(c.sha);
      if (c.pr === undefined && pr !== undefined) c.pr = pr;
    }
    const list = merged.get(latest);
    if (list) list.push(...commits);
    else merged.set(latest, commits);
  }
  return { byPath: merged, partial: await partial, commitsRead: links.length };
}
