// A real git repository holding the project's sample incident repo on `main`, and pull request
// branches on top of it: what an Action sees in its checkout (actions/checkout, fetch-depth 0),
// with the PR's head commit present as objects. Commits carry real authors and dates.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cpSync } from 'node:fs';
import { parse } from 'yaml';
import { createFixtureRepo, type FixtureRepo, type Person } from '../../support/git-fixture.js';
import { SAMPLE_PARTS } from '../../support/sample-repo.js';
import { REPO_ROOT } from '../../support/paths.js';
import { GitHubServer } from '../../harness/github-server.js';
import type { FileSeed } from '../../harness/github-state.js';

export const OWNER = 'acme-data';
export const REPO = 'incidents';
/** The sample's last recorded time is 2026-11-25T08:55Z: the base commit comes after it. */
export const BASE_DATE = '2026-11-25T09:00:00Z';

export const person = (login: string): Person => ({ name: login, email: `${login}@users.noreply.github.com` });

export interface SampleRepo {
  repo: FixtureRepo;
  base: string;
  read(path: string): string;
  /** Replaces the first occurrence of `from` in a file of the working tree; fails loudly when absent. */
  edit(path: string, from: string | RegExp, to: string): void;
  /** A branch from main with the given edits, committed by `author`; returns the head sha and leaves main checked out. */
  branch(name: string, author: string, date: string, edits: () => void): string;
  /** Another commit on an existing branch. */
  push(name: string, author: string, date: string, edits: () => void): string;
  cleanup(): void;
}

/** `under`: the folder of the incident repo inside the git repository ('' for the top). */
export function sampleRepo(opts: { under?: string } = {}): SampleRepo {
  const repo = createFixtureRepo({ startDate: BASE_DATE });
  const under = opts.under ?? '';
  for (const part of SAMPLE_PARTS) cpSync(join(REPO_ROOT, part), join(repo.dir, under, part), { recursive: true });
  const base = repo.commit('Sample incident repo', { author: person('priya-raman'), date: BASE_DATE });
  const read = (path: string) => readFileSync(join(repo.dir, under, path), 'utf8');
  const edit = (path: string, from: string | RegExp, to: string) => {
    const before = read(path);
    const after = before.replace(from, to);
    if (after === before) throw new Error(`${path} does not contain ${String(from)}`);
    repo.write(join(under, path), after);
  };
  const onBranch = (name: string, create: boolean, author: string, date: string, edits: () => void) => {
    repo.checkout(name, { create });
    edits();
    const sha = repo.commit(`${name}: ${author}`, { author: person(author), date });
    repo.checkout('main');
    return sha;
  };
  return {
    repo,
    base,
    read,
    edit,
    branch: (name, author, date, edits) => onBranch(name, true, author, date, edits),
    push: (name, author, date, edits) => onBranch(name, false, author, date, edits),
    cleanup: () => repo.cleanup(),
  };
}

/** The PR's files as GitHub lists them: the diff from the merge base to the head. */
export function pullRequestFiles(repo: FixtureRepo, base: string, head: string): FileSeed[] {
  const from = repo.git(['merge-base', base, head]).trim();
  const fields = repo.git(['diff', '--name-status', '-z', '-M', from, head]).split('\0').filter((s, i, all) => i < all.length - 1 || s);
  const status: Record<string, FileSeed['status']> = { A: 'added', M: 'modified', D: 'removed', R: 'renamed', C: 'copied', T: 'changed' };
  const out: FileSeed[] = [];
  for (let i = 0; i < fields.length; ) {
    const letter = fields[i++].charAt(0);
    if (letter === 'R' || letter === 'C') {
      const previousPath = fields[i++];
      out.push({ path: fields[i++], status: status[letter], previousPath });
    } else out.push({ path: fields[i++], status: status[letter] });
  }
  return out;
}

/** Opens the PR on the harness, with the real shas and files of the fixture. */
export function openPullRequest(github: GitHubServer, sample: SampleRepo, opts: { author: string; head: string; headRef: string; number?: number; title?: string }): number {
  return github.state.addPullRequest({
    author: opts.author,
    number: opts.number,
    title: opts.title ?? opts.headRef,
    headSha: opts.head,
    baseSha: sample.base,
    headRef: opts.headRef,
    baseRef: 'main',
    files: pullRequestFiles(sample.repo, sample.base, opts.head),
  });
}

/** The sample's teams as GitHub teams of the organisation, and every person in them as a collaborator. */
export function seedOrganisation(github: GitHubServer, opts: { except?: string[]; exceptTeams?: string[] } = {}): void {
  const file = parse(readFileSync(join(REPO_ROOT, 'ownership/teams.yaml'), 'utf8')) as { teams: { github: string; members: string[]; leads?: string[] }[] };
  for (const team of file.teams) {
    const people = [...new Set([...team.members, ...(team.leads ?? [])])];
    const slug = team.github.split('/')[1];
    if (!opts.exceptTeams?.includes(slug)) github.state.addTeam(slug, people);
    github.state.addCollaborators(...people.filter((p) => !opts.except?.includes(p)));
  }
  const escalation = parse(readFileSync(join(REPO_ROOT, 'ownership/escalation.yaml'), 'utf8')) as { executives?: { login: string }[] };
  github.state.addCollaborators(...(escalation.executives ?? []).map((e) => e.login).filter((p) => !opts.except?.includes(p)));
}

/** A fresh harness with the organisation seeded and a fresh git checkout of the sample, per test. */
export async function startHarness(): Promise<{ github: GitHubServer; sample: SampleRepo }> {
  const github = await GitHubServer.start({ owner: OWNER, repo: REPO });
  seedOrganisation(github);
  return { github, sample: sampleRepo() };
}

/** Fails the test on any request GitHub's description would refuse, then frees everything. */
export async function stopHarness(github: GitHubServer, sample: SampleRepo): Promise<void> {
  github.assertNoViolations();
  await github.close();
  sample.cleanup();
}
