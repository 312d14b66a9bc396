import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CatFileBatch } from '../../src/git/cat-file-batch.js';
import { GitError, gitProcessesStarted } from '../../src/git/run-git.js';
import { createFixtureRepo, type FixtureRepo } from '../support/git-fixture.js';

// Every byte value, with git's own delimiters (newline, space, NUL) in awkward places.
const BINARY = Buffer.concat([Buffer.from('\n0 blob 12\n\0missing\n'), Buffer.from(Array.from({ length: 256 }, (_, i) => i)), Buffer.from('\n\n')]);
const LARGE = Buffer.alloc(3 * 1024 * 1024 + 17, 'incident\n\0');

describe('CatFileBatch', () => {
  let repo: FixtureRepo;
  beforeAll(() => {
    repo = createFixtureRepo();
    repo.write('bin/all-bytes.dat', BINARY);
    repo.write('bin/large.dat', LARGE);
    repo.write('bin/empty.dat', '');
    repo.write('name with spaces.yaml', 'spaces: true\n');
    for (let i = 0; i < 200; i++) repo.write(`incidents/2025/INC-2025-${String(i).padStart(4, '0')}.yaml`, `id: INC-2025-${String(i).padStart(4, '0')}\nn: ${i}\n`);
    repo.commit('fixtures');
  });
  afterAll(() => repo.cleanup());

  it('reads binary content byte for byte, including NUL and newlines, and empty files', async () => {
    const batch = new CatFileBatch(repo.dir);
    const object = await batch.read('HEAD:bin/all-bytes.dat');
    expect(object?.type).toBe('blob');
    expect(object?.sha).toMatch(/^[0-9a-f]{40}$/);
    expect(object?.content.equals(BINARY)).toBe(true);
    expect((await batch.read('HEAD:bin/empty.dat'))?.content.length).toBe(0);
    expect((await batch.read('HEAD:name with spaces.yaml'))?.content.toString()).toBe('spaces: true\n');
    await batch.close();
  });

  it('reads a blob larger than one pipe chunk, and by sha', async () => {
    const batch = new CatFileBatch(repo.dir);
    const object = await batch.read('HEAD:bin/large.dat');
    expect(object?.content.equals(LARGE)).toBe(true);
    const bySha = await batch.read(object!.sha);
    expect(bySha?.content.equals(LARGE)).toBe(true);
    await batch.close();
  });

  it('answers many pipelined requests in order, from one process, with missing ones as undefined', async () => {
    const before = gitProcessesStarted();
    const batch = new CatFileBatch(repo.dir);
    const specs = Array.from({ length: 200 }, (_, i) => `HEAD:incidents/2025/INC-2025-${String(i).padStart(4, '0')}.yaml`);
    const mixed = specs.flatMap((spec, i) => [spec, i % 10 === 0 ? `HEAD:incidents/nope-${i}.yaml` : 'HEAD:bin/all-bytes.dat']);
    const answers = await Promise.all(mixed.map((spec) => batch.read(spec)));
    answers.forEach((answer, i) => {
      const n = i / 2;
      if (i % 2 === 0) expect(answer?.content.toString()).toBe(`id: INC-2025-${String(n).padStart(4, '0')}\nn: ${n}\n`);
      else if ((i - 1) / 2 % 10 === 0) expect(answer).toBeUndefined();
      else expect(answer?.content.equals(BINARY)).toBe(true);
    });
    expect(gitProcessesStarted() - before).toBe(1);
    await batch.close();
  });

  it('returns trees and commits with their type, and undefined for an unknown sha', async () => {
    const batch = new CatFileBatch(repo.dir);
    expect((await batch.read('HEAD:incidents'))?.type).toBe('tree');
    expect((await batch.read('HEAD'))?.type).toBe('commit');
    expect(await batch.read('0123456789012345678901234567890123456789')).toBeUndefined();
    await batch.close();
  });

  it('refuses a name with a line break instead of shifting every later answer', async () => {
    const batch = new CatFileBatch(repo.dir);
    await expect(batch.read('HEAD:a\nHEAD:b')).rejects.toThrow(/line break/);
    expect((await batch.read('HEAD:name with spaces.yaml'))?.content.toString()).toBe('spaces: true\n');
    await batch.close();
  });

  it('rejects reads after close, and close without any read starts no process', async () => {
    const before = gitProcessesStarted();
    const idle = new CatFileBatch(repo.dir);
    await idle.close();
    expect(gitProcessesStarted()).toBe(before);
    await expect(idle.read('HEAD')).rejects.toThrow(/after close/);
  });

  it('reports a git process that dies with a clear GitError for every pending read', async () => {
    const notARepo = mkdtempSync(join(tmpdir(), 'sitrep-not-a-repo-'));
    try {
      const batch = new CatFileBatch(notARepo);
      const reads = [batch.read('HEAD:a'), batch.read('HEAD:b')];
      for (const read of reads) {
        const err = await read.catch((e: unknown) => e);
        expect(err).toBeInstanceOf(GitError);
        expect((err as GitError).message).toMatch(/^git cat-file --batch failed \(exit 128\): fatal: not a git repository/);
      }
      await expect(batch.read('HEAD:c')).rejects.toBeInstanceOf(GitError);
      await batch.close();
    } finally {
      rmSync(notARepo, { recursive: true, force: true });
    }
  });
});
