import { runGit } from './run-git.js';

/** Added, Modified, Deleted, Renamed, Copied, Type changed (file ↔ symlink). */
export type ChangeStatus = 'A' | 'M' | 'D' | 'R' | 'C' | 'T';

export interface ChangedFile {
  status: ChangeStatus;
  /** The path after the change (for D, the deleted path), relative to the incident repo root. */
  path: string;
  /** For R and C: the path before. */
  oldPath?: string;
}

/**
 * Options shared by every diff this module reads. Explicit flags, so a user's diff config
 * (diff.relative, color.ui, diff.external, rename settings) cannot change what we parse.
 * `--relative` makes paths relative to the folder git runs in, the incident repo root,
 * and drops changes outside it when that root is a subfolder of a bigger repository.
 */
export const DIFF_FLAGS = ['-z', '-M', '--relative', '--no-color', '--no-ext-diff', '--no-textconv'];

/** Pathspecs as git reads them, relative to the incident repo root; none means the whole incident repo. */
export function pathspecArgs(pathspecs: readonly string[]): string[] {
  return ['--', ...(pathspecs.length > 0 ? pathspecs : ['.'])];
}

/** `R100` → `R`: the similarity score is not part of our contract. Unmerged or unknown letters are a bug for tree diffs. */
export function changeStatus(letters: string): ChangeStatus {
  const status = letters.charAt(0);
  if (status === '' || !'AMDRCT'.includes(status)) throw new Error(`git printed an unknown change status ${JSON.stringify(letters)}`);
  return status as ChangeStatus;
}

/** True when the status carries two paths (old and new). */
export function hasOldPath(status: ChangeStatus): boolean {
  return status === 'R' || status === 'C';
}

/**
 * The files that differ between two commits (two-dot: the trees at `base` and `head`; pass the
 * merge base yourself for a PR's changes), from one `git diff --name-status -z` call.
 */
export async function changedFiles(dir: string, base: string, head: string, pathspecs: readonly string[] = []): Promise<ChangedFile[]> {
  const args = ['diff', '--name-status', ...DIFF_FLAGS, '--end-of-options', base, head, ...pathspecArgs(pathspecs)];
  const fields = (await runGit(args, { cwd: dir })).split('\0');
  const files: ChangedFile[] = [];
  // -z output: `<status>\0<path>\0`, or `<status>\0<old>\0<new>\0` for renames and copies.
  for (let i = 0; i + 1 < fields.length; ) {
    const status = changeStatus(fields[i++]);
    if (hasOldPath(status)) {
      const oldPath = fields[i++];
      files.push({ status, path: fields[i++], oldPath });
    } else {
      files.push({ status, path: fields[i++] });
    }
  }
  return files;
}
