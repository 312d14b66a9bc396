import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isShallow, streamLog, type LogCommit } from '../../src/git/log-stream.js';
import { attributePullRequests } from '../../src/git/pull-requests.js';
import { CatFileBatch } from '../../src/git/cat-file-batch.js';
import { GitError, gitProcessesStarted } from '../../src/git/run-git.js';
import { createFixtureRepo, type FixtureRepo } from '../support/git-fixture.js';

const alice = { name: 'Alice Ödegaard', email: 'alice@example.com' };
const bob = { name: 'Bob', email: 'bob@example.com' };
const github = { name: 'GitHub', email: 'noreply@github.com' };

async function collect(gen: AsyncGenerator<LogCommit>): Promise<LogCommit[]> {
  const out: LogCommit[] = [];
  for await (const commit of gen) out.push(commit);
  return out;
}

const incident = (id: string, status: string) =>
  `id: ${id}\ntitle: "orders.fct_orders: daily partition missing since 02:00 UTC"\nseverity: SEV2\nsymptom: freshness\nstatus: ${status}\n`;

describe('streamLog', () => {
  let repo: FixtureRepo;
  const root = () => join(repo.dir, 'team/incident-repo');
  const sha: Record<string, string> = {};

  beforeAll(() => {
    repo = createFixtureRepo();
    repo.write('team/incident-repo/incidents/2025/INC-2025-0001.yaml', incident('INC-2025-0001', 'detected'));
    repo.write('team/incident-repo/ownership/teams.yaml', 'teams: []\n');
    repo.write('README.md', 'outside\n');
    sha.declare = repo.commit('Declare INC-2025-0001', { author: alice, date: '2025-08-03T08:12:00+02:00' });

    repo.checkout('inc-0001-triage', { create: true });
    repo.write('team/incident-repo/incidents/2025/INC-2025-0001.yaml', incident('INC-2025-0001', 'triaged'));
    sha.triage = repo.commit('Triage INC-2025-0001', { author: bob, date: '2025-08-03T06:20:00Z' });
    repo.rename('team/incident-repo/incidents/2025/INC-2025-0001.yaml', 'team/incident-repo/incidents/2025/orders/INC-2025-0001.yaml');
    repo.write('README.md', 'outside, changed on the branch\n');
    sha.move = repo.commit('Move INC-2025-0001\n\nBody line one.\nA % sign, a \x1e record separator and a trailing blank line.\n\n', {
      author: bob,
      date: '2025-08-03T06:30:00-04:00',
    });

    repo.checkout('main');
    repo.write('team/incident-repo/incidents/2025/INC-2025-0002.yaml', incident('INC-2025-0002', 'detected'));
    sha.squash = repo.commit('Declare INC-2025-0002 (#12)', { author: alice, committer: github, date: '2025-08-03T07:00:00Z' });
    repo.write('docs/index.md', 'outside only\n');
    sha.outside = repo.commit('Docs only', { date: '2025-08-03T07:30:00Z' });
    sha.merge = repo.merge('inc-0001-triage', 'Merge pull request #15 from acme/inc-0001-triage\n\nTriage INC-2025-0001', {
      noFf: true,
      author: github,
      date: '2025-08-03T11:00:00Z',
    });
  });
  afterAll(() => repo.cleanup());

  it('yields each commit newest first, with exact authors, UTC dates, subjects, bodies and changes', async () => {
    const commits = await collect(streamLog(root()));
    // By committer date: 11:00, 10:30, 07:00, 06:20, 06:12 UTC. "Docs only" touched nothing in the incident repo.
    expect(commits.map((c) => c.sha)).toEqual([sha.merge, sha.move, sha.squash, sha.triage, sha.declare]);
    const [merge, move, squash, triage, declare] = commits;

    expect(declare).toMatchObject({
      parents: [],
      author: { name: 'Alice Ödegaard', email: 'alice@example.com', date: '2025-08-03T06:12:00Z' },
      committerDate: '2025-08-03T06:12:00Z',
      subject: 'Declare INC-2025-0001',
      body: '',
    });
    expect(declare.pullRequest).toBeUndefined();
    const declared = repo.git(['rev-parse', `${sha.declare}:team/incident-repo/incidents/2025/INC-2025-0001.yaml`]).trim();
    expect(declare.changes).toEqual([
      { status: 'A', path: 'incidents/2025/INC-2025-0001.yaml', newBlob: declared },
      { status: 'A', path: 'ownership/teams.yaml', newBlob: repo.git(['rev-parse', `${sha.declare}:team/incident-repo/ownership/teams.yaml`]).trim() },
    ]);

    expect(triage.changes).toEqual([
      {
        status: 'M',
        path: 'incidents/2025/INC-2025-0001.yaml',
        oldBlob: declared,
        newBlob: repo.git(['rev-parse', `${sha.triage}:team/incident-repo/incidents/2025/INC-2025-0001.yaml`]).trim(),
      },
    ]);

    expect(move.author).toEqual({ name: 'Bob', email: 'bob@example.com', date: '2025-08-03T10:30:00Z' });
    expect(move.subject).toBe('Move INC-2025-0001');
    expect(move.body).toBe('Body line one.\nA % sign, a \x1e record separator and a trailing blank line.');
    // The README change is outside the incident repo: not listed.
    expect(move.changes).toEqual([
      expect.objectContaining({ status: 'R', path: 'incidents/2025/orders/INC-2025-0001.yaml', oldPath: 'incidents/2025/INC-2025-0001.yaml' }),
    ]);

    expect(squash).toMatchObject({ pullRequest: 12, committerDate: '2025-08-03T07:00:00Z', parents: [sha.declare] });
    expect(merge).toMatchObject({ pullRequest: 15, subject: 'Merge pull request #15 from acme/inc-0001-triage', body: 'Triage INC-2025-0001' });
  });

  it('yields merges with the rewritten parents and their changes against the first parent', async () => {
    const [merge] = await collect(streamLog(root()));
    // "Docs only" touched nothing in the incident repo, so the first parent is rewritten to the squash commit.
    expect(merge.parents).toEqual([sha.squash, sha.move]);
    expect(merge.changes).toEqual([
      expect.objectContaining({ status: 'R', path: 'incidents/2025/orders/INC-2025-0001.yaml', oldPath: 'incidents/2025/INC-2025-0001.yaml' }),
    ]);
  });

  it('lets the caller read old and new versions through CatFileBatch by blob sha', async () => {
    const triage = (await collect(streamLog(root()))).find((c) => c.sha === sha.triage)!;
    const batch = new CatFileBatch(root());
    const [before, after] = await Promise.all([batch.read(triage.changes[0].oldBlob!), batch.read(triage.changes[0].newBlob!)]);
    expect(before?.content.toString()).toContain('status: detected');
    expect(after?.content.toString()).toContain('status: triaged');
    await batch.close();
  });

  it('attributes the merged branch commits to the merge PR', async () => {
    const prs = attributePullRequests(await collect(streamLog(root())));
    expect(Object.fromEntries(prs)).toEqual({ [sha.merge]: 15, [sha.move]: 15, [sha.triage]: 15, [sha.squash]: 12 });
  });

  it('goes oldest first with reverse, parents before children', async () => {
    const commits = await collect(streamLog(root(), { reverse: true }));
    expect(commits.map((c) => c.sha)).toEqual([sha.declare, sha.triage, sha.squash, sha.move, sha.merge]);
  });

  it('limits to pathspecs and starts from rev', async () => {
    const owned = await collect(streamLog(root(), { pathspecs: ['ownership'] }));
    // Merges stay in the stream (with no changes) so that parent links keep the graph whole.
    expect(owned.map((c) => [c.sha, c.changes.length])).toEqual([
      [sha.merge, 0],
      [sha.declare, 1],
    ]);
    const branch = await collect(streamLog(root(), { rev: 'inc-0001-triage', pathspecs: ['incidents/2025/orders'] }));
    expect(branch.map((c) => c.sha)).toEqual([sha.move]);
  });

  it('gives paths relative to the top when the incident repo is the whole repository', async () => {
    const commits = await collect(streamLog(repo.dir));
    expect(commits.map((c) => c.sha)).toContain(sha.outside);
    expect(commits.find((c) => c.sha === sha.outside)?.changes).toEqual([expect.objectContaining({ status: 'A', path: 'docs/index.md' })]);
  });

  it('stops git when the caller stops early', async () => {
    for await (const commit of streamLog(root())) {
      expect(commit.sha).toBe(sha.merge);
      break;
    }
  });

  it('throws a GitError naming an unknown rev', async () => {
    const err = await collect(streamLog(root(), { rev: 'origin/nope' })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GitError);
    expect((err as GitError).message).toMatch(/^git log .* failed \(exit 128\): fatal: bad revision 'origin\/nope'/);
  });
});

