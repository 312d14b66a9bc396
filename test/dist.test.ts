/**
 * dist/ is committed (Actions run it as is). A fresh build must equal the COMMITTED blobs,
 * not files that `prepare` may have just rebuilt in the working tree.
 */
import { describe, expect, it } from 'vitest';
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildOptions } from '../scripts/build.mjs';
import { REPO_ROOT } from './support/paths.js';

const git = (...args: string[]) => execFileSync('git', args, { cwd: REPO_ROOT, maxBuffer: 256 * 1024 * 1024 });

describe('committed dist/', () => {
  it('is what a fresh build of the committed sources produces (run `npm run build` and commit dist/)', async () => {
    const out = mkdtempSync(join(tmpdir(), 'sitrep-dist-'));
    try {
      await build({ ...buildOptions(out), absWorkingDir: REPO_ROOT });
      const fresh = readdirSync(out).filter((f) => f.endsWith('.js')).sort();
      const committed = git('ls-tree', '--name-only', 'HEAD', 'dist/').toString().split('\n').filter(Boolean).map((p) => p.slice('dist/'.length)).sort();
      expect(committed).toEqual(fresh);
      for (const f of fresh) {
        const blob = git('show', `HEAD:dist/${f}`);
        expect(blob.equals(readFileSync(join(out, f))), `dist/${f} is stale`).toBe(true);
      }
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
