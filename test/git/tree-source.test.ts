import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CatFileBatch } from '../../src/git/cat-file-batch.js';
import { gitProcessesStarted } from '../../src/git/run-git.js';
import { GitTreeSource } from '../../src/git/tree-source.js';
import { createFixtureRepo, type FixtureRepo } from '../support/git-fixture.js';

describe('GitTreeSource', () => {
  let repo: FixtureRepo;
  let base: string;
  let head: string;
  const root = () => join(repo.dir, 'data/incident-repo');

  beforeAll(() => {
    repo = createFixtureRepo();
    repo.write('data/incident-repo/sitrep.config.yaml', 'version: 1\n');
    repo.write('data/incident-repo/incidents/2024/INC-2024-0001.yaml', 'id: INC-2024-0001\n');
    repo.write('data/incident-repo/incidents/2025/INC-2025-0001.yaml', 'id: INC-2025-0001\n');
    repo.write('data/incident-repo/incidentsx/not-in-incidents.yaml', 'no\n');
    repo.write('data/incident-repo/ownership/teams.yaml', 'teams: []\n');
    repo.write('data/incidents/elsewhere.yaml', 'outside the incident repo\n');
    repo.write('incidents/top.yaml', 'outside too\n');
    base = repo.commit('base');
    repo.write('data/incident-repo/incidents/2025/INC-2025-0002 (copy).yaml', 'id: INC-2025-0002\n');
    repo.write('data/incident-repo/incidents/2025/INC-2025-0001.yaml', 'id: INC-2025-0001\nstatus: closed\n');
    symlinkSync('INC-2025-0001.yaml', join(repo.dir, 'data/incident-repo/incidents/2025/link.yaml'));
    head = repo.commit('head');
    // The working tree moves on; the sources read commits.
    repo.write('data/incident-repo/incidents/2025/uncommitted.yaml', 'x\n');
  });
  afterAll(() => repo.cleanup());

  it('lists files under folders and files, relative to a subfolder incident repo, sorted', async () => {
    const source = await GitTreeSource.open(root(), 'HEAD');
    expect(await source.list(['incidents', 'sitrep.config.yaml'])).toEqual([
      'incidents/2024/INC-2024-0001.yaml',
      'incidents/2025/INC-2025-0001.yaml',
      'incidents/2025/INC-2025-0002 (copy).yaml',
      'sitrep.config.yaml',
    ]);
    expect(await source.list(['./ownership/'])).toEqual(['ownership/teams.yaml']);
    expect(await source.list(['nope'])).toEqual([]);
    expect(await source.list([])).toEqual([]);
    await source.close();
  });

  it('lists the whole incident repo for "." and nothing outside it', async () => {
    const source = await GitTreeSource.open(root(), 'HEAD');
    const all = await source.list(['.']);
    expect(all).toContain('incidentsx/not-in-incidents.yaml');
    expect(all.some((p) => p.includes('elsewhere') || p.includes('top.yaml'))).toBe(false);
    await source.close();
  });

  it('reads files of its commit, and undefined for missing files and folders', async () => {
    const older = await GitTreeSource.open(root(), base);
    const newer = await GitTreeSource.open(root(), 'main');
    expect((await older.read('incidents/2025/INC-2025-0001.yaml'))?.toString()).toBe('id: INC-2025-0001\n');
    expect((await newer.read('incidents/2025/INC-2025-0001.yaml'))?.toString()).toBe('id: INC-2025-0001\nstatus: closed\n');
    expect(await older.read('incidents/2025/INC-2025-0002 (copy).yaml')).toBeUndefined();
    expect(await newer.read('incidents/2025/uncommitted.yaml')).toBeUndefined();
    expect(await newer.read('incidents')).toBeUndefined();
    // A path outside the incident repo is not reachable by climbing.
    expect(await newer.read('../incidents/elsewhere.yaml')).toBeUndefined();
    await Promise.all([older.close(), newer.close()]);
  });

  it('labels the source with the ref and a short sha', async () => {
    const source = await GitTreeSource.open(root(), 'main');
    expect(source.label).toBe(`main (${head.slice(0, 7)})`);
    expect(source.commit).toBe(head);
    expect((await GitTreeSource.open(root(), base)).label).toBe(base.slice(0, 7));
    await expect(GitTreeSource.open(root(), 'origin/main')).rejects.toThrow('"origin/main" is not a commit');
  });

  it('uses one ls-tree per list and one cat-file process for both commits, whatever the number of files', async () => {
    const batch = new CatFileBatch(root());
    const [older, newer] = await Promise.all([GitTreeSource.open(root(), base, { batch }), GitTreeSource.open(root(), head, { batch })]);
    const before = gitProcessesStarted();
    const paths = [...(await older.list(['incidents'])), ...(await newer.list(['incidents', 'ownership']))];
    const contents = await Promise.all([...paths.map((p) => older.read(p)), ...paths.map((p) => newer.read(p))]);
    expect(contents.filter(Boolean).length).toBeGreaterThan(6);
    expect(gitProcessesStarted() - before).toBe(3);
    // The shared batch belongs to the caller: closing a source leaves it open.
    await older.close();
    expect((await newer.read('ownership/teams.yaml'))?.toString()).toBe('teams: []\n');
    await batch.close();
  });
});