describe('streamLog on odd file names', () => {
  let repo: FixtureRepo;
  beforeAll(() => {
    repo = createFixtureRepo();
    repo.write('incidents/2025/a name with spaces, "quotes" and ü.yaml', 'x: 1\n');
    repo.write('incidents/2025/new\nline.yaml', 'x: 2\n');
    repo.write('incidents/2025/:colon-first.yaml', 'x: 3\n');
    repo.commit('odd names');
  });
  afterAll(() => repo.cleanup());

  it('keeps paths exactly as written (-z, no quoting)', async () => {
    const [commit] = await collect(streamLog(repo.dir));
    expect(commit.changes.map((c) => c.path).sort()).toEqual(
      ['incidents/2025/:colon-first.yaml', 'incidents/2025/a name with spaces, "quotes" and ü.yaml', 'incidents/2025/new\nline.yaml'].sort(),
    );
  });
});

describe('streamLog in a shallow clone', () => {
  let repo: FixtureRepo;
  beforeAll(() => {
    repo = createFixtureRepo();
    for (let i = 1; i <= 5; i++) {
      repo.write(`incidents/2025/INC-2025-000${i}.yaml`, `id: INC-2025-000${i}\n`);
      repo.commit(`Declare INC-2025-000${i}`);
    }
  });
  afterAll(() => repo.cleanup());

  it('says the history is partial and yields only what the clone holds', async () => {
    const clone = repo.shallowClone(2);
    expect(await isShallow(clone.dir)).toBe(true);
    expect(await isShallow(repo.dir)).toBe(false);
    const commits = await collect(streamLog(clone.dir));
    expect(commits.map((c) => c.subject)).toEqual(['Declare INC-2025-0005', 'Declare INC-2025-0004']);
    // The edge commit has no parents in the clone.
    expect(commits[1].parents).toEqual([]);
  });
});

