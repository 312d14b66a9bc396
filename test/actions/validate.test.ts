// The bundled validate Action on real git checkouts of the sample: the check against the PR's
// base, annotations at file, line and column capped at GitHub's 10 per kind, the full list
// HTML-escaped in the job summary, and a failure on errors.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { GitHubServer } from '../harness/github-server.js';
import { pullRequestPayload, pushPayload } from '../harness/webhook-payloads.js';
import { runAction } from './support/run-action.js';
import { OWNER, REPO, openPullRequest, sampleRepo, type SampleRepo } from './support/sample-pr.js';
import { INC_0002, closeRefunds } from './support/scenarios.js';

let github: GitHubServer;
let sample: SampleRepo;

beforeEach(async () => {
  // validate makes no API call; the harness only shapes the event payloads.
  github = await GitHubServer.start({ owner: OWNER, repo: REPO });
  sample = sampleRepo();
});

afterEach(async () => {
  expect(github.calls).toEqual([]);
  await github.close();
  sample.cleanup();
});

function validate(event: unknown, eventName = 'pull_request', inputs: Record<string, string> = {}) {
  return runAction('validate', { workspace: sample.repo.dir, event, eventName, inputs });
}

/** Every incident file of the sample. */
function incidentFiles(): string[] {
  return ['2024', '2025', '2026'].flatMap((y) => readdirSync(join(sample.repo.dir, 'incidents', y)).map((f) => `incidents/${y}/${f}`));
}

describe('validate', { timeout: 180_000 }, () => {
  it('passes a clean closing PR and lists the sign-off the gate will verify', async () => {
    const head = sample.branch('close', 'hana-sato', '2026-11-25T10:05:00Z', () => closeRefunds(sample));
    const pr = openPullRequest(github, sample, { author: 'hana-sato', head, headRef: 'close' });

    const run = await validate(pullRequestPayload(github, pr));
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.outputs).toMatchObject({ errors: '0', warnings: '0', 'signoff-required': '1', 'waivers-required': '0' });
    expect(run.annotations).toEqual([]);
    expect(run.summary).toContain('<h3>Sign-offs the gate will verify</h3>');
    expect(run.summary).toContain('<td>INC-2026-0002</td><td>payments-data</td><td>producer</td><td>farah-haddad</td>');
  });

  it('fails on errors: at most 10 annotations per kind at file, line and column, every diagnostic in the summary', async () => {
    const files = incidentFiles();
    const head = sample.branch('bad', 'hana-sato', '2026-11-25T10:05:00Z', () => {
      for (const f of files) sample.edit(f, /^symptom: .*$/m, 'symptom: <b>not-a-symptom</b>');
    });
    const pr = openPullRequest(github, sample, { author: 'hana-sato', head, headRef: 'bad' });

    const run = await validate(pullRequestPayload(github, pr));
    expect(run.code).toBe(1);
    const errors = Number(run.outputs.errors);
    expect(errors).toBeGreaterThan(10);
    const annotated = run.annotations.filter((a) => a.kind === 'error');
    // Nine diagnostics and the failure message: the 10 GitHub shows.
    expect(annotated).toHaveLength(10);
    expect(annotated.filter((a) => a.file)).toHaveLength(9);
    for (const a of annotated.filter((x) => x.file)) {
      expect(a.file).toMatch(/^incidents\/\d{4}\/INC-\d{4}-\d{4}\.yaml$/);
      expect(a.line).toBeGreaterThan(0);
      expect(a.col).toBeGreaterThan(0);
      expect(a.title).toMatch(/^[A-Z_]+$/);
    }
    // The symptom line of the first annotated file is where the annotation points.
    const first = annotated.find((a) => /symptom/.test(a.message))!;
    const lines = sample.repo.git(['show', `${head}:${first.file}`]).split('\n');
    expect(lines[first.line! - 1]).toMatch(/^symptom:/);
    // All of them are in the summary, HTML-escaped.
    expect((run.summary.match(/<tr><td>error<\/td>/g) ?? []).length).toBe(errors);
    expect(run.summary).toContain(`all ${errors + Number(run.outputs.warnings)} are listed here`);
    expect(run.summary).not.toContain('<b>');
    expect(run.summary).toContain('&lt;b&gt;not-a-symptom&lt;/b&gt;');
    expect(run.log.commands.filter((c) => c.name === 'error').at(-1)!.message).toMatch(/^validate: \d+ error\(s\)/);
  });

  it('on a push, compares with `before`; without one, validates every file at the head', async () => {
    const head = sample.branch('close', 'hana-sato', '2026-11-25T10:05:00Z', () => closeRefunds(sample));
    const push = await validate(pushPayload(github, { after: head, before: sample.base }), 'push');
    expect(push.code).toBe(0);
    expect(push.outputs['signoff-required']).toBe('1');

    const created = await validate(pushPayload(github, { after: head, before: '0'.repeat(40) }), 'push');
    expect(created.code).toBe(0);
    expect(created.summary).toContain('No base to compare with: validated every file at');
    expect(created.outputs['signoff-required']).toBe('0');
  });

  it('annotates paths from the repository top when the incident repo is a subfolder', async () => {
    const nested = sampleRepo({ under: 'data/incidents-repo' });
    try {
      const head = nested.branch('bad', 'hana-sato', '2026-11-25T10:05:00Z', () => nested.edit('incidents/2026/INC-2026-0004.yaml', /^symptom: .*$/m, 'symptom: nonsense'));
      const run = await runAction('validate', { workspace: nested.repo.dir, eventName: 'workflow_dispatch', inputs: { root: 'data/incidents-repo', base: nested.base, head } });
      expect(run.code).toBe(1);
      expect(run.annotations.filter((a) => a.file).map((a) => a.file)).toEqual(['data/incidents-repo/incidents/2026/INC-2026-0004.yaml']);
      const outside = await runAction('validate', { workspace: nested.repo.dir, eventName: 'workflow_dispatch', inputs: { root: '../..', base: nested.base, head } });
      expect(outside.code).toBe(1);
      expect(outside.stdout).toContain('is outside the workspace');
    } finally {
      nested.cleanup();
    }
  });

  it('says how to fix a checkout that lacks the base commit', async () => {
    const head = sample.branch('close', 'hana-sato', '2026-11-25T10:05:00Z', () => closeRefunds(sample));
    const run = await validate({}, 'workflow_dispatch', { base: 'f'.repeat(40), head });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('fetch-depth: 0');
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(sample.read(INC_0002)).not.toContain('closed_at');
  });
});
