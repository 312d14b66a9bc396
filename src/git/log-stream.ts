import { toUtcIso } from './dates.js';
import { changeStatus, DIFF_FLAGS, hasOldPath, pathspecArgs, type ChangeStatus } from './diff.js';
import { pullRequestFromSubject } from './pull-requests.js';
import { collectText, spawnGit, waitForGit } from './run-git.js';

export { isShallow } from './repo-info.js';

export interface LogChange {
  status: ChangeStatus;
  /** Relative to the incident repo root. For D, the deleted path. */
  path: string;
  /** For R and C: the path before. */
  oldPath?: string;
  /** The blob before the change (absent for A): read it with CatFileBatch. */
  oldBlob?: string;
  /** The blob after the change (absent for D). */
  newBlob?: string;
}

export interface LogCommit {
  sha: string;
  /** Parents within the pathspec-limited history (git's rewritten parents); more than one for a merge. */
  parents: string[];
  author: { name: string; email: string; date: string };
  committerDate: string;
  subject: string;
  body: string;
  /** From a squash subject `… (#123)` or `Merge pull request #123 from …`. See attributePullRequests for the rest. */
  pullRequest?: number;
  /** For a merge, the changes against its first parent: what the merge brought into the branch. */
  changes: LogChange[];
}

export interface StreamLogOptions {
  /** Git pathspecs relative to the incident repo root; none means the whole incident repo. */
  pathspecs?: readonly string[];
  /** Where history starts; HEAD by default. */
  rev?: string;
  /** Oldest first (parents before children) instead of the default newest first. */
  reverse?: boolean;
}

// Each commit starts with RS, then NUL-separated fields; the body is last and git ends it with NUL.
// No field can contain NUL, so the split is unambiguous whatever the message says.
const FIELDS = ['%H', '%P', '%an', '%ae', '%aI', '%cI', '%s', '%b'];
const FORMAT = `--format=%x1e${FIELDS.join('%x00')}`;
const COMMIT_START = '\x1e';

/**
 * The history of the incident repo, one commit at a time as git prints it, from ONE `git log`.
 *
 * Order: newest first, children always before parents (`--date-order`); `reverse` gives oldest first.
 * Commits on merged branches are included (`--full-history`), and so is every merge, even one that
 * changed nothing in the pathspecs (its `changes` is then empty), with parents rewritten to the
 * commits shown (`--parents`): that keeps the graph whole for attributePullRequests.
 * Merges list their changes against the first parent
 * (`--diff-merges=first-parent`); `-m --first-parent` would instead hide the merged branches' commits.
 * In a shallow clone the history stops at the clone's edge: check isShallow to say so.
 */
export async function* streamLog(dir: string, opts: StreamLogOptions = {}): AsyncGenerator<LogCommit> {
  const args = [
    'log', FORMAT, '--raw', '--no-abbrev', ...DIFF_FLAGS, '--root', '--no-show-signature',
    '--full-history', '--parents', '--diff-merges=first-parent', '--date-order',
    ...(opts.reverse ? ['--reverse'] : []),
    '--end-of-options', opts.rev ?? 'HEAD', ...pathspecArgs(opts.pathspecs ?? []),
  ];
  const child = spawnGit(args, { cwd: dir });
  const exited = waitForGit(child, args, collectText(child.stderr));
  exited.catch(() => {}); // awaited below; this only keeps an early stop from reporting it as unhandled
  child.stdin.end();
  const splitter = new NulSplitter();
  const parser = new LogParser();
  try {
    for await (const chunk of child.stdout) {
      for (const token of splitter.push(chunk as Buffer)) {
        const commit = parser.push(token);
        if (commit) yield commit;
      }
    }
    const last = parser.end(splitter.end());
    if (last) yield last;
    await exited;
  } finally {
    // The caller stopped early (break, or an error): do not leave git writing into a pipe nobody reads.
    if (child.exitCode === null && child.signalCode === null) child.kill();
  }
}