describe('streamLog cost', () => {
  let repo: FixtureRepo;
  beforeAll(() => {
    // One fast-import instead of 600 git processes: the history is what matters here, not the working tree.
    repo = createFixtureRepo();
    const data = (text: string) => `data ${Buffer.byteLength(text)}\n${text}\n`;
    let stream = '';
    for (let i = 1; i <= 300; i++) {
      const id = `INC-2025-${String(i % 40).padStart(4, '0')}`;
      const who = `Author ${i % 7} <a${i % 7}@example.com> ${1_750_000_000 + i * 60} +0000`;
      stream += `commit refs/heads/main\nauthor ${who}\ncommitter ${who}\n${data(`Update ${i}`)}`;
      stream += `M 100644 inline incidents/2025/${id}.yaml\n${data(`id: ${id}\nrevision: ${i}\n`)}\n`;
    }
    repo.git(['fast-import', '--quiet'], { input: stream });
  });
  afterAll(() => repo.cleanup());

  it('reads a 300-commit history with one git process', async () => {
    const before = gitProcessesStarted();
    let count = 0;
    let changes = 0;
    for await (const commit of streamLog(repo.dir)) {
      count++;
      changes += commit.changes.length;
    }
    expect(count).toBe(300);
    expect(changes).toBe(300);
    expect(gitProcessesStarted() - before).toBe(1);
  });
});
