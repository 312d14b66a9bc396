/**
 * CODEOWNERS generation: who owns what by DOMAIN.md's file-owner table (checked through the
 * matcher, as GitHub would read the file), and `sitrep codeowners [--check]` on real folders,
 * including the project's own sample repo.
 */
import { cpSync, existsSync, mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { OverlaySource } from '../../src/core/overlay-source.js';
import { loadRepo } from '../../src/core/load.js';
import { buildIndex } from '../../src/core/repo-index.js';
import { generateCodeowners, ownersOf, parseCodeowners } from '../../src/core/codeowners.js';
import { miniRepoFiles } from '../support/mini-repo.js';
import { hasStackTrace, runCli } from '../support/run-cli.js';
import { REPO_ROOT } from '../support/paths.js';

async function generate(files: Record<string, string>) {
  const { model } = await loadRepo(new OverlaySource(undefined, new Map(Object.entries(files))));
  return generateCodeowners(buildIndex(model));
}

describe('generateCodeowners', () => {
  it('routes by the file-owner table and the pipeline paths, as GitHub reads the result', async () => {
    const gen = await generate(miniRepoFiles());
    expect(gen.problems).toEqual([]);
    const rules = parseCodeowners(gen.text);
    const owners = (p: string) => ownersOf(rules, p).owners;
    expect(owners('sitrep.config.yaml')).toEqual(['@acme/platform']);
    expect(owners('ownership/teams.yaml')).toEqual(['@acme/platform']);
    expect(owners('ownership/escalation.yaml')).toEqual(['@acme/platform']);
    expect(owners('.github/CODEOWNERS')).toEqual(['@acme/platform']);
    expect(owners('ownership/domains/sales.yaml')).toEqual(['@acme/orders', '@alice']);
    expect(owners('runbooks/late-partition.yaml')).toEqual(['@acme/platform']);
    expect(owners('runbooks/volume-drop.yaml')).toEqual(['@acme/orders']);
    // A file not generated yet falls back to admins.
    expect(owners('runbooks/new-one.yaml')).toEqual(['@acme/platform']);
    expect(owners('ownership/domains/new.yaml')).toEqual(['@acme/platform']);
    // Pipeline paths: the more specific pattern is later, so it wins.
    expect(owners('pipelines/sales/build.py')).toEqual(['@acme/orders']);
    expect(owners('pipelines/sales/ingest/load.py')).toEqual(['@acme/orders']);
    expect(owners('pipelines/sales/revenue/rev.sql')).toEqual(['@acme/finance']);
    expect(owners('dbt/models/sales/fct_orders.sql')).toEqual(['@acme/orders']);
    expect(owners('other/dbt/models/sales/x.sql')).toEqual([]); // a middle slash anchors, even without a leading one
    // Incidents are routed by content, never by path.
    expect(owners('incidents/2025/INC-2025-0001.yaml')).toEqual([]);
    expect(owners('README.md')).toEqual([]);
  });

  it('is deterministic and leaves incidents out (sitrep new never makes it stale)', async () => {
    const a = await generate(miniRepoFiles());
    const b = await generate({ ...miniRepoFiles(), 'incidents/2025/INC-2025-0001.yaml': 'id: INC-2025-0001\n' });
    expect(b.text).toBe(a.text);
  });

  it('merges producers of the same pattern and reports what it leaves out', async () => {
    const files = miniRepoFiles();
    files['ownership/domains/sales.yaml'] = files['ownership/domains/sales.yaml']
      .replace('paths: ["/pipelines/sales/revenue/**"]', 'paths: ["/pipelines/sales/**", "!/pipelines/x/", "/a[bc]/"]');
    const gen = await generate(files);
    expect(gen.text).toMatch(/^\/pipelines\/sales\/\*\*\s+@acme\/orders @acme\/finance$/m);
    expect(gen.problems).toEqual([
      'dataset sales.revenue: path `!/pipelines/x/` left out: negation (`!`) is not supported in CODEOWNERS',
      'dataset sales.revenue: path `/a[bc]/` left out: character ranges (`[ ]`) are not supported in CODEOWNERS',
    ]);
  });
});

describe('sitrep codeowners', () => {
  const dirs: string[] = [];
  afterEach(() => { for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true }); });
  const tempRepo = (files: Record<string, string>) => {
    const dir = mkdtempSync(join(tmpdir(), 'sitrep-codeowners-'));
    dirs.push(dir);
    for (const [p, text] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, p)), { recursive: true });
      writeFileSync(join(dir, p), text);
    }
    return dir;
  };
  const run = (args: string[], cwd: string) => {
    const r = runCli(['codeowners', ...args], { cwd });
    expect(hasStackTrace(r.stdout + r.stderr)).toBe(false);
    return r;
  };

  it('writes the file, then --check passes; an ownership change makes --check fail', () => {
    const dir = tempRepo(miniRepoFiles());
    expect(run(['--check'], dir)).toMatchObject({ code: 1 });
    const w = run([], dir);
    expect(w.code).toBe(0);
    expect(w.stdout).toContain('wrote .github/CODEOWNERS');
    expect(readFileSync(join(dir, '.github/CODEOWNERS'), 'utf8')).toContain('/runbooks/volume-drop.yaml');
    expect(run(['--check'], dir)).toMatchObject({ code: 0 });

    const rb = join(dir, 'runbooks/volume-drop.yaml');
    writeFileSync(rb, readFileSync(rb, 'utf8').replace('owner: orders', 'owner: finance'));
    const stale = run(['--check'], dir);
    expect(stale.code).toBe(1);
    expect(stale.stderr).toContain('.github/CODEOWNERS is stale');
    expect(stale.stderr).toContain('- /runbooks/volume-drop.yaml @acme/orders');
    expect(stale.stderr).toContain('+ /runbooks/volume-drop.yaml @acme/finance');
  });

  it('passes on the project\'s sample repo, and fails after an ownership change there', () => {
    if (!existsSync(join(REPO_ROOT, '.github/CODEOWNERS'))) throw new Error('the sample repo has no committed .github/CODEOWNERS: run `sitrep codeowners` at the repo root');
    const dir = mkdtempSync(join(tmpdir(), 'sitrep-codeowners-sample-'));
    dirs.push(dir);
    for (const p of ['sitrep.config.yaml', 'ownership', 'runbooks', 'incidents', '.github/CODEOWNERS']) {
      cpSync(join(REPO_ROOT, p), join(dir, p), { recursive: true });
    }
    expect(run(['--check'], dir)).toMatchObject({ code: 0 });
    const domain = join(dir, 'ownership/domains/orders.yaml');
    writeFileSync(domain, readFileSync(domain, 'utf8').replace(/steward: [a-z-]+/, 'steward: ben-okafor'));
    const stale = run(['--check'], dir);
    expect(stale.code).toBe(1);
    expect(stale.stderr).toContain('@ben-okafor');
  });
});
