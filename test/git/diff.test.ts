import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changedFiles } from '../../src/git/diff.js';
import { GitError } from '../../src/git/run-git.js';
import { createFixtureRepo, type FixtureRepo } from '../support/git-fixture.js';

describe('changedFiles', () => {
  let repo: FixtureRepo;
  let base: string;
  let head: string;
  const root = () => join(repo.dir, 'ops/incident-repo');
  const incident = (id: string, extra = '') => `id: ${id}\ntitle: "orders.fct_orders: a long enough title to be detected as the same file"\nseverity: SEV2\nstatus: detected\n${extra}`;

  beforeAll(() => {
    repo = createFixtureRepo();
    repo.write('ops/incident-repo/incidents/2025/INC-2025-0001.yaml', incident('INC-2025-0001'));
    repo.write('ops/incident-repo/incidents/2025/INC-2025-0002.yaml', incident('INC-2025-0002'));
    repo.write('ops/incident-repo/incidents/2025/INC-2025-0003.yaml', incident('INC-2025-0003'));
    repo.write('ops/incident-repo/ownership/teams.yaml', 'teams: []\n');
    repo.write('ops/outside.yaml', 'outside: true\n');
    base = repo.commit('base');
    repo.write('ops/incident-repo/incidents/2025/INC-2025-0001.yaml', incident('INC-2025-0001', 'drill: true\n'));
    repo.rename('ops/incident-repo/incidents/2025/INC-2025-0002.yaml', 'ops/incident-repo/incidents/2024/INC-2025-0002.yaml');
    repo.remove('ops/incident-repo/incidents/2025/INC-2025-0003.yaml');
    repo.write('ops/incident-repo/incidents/2025/INC-2025-0004 new.yaml', 'id: INC-2025-0004\n');
    repo.write('ops/outside.yaml', 'outside: false\n');
    repo.write('ops/incident-repo/ownership/teams.yaml', 'teams: [x]\n');
    head = repo.commit('head');
  });
  afterAll(() => repo.cleanup());

  it('lists adds, modifications, deletions and renames relative to a subfolder incident repo', async () => {
    const files = await changedFiles(root(), base, head, []);
    expect(files).toEqual(
      expect.arrayContaining([
        { status: 'M', path: 'incidents/2025/INC-2025-0001.yaml' },
        { status: 'R', path: 'incidents/2024/INC-2025-0002.yaml', oldPath: 'incidents/2025/INC-2025-0002.yaml' },
        { status: 'D', path: 'incidents/2025/INC-2025-0003.yaml' },
        { status: 'A', path: 'incidents/2025/INC-2025-0004 new.yaml' },
        { status: 'M', path: 'ownership/teams.yaml' },
      ]),
    );
    // Nothing outside the incident repo.
    expect(files).toHaveLength(5);
  });

  it('limits to pathspecs relative to the incident repo root', async () => {
    const files = await changedFiles(root(), base, head, ['ownership']);
    expect(files).toEqual([{ status: 'M', path: 'ownership/teams.yaml' }]);
  });

  it('reads the whole repository from its top', async () => {
    const files = await changedFiles(repo.dir, base, head);
    expect(files.map((f) => f.path)).toContain('ops/outside.yaml');
    expect(files.find((f) => f.status === 'R')?.oldPath).toBe('ops/incident-repo/incidents/2025/INC-2025-0002.yaml');
  });

  it('reports a type change', async () => {
    repo.remove('ops/incident-repo/ownership/teams.yaml');
    symlinkSync('../incidents', join(repo.dir, 'ops/incident-repo/ownership/teams.yaml'));
    const symlinked = repo.commit('symlink');
    expect(await changedFiles(root(), head, symlinked)).toEqual([{ status: 'T', path: 'ownership/teams.yaml' }]);
  });

  it('throws a GitError naming an unknown ref', async () => {
    const err = await changedFiles(root(), 'origin/nope', head).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GitError);
    expect((err as GitError).message).toMatch(/^git diff .* failed \(exit 128\): fatal: bad revision 'origin\/nope'/);
  });
});
