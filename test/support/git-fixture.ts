import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

export interface Person {
  name: string;
  email: string;
}

export interface CommitOptions {
  author?: Person;
  /** Defaults to the author, as for a commit made by hand. */
  committer?: Person;
  /** Author and committer date, any ISO offset. Defaults to one minute after the previous commit. */
  date?: string;
}

export interface FixtureRepo {
  /** The working tree's top folder (a real path: what git prints for --show-toplevel). */
  readonly dir: string;
  write(path: string, content: string | Buffer): void;
  remove(path: string): void;
  rename(from: string, to: string): void;
  /** Stages everything (`git add -A`) and commits; returns the new sha. */
  commit(message: string, opts?: CommitOptions): string;
  checkout(branch: string, opts?: { create?: boolean }): void;
  /** Merges `branch` into the current branch (a merge commit with `noFf`); returns the new HEAD sha. */
  merge(branch: string, message: string, opts?: CommitOptions & { noFf?: boolean }): string;
  /** Runs git in the repo with the fixture's isolated config; returns stdout. `input` feeds stdin (`fast-import`, for big histories). */
  git(args: string[], opts?: { env?: Record<string, string>; input?: string }): string;
  /** A `git clone --depth N file://…` of this repo in a new temp folder; cleanup() removes it too. */
  shallowClone(depth: number): FixtureRepo;
  cleanup(): void;
}

export const DEFAULT_AUTHOR: Person = { name: 'Fixture Author', email: 'fixture@example.com' };
const DEFAULT_START = '2025-01-01T00:00:00Z';

/**
 * Git with no global or system config, so a developer's or CI machine's settings (signing,
 * hooks path, default branch, aliases) cannot change a fixture. GIT_* variables from a parent
 * process (GIT_DIR inside a hook, for example) would point git elsewhere, so they are dropped.
 */
function fixtureEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!key.startsWith('GIT_')) env[key] = value;
  return { ...env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1', GIT_TERMINAL_PROMPT: '0', ...extra };
}

function git(cwd: string, args: string[], opts: { env?: Record<string, string>; input?: string } = {}): string {
  try {
    return execFileSync('git', args, { cwd, env: fixtureEnv(opts.env), input: opts.input ?? '', encoding: 'utf8', stdio: 'pipe', maxBuffer: 256 * 1024 * 1024 });
  } catch (err) {
    // A merge conflict is reported on stdout, other failures on stderr.
    const { stdout = '', stderr = '' } = err as { stdout?: string; stderr?: string };
    throw new Error(`fixture: git ${args.join(' ')} failed in ${cwd}: ${`${stderr}\n${stdout}`.trim() || String(err)}`);
  }
}

/**
 * Git's exact date form, `@<epoch seconds> <offset>`: no date parsing in git to guess at.
 * A given ISO date keeps its offset, so `%aI` prints back what the test wrote.
 */
function gitDate(time: number, iso?: string): string {
  const offset = /([+-])(\d\d):?(\d\d)$/.exec(iso ?? '');
  return `@${Math.floor(time / 1000)} ${offset ? `${offset[1]}${offset[2]}${offset[3]}` : '+0000'}`;
}

/** A real git repo in a temp folder, on branch `main`, with exact authors and dates. */
export function createFixtureRepo(opts: { startDate?: string } = {}): FixtureRepo {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'sitrep-git-')));
  git(dir, ['-c', 'init.defaultBranch=main', 'init', '-q']);
  configure(dir);
  return fixtureAt(dir, Date.parse(opts.startDate ?? DEFAULT_START));
}

function configure(dir: string): void {
  const settings: [string, string][] = [
    ['user.name', DEFAULT_AUTHOR.name],
    ['user.email', DEFAULT_AUTHOR.email],
    ['commit.gpgsign', 'false'],
    ['tag.gpgsign', 'false'],
    ['core.autocrlf', 'false'],
  ];
  for (const [key, value] of settings) git(dir, ['config', key, value]);
}

function fixtureAt(dir: string, startTime: number): FixtureRepo {
  // The clock for commits without a date: strictly increasing, so the order of history is exact.
  let clock = startTime - 60_000;
  const others: FixtureRepo[] = [];
  const abs = (path: string): string => join(dir, path);

  const identityEnv = (opts: CommitOptions): Record<string, string> => {
    clock = opts.date ? Date.parse(opts.date) : clock + 60_000;
    if (Number.isNaN(clock)) throw new Error(`fixture: not an ISO date: ${opts.date}`);
    const date = gitDate(clock, opts.date);
    const author = opts.author ?? DEFAULT_AUTHOR;
    const committer = opts.committer ?? author;
    return {
      GIT_AUTHOR_NAME: author.name,
      GIT_AUTHOR_EMAIL: author.email,
      GIT_AUTHOR_DATE: date,
      GIT_COMMITTER_NAME: committer.name,
      GIT_COMMITTER_EMAIL: committer.email,
      GIT_COMMITTER_DATE: date,
    };
  };
  const head = (): string => git(dir, ['rev-parse', 'HEAD']).trim();

  return {
    dir,
    write(path, content) {
      mkdirSync(dirname(abs(path)), { recursive: true });
      writeFileSync(abs(path), content);
    },
    remove(path) {
      rmSync(abs(path), { recursive: true });
    },
    rename(from, to) {
      mkdirSync(dirname(abs(to)), { recursive: true });
      renameSync(abs(from), abs(to));
    },
    commit(message, opts = {}) {
      git(dir, ['add', '-A']);
      git(dir, ['commit', '-q', '--allow-empty', '--no-verify', '-m', message], { env: identityEnv(opts) });
      return head();
    },
    checkout(branch, opts = {}) {
      git(dir, ['checkout', '-q', ...(opts.create ? ['-b'] : []), branch]);
    },
    merge(branch, message, opts = {}) {
      git(dir, ['merge', '-q', ...(opts.noFf ? ['--no-ff'] : []), '--no-verify', '-m', message, branch], { env: identityEnv(opts) });
      return head();
    },
    git(args, opts = {}) {
      return git(dir, args, opts);
    },
    shallowClone(depth) {
      const target = realpathSync(mkdtempSync(join(tmpdir(), 'sitrep-git-clone-')));
      git(target, ['clone', '-q', '--depth', String(depth), pathToFileURL(dir).href, '.']);
      configure(target);
      const clone = fixtureAt(target, clock + 60_000);
      others.push(clone);
      return clone;
    },
    cleanup() {
      for (const other of others.splice(0)) other.cleanup();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
