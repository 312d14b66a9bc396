import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commitTime, isShallow, mergeBase, repoInfo, resolveCommit } from '../../src/git/repo-info.js';
import { GitError, isGitRepo, runGit } from '../../src/git/run-git.js';
import { createFixtureRepo, type FixtureRepo } from '../support/git-fixture.js';

describe('runGit', () => {
  let repo: FixtureRepo;
  beforeAll(() => {
    repo = createFixtureRepo();
    repo.write('a.txt', 'a\n');
    repo.commit('first');
  });
  afterAll(() => repo.cleanup());

  it('returns stdout and passes input on stdin', async () => {
    expect(await runGit(['hash-object', '--stdin'], { cwd: repo.dir, input: 'a\n' })).toBe(`${repo.git(['rev-parse', 'HEAD:a.txt']).trim()}\n`);
  });

  it('throws a GitError naming the command and quoting git, without node noise', async () => {
    const err = await runGit(['show', 'no-such-ref'], { cwd: repo.dir }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GitError);
    const gitError = err as GitError;
    expect(gitError.message).toMatch(/^git show no-such-ref failed \(exit 128\): fatal: ambiguous argument 'no-such-ref'/);
    expect(gitError.message).not.toMatch(/Command failed|at .*\.js/);
    expect(gitError.exitCode).toBe(128);
    expect(gitError.args).toEqual(['show', 'no-such-ref']);
  });

  it('turns a missing folder into a GitError too', async () => {
    await expect(runGit(['status'], { cwd: join(repo.dir, 'missing') })).rejects.toThrow(/^git status could not start/);
  });

  it('tells git repos from other folders', async () => {
    const plain = mkdtempSync(join(tmpdir(), 'sitrep-plain-'));
    try {
      expect(await isGitRepo(repo.dir)).toBe(true);
      expect(await isGitRepo(plain)).toBe(false);
      expect(await isGitRepo(join(plain, 'missing'))).toBe(false);
    } finally {
      rmSync(plain, { recursive: true, force: true });
    }
  });
});

describe('repo info', () => {
  let repo: FixtureRepo;
  let first: string;
  let onMain: string;
  let onBranch: string;
  beforeAll(() => {
    repo = createFixtureRepo();
    repo.write('data/incidents-repo/incidents/2025/INC-2025-0001.yaml', 'id: INC-2025-0001\n');
    first = repo.commit('first', { date: '2025-03-01T10:00:00+02:00' });
    repo.checkout('feature', { create: true });
    repo.write('data/incidents-repo/x.yaml', 'x: 1\n');
    onBranch = repo.commit('on branch', { date: '2025-03-02T10:00:00-05:00' });
    repo.checkout('main');
    repo.write('other.txt', 'o\n');
    onMain = repo.commit('on main');
  });
  afterAll(() => repo.cleanup());

  it('gives the top folder and the prefix of a subfolder incident repo', async () => {
    expect(await repoInfo(repo.dir)).toEqual({ toplevel: repo.dir, prefix: '' });
    expect(await repoInfo(join(repo.dir, 'data/incidents-repo'))).toEqual({ toplevel: repo.dir, prefix: 'data/incidents-repo/' });
  });

  it('resolves refs to full shas', async () => {
    expect(await resolveCommit(repo.dir, 'main')).toBe(onMain);
    expect(await resolveCommit(repo.dir, 'feature~1')).toBe(first);
    expect(await resolveCommit(repo.dir, onBranch.slice(0, 10))).toBe(onBranch);
  });

  it('names an unknown ref in a clear GitError, also for refs that look like options', async () => {
    const err = await resolveCommit(repo.dir, 'origin/nope').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GitError);
    expect((err as GitError).message).toContain('"origin/nope" is not a commit in this repository');
    expect((err as GitError).message).toContain('fetch-depth: 0');
    await expect(resolveCommit(repo.dir, '--all')).rejects.toThrow('"--all" is not a commit');
    // A tree is not a commit.
    await expect(resolveCommit(repo.dir, 'HEAD:data')).rejects.toThrow('"HEAD:data" is not a commit');
  });

  it('gives committer dates in UTC', async () => {
    expect(await commitTime(repo.dir, first)).toBe('2025-03-01T08:00:00Z');
    expect(await commitTime(repo.dir, 'feature')).toBe('2025-03-02T15:00:00Z');
    await expect(commitTime(repo.dir, 'nope')).rejects.toThrow('"nope" is not a commit');
  });

  it('finds the merge base, or undefined when histories never meet', async () => {
    expect(await mergeBase(repo.dir, 'main', 'feature')).toBe(first);
    repo.git(['checkout', '-q', '--orphan', 'unrelated']);
    repo.commit('orphan');
    try {
      expect(await mergeBase(repo.dir, 'main', 'unrelated')).toBeUndefined();
    } finally {
      repo.checkout('main');
    }
    await expect(mergeBase(repo.dir, 'main', 'nope')).rejects.toBeInstanceOf(GitError);
  });

  it('detects a shallow clone', async () => {
    expect(await isShallow(repo.dir)).toBe(false);
    const clone = repo.shallowClone(1);
    expect(await isShallow(clone.dir)).toBe(true);
    mkdirSync(join(clone.dir, 'sub'));
    expect(await isShallow(join(clone.dir, 'sub'))).toBe(true);
  });
});
