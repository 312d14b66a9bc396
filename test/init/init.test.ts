/**
 * `sitrep init` in an empty folder: a repo that validates clean at once, with schemas that the
 * modelines resolve offline, workflows that parse and use the Actions at --actions-ref, a fresh
 * CODEOWNERS; it refuses to overwrite without --force. Workflows are parsed, not run: they have
 * not been run on GitHub from this machine.
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { publishedSchemas, schemaFileName } from '../../src/core/schema/json-schemas.js';
import { defaultActionsRef, parseActionsRef } from '../../src/core/init/scaffold.js';
import { PROJECT_WORKFLOWS } from '../../src/core/init/workflows.js';
import { adoptWorkflow } from '../../src/core/init/templates.js';
import { REPO_ROOT } from '../support/paths.js';
import { hasStackTrace, runCli } from '../support/run-cli.js';
import { createFixtureRepo } from '../support/git-fixture.js';
import { loadWorkflowParser } from '../support/workflow-parser.js';

const dirs: string[] = [];
afterEach(() => { for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true }); });
const emptyDir = () => { const d = mkdtempSync(join(tmpdir(), 'sitrep-init-')); dirs.push(d); return d; };
const run = (args: string[], cwd: string, env?: Record<string, string>) => {
  const r = runCli(args, { cwd, env });
  expect(hasStackTrace(r.stdout + r.stderr)).toBe(false);
  return r;
};
const walk = (dir: string, base = dir): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
  e.isDirectory() ? walk(join(dir, e.name), base) : [join(dir, e.name).slice(base.length + 1)]);

describe('sitrep init', () => {
  it('gives a repo that validates clean, in the current folder', () => {
    const dir = emptyDir();
    const r = run(['init', '--actions-ref', 'acme/sitrep@v2'], dir);
    expect(r.code, r.stderr).toBe(0);
    const files = walk(dir).sort();
    expect(files).toEqual(expect.arrayContaining([
      'sitrep.config.yaml', 'ownership/teams.yaml', 'ownership/escalation.yaml', 'ownership/domains/example.yaml',
      'runbooks/freshness-late-partition.yaml', 'README.md', '.github/CODEOWNERS',
      '.github/workflows/sitrep-pr.yml', '.github/workflows/sitrep-pr-write.yml', '.github/workflows/sitrep-watch.yml', '.github/workflows/sitrep-publish.yml',
    ]));
    const v = run(['validate', '--format', 'json'], dir);
    expect(v.code).toBe(0);
    expect(JSON.parse(v.stdout).diagnostics).toEqual([]);
    expect(run(['codeowners', '--check'], dir).code).toBe(0);
  });

  it('copies every published schema, so each editor modeline resolves offline', () => {
    const dir = emptyDir();
    expect(run(['init', 'repo'], dir).code).toBe(0);
    const root = join(dir, 'repo');
    for (const [name, schema] of Object.entries(publishedSchemas())) {
      expect(JSON.parse(readFileSync(join(root, 'schemas', schemaFileName(name)), 'utf8'))).toEqual(schema);
    }
    const yamls = walk(root).filter((p) => p.endsWith('.yaml'));
    expect(yamls.length).toBeGreaterThanOrEqual(5);
    for (const p of yamls) {
      const m = /# yaml-language-server: \$schema=(\S+)/.exec(readFileSync(join(root, p), 'utf8'));
      expect(m, `${p} has a modeline`).not.toBeNull();
      expect(existsSync(resolve(dirname(join(root, p)), m![1])), `${p} → ${m![1]}`).toBe(true);
    }
  });

  it('writes workflows that parse and use the Actions at --actions-ref', async () => {
    const dir = emptyDir();
    expect(run(['init', '--actions-ref', 'acme/sitrep@v2.1.0'], dir).code).toBe(0);
    const { convertWorkflowTemplate, NoOperationTraceWriter, parseWorkflow } = await loadWorkflowParser();
    const used = new Set<string>();
    const wf = (name: string) => readFileSync(join(dir, '.github/workflows', name), 'utf8');
    for (const name of readdirSync(join(dir, '.github/workflows'))) {
      const parsed = parseWorkflow({ name, content: wf(name) }, new NoOperationTraceWriter());
      expect(parsed.context.errors.getErrors(), name).toEqual([]);
      const t = await convertWorkflowTemplate(parsed.context, parsed.value!);
      expect(t.errors ?? [], name).toEqual([]);
      for (const job of t.jobs) {
        for (const step of (job as { steps?: { uses?: unknown }[] }).steps ?? []) {
          const u = step.uses as { value?: string } | string | undefined;
          const uses = typeof u === 'string' ? u : u?.value;
          if (uses?.startsWith('acme/')) used.add(uses);
        }
      }
    }
    expect([...used].sort()).toEqual(['comment', 'gate', 'publish', 'route', 'validate', 'watch'].map((a) => `acme/sitrep/.github/actions/${a}@v2.1.0`));

    const watch = parse(wf('sitrep-watch.yml'));
    expect(watch.on.schedule[0].cron).toBe('*/15 * * * *');
    expect(watch.permissions).toEqual({});
    expect(watch.jobs.watch.permissions).toEqual({ contents: 'read', issues: 'write' });
    const pr = parse(wf('sitrep-pr.yml'));
    expect(Object.keys(pr.on)).toEqual(['pull_request', 'pull_request_review']);
    expect(pr.permissions).toEqual({});
    expect(pr.jobs.validate.permissions).toEqual({ contents: 'read' });
    expect(pr.jobs.gate.permissions).toEqual({ contents: 'read', 'pull-requests': 'read' });
    const write = parse(wf('sitrep-pr-write.yml'));
    expect(write.on.workflow_run.workflows).toEqual([pr.name]);
    expect(wf('sitrep-pr-write.yml')).toContain('https://github.com/acme/sitrep/blob/v2.1.0/docs/actions.md');
    expect(wf('sitrep-pr.yml')).not.toMatch(/uses: \.\//);
  });

  it("writes the project's own workflows, with remote Actions (they must not drift)", () => {
    const own = readdirSync(join(REPO_ROOT, '.github/workflows')).sort();
    expect(Object.keys(PROJECT_WORKFLOWS).sort()).toEqual(own);
    for (const name of own) {
      expect(PROJECT_WORKFLOWS[name], `src/core/init/workflows.ts is stale for ${name}: copy .github/workflows/${name} into it`)
        .toBe(readFileSync(join(REPO_ROOT, '.github/workflows', name), 'utf8'));
    }
    const adopted = adoptWorkflow(PROJECT_WORKFLOWS['sitrep-watch.yml'], { repo: 'acme/sitrep', ref: 'v3' });
    expect(adopted).toContain('uses: acme/sitrep/.github/actions/watch@v3');
    expect(adopted.split('\n').slice(1).join('\n').replace('uses: acme/sitrep/.github/actions/watch@v3', 'uses: ./.github/actions/watch'))
      .toBe(PROJECT_WORKFLOWS['sitrep-watch.yml']);
  });

  it("takes the Actions from package.json's repository by default", () => {
    const dir = emptyDir();
    expect(run(['init'], dir).code).toBe(0);
    const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8'));
    const ref = defaultActionsRef(pkg)!;
    expect(readFileSync(join(dir, '.github/workflows/sitrep-watch.yml'), 'utf8')).toContain(`uses: ${ref.repo}/.github/actions/watch@${ref.ref}`);
  });

  it('refuses to overwrite existing files unless given --force', () => {
    const dir = emptyDir();
    writeFileSync(join(dir, 'README.md'), 'ours\n');
    const r = run(['init'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('already exist');
    expect(r.stderr).toContain('  - README.md');
    expect(readFileSync(join(dir, 'README.md'), 'utf8')).toBe('ours\n');
    expect(existsSync(join(dir, 'sitrep.config.yaml'))).toBe(false);
    const f = run(['init', '--force'], dir);
    expect(f.code).toBe(0);
    expect(readFileSync(join(dir, 'README.md'), 'utf8')).toContain('# Data incidents');
  });

  it('rejects a malformed --actions-ref as a usage error', () => {
    const r = run(['init', '--actions-ref', 'not a ref'], emptyDir());
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('OWNER/REPO@REF');
  });

  it('gives a repo where the first incident passes validate and check', () => {
    const repo = createFixtureRepo({ startDate: '2025-08-03T00:00:00Z' });
    dirs.push(repo.dir);
    expect(run(['init'], repo.dir).code).toBe(0);
    repo.commit('sitrep init', { date: '2025-08-03T05:00:00Z' });
    const n = run(['new', '--domain', 'example', '--dataset', 'example.daily_summary', '--symptom', 'freshness', '--severity', 'SEV2',
      '--at', '2025-08-03T06:00:00Z', 'example.daily_summary: partition missing'], repo.dir, { SITREP_USER: 'data-engineer-1' });
    expect(n.code, n.stderr).toBe(0);
    expect(n.stdout).toContain('owner:   data-engineer-1 (on call for example-data)');
    repo.commit('declare', { date: '2025-08-03T06:01:00Z' });
    expect(run(['validate'], repo.dir).code).toBe(0);
    const c = run(['check', '--base', 'HEAD~1'], repo.dir);
    expect(c.code, c.stdout + c.stderr).toBe(0);
    expect(run(['codeowners', '--check'], repo.dir).code).toBe(0);
  });
});

