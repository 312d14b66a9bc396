/**
 * The incident repo as an Action reads it: two commits of the checkout (the PR's base and head),
 * read through git objects only (`git ls-tree`, one shared `git cat-file --batch`). Nothing is
 * checked out and nothing from the PR is run, so the write Actions may read a PR's files in a
 * job that holds a write token (docs/actions.md).
 */
import { CatFileBatch, GitTreeSource, changedFiles, mergeBase, resolveCommit, type ChangedFile } from '../../git/index.js';
import { openPullRequestChange } from '../../git/pull-request-change.js';
import { loadRepo } from '../../core/load.js';
import { buildIndex, type RepoIndex } from '../../core/repo-index.js';
import { checkChange, type CheckChangeResult } from '../../core/check/index.js';
import { kindOf } from '../../core/schema/file-kinds.js';
import type { ChangedPath } from '../../core/routing.js';
import { ActionInputError } from './env.js';

export interface Trees {
  base: GitTreeSource;
  head: GitTreeSource;
  close(): Promise<void>;
}

/** A commit that must be in the checkout; the error says how to get it there. */
async function commit(dir: string, sha: string, what: string): Promise<string> {
  try {
    return await resolveCommit(dir, sha);
  } catch {
    throw new ActionInputError(
      `the ${what} commit ${sha.slice(0, 12)} is not in the checkout at ${dir}: check out with fetch-depth: 0, and fetch the pull request's head (git fetch origin <sha>) in a workflow_run job`,
    );
  }
}

export async function openTrees(dir: string, baseSha: string, headSha: string): Promise<Trees> {
  const [b, h] = [await commit(dir, baseSha, 'base'), await commit(dir, headSha, 'head')];
  const batch = new CatFileBatch(dir);
  const base = await GitTreeSource.open(dir, b, { batch });
  const head = await GitTreeSource.open(dir, h, { batch });
  return { base, head, close: () => batch.close() };
}

/**
 * The files a PR changes: from the merge base of its base and head to its head (what GitHub
 * shows as the PR's diff), so commits on the base branch since the PR started are not its changes.
 */
export async function pullRequestChanges(dir: string, baseSha: string, headSha: string): Promise<ChangedFile[]> {
  const from = (await mergeBase(dir, baseSha, headSha)) ?? baseSha;
  return changedFiles(dir, from, headSha);
}

/** git's letters as the GitHub file statuses routing reads. */
export function toChangedPaths(files: readonly ChangedFile[]): ChangedPath[] {
  const status = { A: 'added', M: 'modified', D: 'removed', R: 'renamed', C: 'copied', T: 'changed' } as const;
  return files.map((f) => ({ path: f.path, status: status[f.status], ...(f.oldPath ? { previousPath: f.oldPath } : {}) }));
}

export interface PullRequestCheck {
  result: CheckChangeResult;
  /** "Now" of the check: the `now` input, else the head commit's time. */
  now: number;
  headTime: number;
  /** The commit check compared with: the merge base of the PR's base and head. */
  mergeBase: string;
}

/**
 * `sitrep check` of a PR exactly as the CLI runs it (src/git/pull-request-change.ts): the merge
 * base of base and head against head, read from git, so the Action and `sitrep check --base`
 * give the same answer on the same commits.
 */
export async function checkPullRequest(dir: string, baseSha: string, headSha: string, now?: number): Promise<PullRequestCheck> {
  await commit(dir, baseSha, 'base');
  await commit(dir, headSha, 'head');
  const change = await openPullRequestChange(dir, baseSha, headSha);
  try {
    const headTime = Date.parse(change.head.time);
    const at = now ?? headTime;
    const result = await checkChange(change.base.source, change.head.source, change.changed, { now: at, headTime, findOpenIncidents: change.openCandidates });
    return { result, now: at, headTime, mergeBase: change.base.commit };
  } finally {
    await change.close();
  }
}

/**
 * Base and head models for the files a PR changes: config, ownership and runbooks in full, and
 * of the incidents only the changed ones (their base version at their old path).
 */
export async function loadPullRequestModels(trees: Trees, files: readonly ChangedPath[]): Promise<{ base: RepoIndex; head: RepoIndex }> {
  const headPaths = new Set(files.filter((f) => f.status !== 'removed').map((f) => f.path));
  const basePaths = new Set(files.filter((f) => f.status !== 'added').map((f) => f.previousPath ?? f.path));
  const isIncident = (p: string) => kindOf(p)?.kind === 'incident';
  const [head, base] = await Promise.all([
    loadRepo(trees.head, { includeIncident: (p) => isIncident(p) && headPaths.has(p) }),
    loadRepo(trees.base, { includeIncident: (p) => isIncident(p) && basePaths.has(p) }),
  ]);
  return { base: buildIndex(base.model), head: buildIndex(head.model) };
}
