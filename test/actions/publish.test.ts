// The bundled publish Action on a real checkout of the sample: the site folder for
// actions/upload-pages-artifact, with no API call and nothing written into the incident repo.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GitHubServer } from '../harness/github-server.js';
import { pushPayload } from '../harness/webhook-payloads.js';
import { runAction } from './support/run-action.js';
import { OWNER, REPO, sampleRepo, type SampleRepo } from './support/sample-pr.js';

let github: GitHubServer;
let sample: SampleRepo;

beforeEach(async () => {
  github = await GitHubServer.start({ owner: OWNER, repo: REPO });
  sample = sampleRepo();
});

afterEach(async () => {
  expect(github.calls).toEqual([]);
  await github.close();
  sample.cleanup();
});

function publish(inputs: Record<string, string> = {}) {
  return runAction('publish', { workspace: sample.repo.dir, event: pushPayload(github, { after: sample.base }), eventName: 'push', sha: sample.base, inputs: { now: '2026-11-25T12:00:00Z', ...inputs } });
}

describe('publish', { timeout: 180_000 }, () => {
  it('builds the site into _site for the Pages artifact, with a page per incident, under the Pages base path', async () => {
    const run = await publish({ 'base-path': '/incidents' });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.outputs.path).toBe('_site');
    expect(run.outputs['base-path']).toBe('/incidents/');
    const site = join(sample.repo.dir, '_site');
    expect(existsSync(join(site, 'index.html'))).toBe(true);
    const pages = readdirSync(join(site, 'incidents')).filter((f) => f.endsWith('.html'));
    expect(pages).toHaveLength(18);
    expect(Number(run.outputs.files)).toBeGreaterThan(40);
    // The hostile incident's page shows its text, inert.
    const hostile = readFileSync(join(site, 'incidents', 'INC-2025-0001.html'), 'utf8');
    expect(hostile).toContain('&lt;script&gt;');
    expect(hostile).not.toContain("<script>alert('xss')</script>");
    expect(run.summary).toContain('served under /incidents/');
    // The checkout is untouched apart from _site.
    expect(sample.repo.git(['status', '--porcelain', '--untracked-files=all']).split('\n').filter(Boolean).every((l) => l.startsWith('?? _site/'))).toBe(true);

    // A second run replaces the site.
    const again = await publish({ 'base-path': '/incidents' });
    expect(again.code).toBe(0);
    expect(again.outputs.files).toBe(run.outputs.files);
  });

  it('refuses an output folder over the incident repo or outside the workspace', async () => {
    const over = await publish({ output: 'incidents' });
    expect(over.code).toBe(1);
    expect(over.stdout).toContain('overlaps the source folder incidents');
    const outside = await publish({ output: '../elsewhere' });
    expect(outside.code).toBe(1);
    expect(outside.stdout).toContain('must be a folder inside the workspace');
  });
});
