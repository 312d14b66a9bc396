/**
 * Whatever the bytes, validate answers with user diagnostics only: no exception,
 * no INTERNAL diagnostic, and through the CLI never exit 2.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readdirSync, readFileSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { validateRepo } from '../../src/core/validate.js';
import { OverlaySource } from '../../src/core/overlay-source.js';
import { FsSource } from '../../src/io/fs-source.js';
import { REPO_ROOT } from '../support/paths.js';
import { copySample } from '../support/sample-repo.js';
import { runCli } from '../support/run-cli.js';

const sample = new FsSource(REPO_ROOT);
const incidentFiles = readdirSync(join(REPO_ROOT, 'incidents')).flatMap((y) =>
  readdirSync(join(REPO_ROOT, 'incidents', y)).map((f) => `incidents/${y}/${f}`));
const texts = incidentFiles.map((p) => readFileSync(join(REPO_ROOT, p), 'utf8'));

async function diagnosticsFor(path: string, content: Buffer | string) {
  const r = await validateRepo(new OverlaySource(sample, new Map([[path, content]])));
  return r.diagnostics;
}

/** Sets a random path of a parsed document to a random value. */
function mutate(doc: unknown, steps: number[], value: unknown): unknown {
  if (!steps.length || doc === null || typeof doc !== 'object') return value;
  const keys = Object.keys(doc as object);
  if (!keys.length) return value;
  const k = keys[steps[0] % keys.length];
  const copy: Record<string, unknown> | unknown[] = Array.isArray(doc) ? [...doc] : { ...(doc as object) };
  (copy as Record<string, unknown>)[k] = mutate((doc as Record<string, unknown>)[k], steps.slice(1), value);
  return copy;
}

const anyValue = fc.oneof(
  fc.string({ maxLength: 12 }), fc.integer(), fc.boolean(), fc.constant(null), fc.double(),
  fc.constantFrom('2025-08-03T06:12:00Z', '2099-01-01T00:00:00Z', 'SEV1', 'closed', 'declined', 'orders.fct_orders', 'alice', 'exec:vp-data', 'PT5M', ''),
  fc.array(fc.string({ maxLength: 6 }), { maxLength: 3 }),
  fc.dictionary(fc.constantFrom('at', 'by', 'kind', 'text', 'id', 'team', 'passed'), fc.string({ maxLength: 6 }), { maxKeys: 3 }),
);

describe('validate never crashes', { timeout: 180_000 }, () => {
  it('on random bytes', async () => {
    await fc.assert(fc.asyncProperty(fc.uint8Array({ maxLength: 300 }), async (bytes) => {
      const ds = await diagnosticsFor('incidents/2026/INC-2026-0999.yaml', Buffer.from(bytes));
      expect(ds.filter((d) => d.code === 'INTERNAL')).toEqual([]);
    }), { numRuns: 80 });
  });

  it('on sample files with random bytes spliced in', async () => {
    await fc.assert(fc.asyncProperty(fc.nat(texts.length - 1), fc.nat(), fc.string({ maxLength: 8 }), async (i, pos, junk) => {
      const t = texts[i];
      const at = pos % (t.length + 1);
      const ds = await diagnosticsFor(incidentFiles[i], t.slice(0, at) + junk + t.slice(at));
      expect(ds.filter((d) => d.code === 'INTERNAL')).toEqual([]);
    }), { numRuns: 80 });
  });

  it('on sample files with values replaced anywhere in the tree', async () => {
    await fc.assert(fc.asyncProperty(fc.nat(texts.length - 1), fc.array(fc.nat(), { minLength: 1, maxLength: 4 }), anyValue, async (i, steps, value) => {
      const mutated = stringify(mutate(parse(texts[i]), steps, value));
      const ds = await diagnosticsFor(incidentFiles[i], mutated);
      expect(ds.filter((d) => d.code === 'INTERNAL')).toEqual([]);
      for (const d of ds) expect(d.line).toBeGreaterThanOrEqual(1);
    }), { numRuns: 120 });
  });

  it('on mutated ownership files', async () => {
    const paths = ['ownership/teams.yaml', 'ownership/escalation.yaml', 'sitrep.config.yaml'];
    await fc.assert(fc.asyncProperty(fc.nat(paths.length - 1), fc.array(fc.nat(), { minLength: 1, maxLength: 5 }), anyValue, async (i, steps, value) => {
      const text = readFileSync(join(REPO_ROOT, paths[i]), 'utf8');
      const ds = await diagnosticsFor(paths[i], stringify(mutate(parse(text), steps, value)));
      expect(ds.filter((d) => d.code === 'INTERNAL')).toEqual([]);
    }), { numRuns: 80 });
  });

  it('through the CLI: exit 0 or 1, never 2', () => {
    const repo = copySample();
    try {
      fc.assert(fc.property(fc.nat(texts.length - 1), fc.array(fc.nat(), { minLength: 1, maxLength: 3 }), anyValue, (i, steps, value) => {
        mkdirSync(join(repo.dir, 'incidents', '2026'), { recursive: true });
        writeFileSync(join(repo.dir, incidentFiles[i]), stringify(mutate(parse(texts[i]), steps, value)));
        const run = runCli(['validate', '--format', 'json'], { cwd: repo.dir });
        writeFileSync(join(repo.dir, incidentFiles[i]), texts[i]);
        expect([0, 1]).toContain(run.code);
        expect(() => JSON.parse(run.stdout)).not.toThrow();
      }), { numRuns: 12 });
    } finally {
      repo.cleanup();
      rmSync(join(repo.dir), { recursive: true, force: true });
    }
  });
});
