import { CatFileBatch } from './cat-file-batch.js';
import { changedFiles, type ChangedFile } from './diff.js';
import { commitTime, mergeBase, resolveCommit } from './repo-info.js';
import { GitTreeSource } from './tree-source.js';
import { openIncidentCandidates } from './open-incidents.js';

/** The folders and files of an incident repo that the change checks look at. */
const MANAGED_PATHSPECS = ['sitrep.config.yaml', 'ownership', 'runbooks', 'incidents'];

export interface PullRequestChange {
  /** What the user named, and the commits compared. `base.commit` is the merge base of base and head. */
  base: { ref: string; commit: string; tip: string; source: GitTreeSource };
  head: { ref: string; commit: string; time: string; source: GitTreeSource };
  /** Managed files that differ between the merge base and head (renames detected). */
  changed: ChangedFile[];
  /** Head incident files that may be open (a superset), from one `git grep`. */
  openCandidates(): Promise<string[]>;
  /** Stops the shared `git cat-file --batch` process. */
  close(): Promise<void>;
}

/**
 * A PR as the change checks see it, read straight from git without a checkout: the trees of the
 * merge base of `base` and `head` (what the PR changes, as GitHub shows it) and of `head`, read
 * through one shared `git cat-file --batch`, and the managed files that differ between them.
 * `dir` is the incident repo root (it may be a subfolder of the git working tree).
 */
export async function openPullRequestChange(dir: string, baseRef: string, headRef = 'HEAD'): Promise<PullRequestChange> {
  const [tip, headCommit] = await Promise.all([resolveCommit(dir, baseRef), resolveCommit(dir, headRef)]);
  const baseCommit = (await mergeBase(dir, tip, headCommit)) ?? tip;
  const batch = new CatFileBatch(dir);
  try {
    const [baseSource, headSource, changed, time] = await Promise.all([
      GitTreeSource.open(dir, baseCommit, { batch }),
      GitTreeSource.open(dir, headCommit, { batch }),
      changedFiles(dir, baseCommit, headCommit, MANAGED_PATHSPECS),
      commitTime(dir, headCommit),
    ]);
    return {
      base: { ref: baseRef, commit: baseCommit, tip, source: baseSource },
      head: { ref: headRef, commit: headCommit, time, source: headSource },
      changed,
      openCandidates: () => openIncidentCandidates(dir, headCommit),
      close: () => batch.close(),
    };
  } catch (err) {
    await batch.close();
    throw err;
  }
}