describe('actions refs', () => {
  it('parses OWNER/REPO@REF', () => {
    expect(parseActionsRef('acme/sitrep@v1')).toEqual({ repo: 'acme/sitrep', ref: 'v1' });
    expect(parseActionsRef('acme/sitrep@release/2025')).toEqual({ repo: 'acme/sitrep', ref: 'release/2025' });
    expect(parseActionsRef('acme/sitrep')).toBeUndefined();
    expect(parseActionsRef('acme@v1')).toBeUndefined();
  });
  it('reads package.json repository in its usual forms', () => {
    expect(defaultActionsRef({ repository: { url: 'https://github.com/sitrep-dev/sitrep.git' }, version: '0.1.0' })).toEqual({ repo: 'sitrep-dev/sitrep', ref: 'v0.1.0' });
    expect(defaultActionsRef({ repository: 'git+https://github.com/a/b.git', version: '2.0.0' })).toEqual({ repo: 'a/b', ref: 'v2.0.0' });
    expect(defaultActionsRef({ repository: 'github:a/b' })).toEqual({ repo: 'a/b', ref: 'main' });
    expect(defaultActionsRef({ repository: 'a/b', version: '1.0.0' })).toEqual({ repo: 'a/b', ref: 'v1.0.0' });
    expect(defaultActionsRef({})).toBeUndefined();
  });
});