/** Splits a byte stream on NUL; a field cut between two chunks is joined before decoding. */
class NulSplitter {
  #partial: Buffer[] = [];

  push(chunk: Buffer): string[] {
    const tokens: string[] = [];
    let at = 0;
    for (let nul = chunk.indexOf(0, at); nul !== -1; nul = chunk.indexOf(0, at)) {
      this.#partial.push(chunk.subarray(at, nul));
      tokens.push(Buffer.concat(this.#partial).toString('utf8'));
      this.#partial = [];
      at = nul + 1;
    }
    if (at < chunk.length) this.#partial.push(chunk.subarray(at));
    return tokens;
  }

  /** What followed the last NUL: with -z, only blank space. */
  end(): string {
    return Buffer.concat(this.#partial).toString('utf8');
  }
}

/**
 * Turns NUL-separated tokens into commits. After a commit's fields come its raw diff entries:
 * `:<old mode> <new mode> <old sha> <new sha> <status>` then one path, or two for R and C.
 */
class LogParser {
  #fields: string[] | undefined;
  #commit: LogCommit | undefined;
  #change: RawEntry | undefined;

  /** Returns the previous commit once the next one starts. */
  push(token: string): LogCommit | undefined {
    if (this.#fields) {
      this.#fields.push(token);
      if (this.#fields.length === FIELDS.length) {
        this.#commit = toCommit(this.#fields);
        this.#fields = undefined;
      }
      return undefined;
    }
    if (this.#change) {
      this.#change.paths.push(token);
      if (this.#change.paths.length === (hasOldPath(this.#change.status) ? 2 : 1)) this.#addChange(this.#change);
      return undefined;
    }
    // Between entries git puts newlines and empty fields; they carry nothing.
    const text = token.replace(/^\n+/, '');
    if (text.startsWith(COMMIT_START)) {
      const done = this.#commit;
      this.#commit = undefined;
      this.#fields = [text.slice(COMMIT_START.length)];
      return done;
    }
    if (text.startsWith(':')) {
      this.#change = parseRawHeader(text);
      return undefined;
    }
    if (text.trim() !== '') throw new Error(`unexpected git log output: ${JSON.stringify(text.slice(0, 80))}`);
    return undefined;
  }

  end(rest: string): LogCommit | undefined {
    if (rest.trim() !== '' || this.#fields || this.#change) throw new Error('git log output ended in the middle of a commit');
    return this.#commit;
  }

  #addChange(change: RawEntry): void {
    this.#change = undefined;
    const [first, second] = change.paths;
    const entry: LogChange = second === undefined ? { status: change.status, path: first } : { status: change.status, path: second, oldPath: first };
    if (change.oldBlob) entry.oldBlob = change.oldBlob;
    if (change.newBlob) entry.newBlob = change.newBlob;
    this.#commit!.changes.push(entry);
  }
}

function toCommit([sha, parents, name, email, authorDate, committerDate, subject, body]: string[]): LogCommit {
  const commit: LogCommit = {
    sha,
    parents: parents === '' ? [] : parents.split(' '),
    author: { name, email, date: toUtcIso(authorDate) },
    committerDate: toUtcIso(committerDate),
    subject,
    body: body.trimEnd(),
    changes: [],
  };
  const pullRequest = pullRequestFromSubject(subject);
  if (pullRequest !== undefined) commit.pullRequest = pullRequest;
  return commit;
}

const NO_BLOB = /^0+$/;

/** A raw diff entry whose paths are still to come. */
interface RawEntry {
  status: ChangeStatus;
  oldBlob?: string;
  newBlob?: string;
  paths: string[];
}

function parseRawHeader(header: string): RawEntry {
  const [, , oldSha, newSha, status] = header.slice(1).split(' ');
  return {
    status: changeStatus(status),
    oldBlob: NO_BLOB.test(oldSha) ? undefined : oldSha,
    newBlob: NO_BLOB.test(newSha) ? undefined : newSha,
    paths: [],
  };
}
