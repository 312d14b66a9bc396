import { toUtcIso } from './dates.js';
import { GitError, runGit } from './run-git.js';

export interface RepoInfo {
  /** Absolute path of the git working tree's top folder. */
  toplevel: string;
  /**
   * Where the incident repo sits inside that tree, with a trailing slash as git prints it
   * (`data/incidents-repo/`), or '' when it is the top. Tree paths are `prefix + repo-relative path`.
   */
  prefix: string;
}

export async function repoInfo(dir: string): Promise<RepoInfo> {
  const [toplevel, prefix = ''] = (await runGit(['rev-parse', '--show-toplevel', '--show-prefix'], { cwd: dir })).split('\n');
  return { toplevel, prefix };
}

/** True in a shallow clone (CI checkouts default to depth 1): history read there is partial. */
export async function isShallow(dir: string): Promise<boolean> {
  return (await runGit(['rev-parse', '--is-shallow-repository'], { cwd: dir })).trim() === 'true';
}

/** The full sha of the commit `ref` names, or a GitError that names the ref and says how to get it. */
export async function resolveCommit(dir: string, ref: string): Promise<string> {
  const args = ['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`];
  try {
    return (await runGit(args, { cwd: dir })).trim();
  } catch (err) {
    if (!(err instanceof GitError) || err.exitCode !== 1) throw err;
    // --quiet leaves stderr empty, so the message is ours: the usual cause in CI is a shallow or single-branch checkout.
    throw new GitError(
      `git: ${JSON.stringify(ref)} is not a commit in this repository (${dir}). ` +
        'If it is a branch or commit that exists elsewhere, fetch it first (git fetch origin <ref>; with actions/checkout, set fetch-depth: 0).',
      args,
      err.exitCode,
    );
  }
}

/** The committer date of `ref`, in UTC (`2025-08-03T06:12:00Z`): "now" for checks that run at a commit. */
export async function commitTime(dir: string, ref: string): Promise<string> {
  const sha = await resolveCommit(dir, ref);
  return toUtcIso((await runGit(['show', '-s', '--no-show-signature', '--format=%cI', sha], { cwd: dir })).trim());
}

/** The best common ancestor of two commits, or undefined when their histories never meet (or a shallow clone cut them). */
export async function mergeBase(dir: string, a: string, b: string): Promise<string | undefined> {
  try {
    return (await runGit(['merge-base', '--end-of-options', a, b], { cwd: dir })).trim();
  } catch (err) {
    if (err instanceof GitError && err.exitCode === 1) return undefined;
    throw err;
  }
}
