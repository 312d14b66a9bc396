import { GitError, runGit } from './run-git.js';

/** A `status:` line that closes an incident; quotes and a trailing comment allowed. */
const CLOSED_STATUS_LINE = `^status:[[:space:]]*["']?(closed|declined)["']?[[:space:]]*(#.*)?$`;

/**
 * Incident files of a commit that may be open: every file under `incidents/` WITHOUT a top-level
 * `status: closed|declined` line, from one `git grep -L` over the tree (git reads the blobs, not
 * us). A superset: a file with an odd or broken status line is listed too, so callers load the
 * candidates and read their real status. Paths are relative to the incident repo root `dir`.
 */
export async function openIncidentCandidates(dir: string, commit: string, roots: readonly string[] = ['incidents']): Promise<string[]> {
  const args = ['-c', 'grep.fullName=false', 'grep', '-L', '-z', '-I', '--no-color', '-E', CLOSED_STATUS_LINE, commit, '--', ...roots];
  let out: string;
  try {
    out = await runGit(args, { cwd: dir });
  } catch (err) {
    // git grep exits 1 when it lists nothing.
    if (err instanceof GitError && err.exitCode === 1 && !err.stderr) return [];
    throw err;
  }
  const prefix = `${commit}:`;
  return out.split('\0').filter(Boolean).map((p) => (p.startsWith(prefix) ? p.slice(prefix.length) : p)).sort();
}
