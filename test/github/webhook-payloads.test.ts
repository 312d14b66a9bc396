// Event payloads for Action tests: GitHub's real examples, moved onto the harness repository
// and pull request.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { GitHubServer } from '../harness/github-server.js';
import { pullRequestPayload, pullRequestReviewPayload, pushPayload, workflowRunPayload, writeEventPayload } from '../harness/webhook-payloads.js';

let github: GitHubServer;
let pr: number;

const HEAD = 'c0ffee'.padEnd(40, '1');
const BASE = 'ba5e'.padEnd(40, '2');

beforeEach(async () => {
  github = await GitHubServer.start({ owner: 'acme-data', repo: 'incidents' });
  github.state.addPullRequest({ author: 'someone', number: 1 });
  pr = github.state.addPullRequest({ number: 42, author: 'alice', headSha: HEAD, baseSha: BASE, headRef: 'inc-2025-0042', baseRef: 'main' });
});

afterEach(async () => {
  await github.close();
});

/** Every string in the payload, to prove the example's repository is gone. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap(strings);
  return [];
}

it('pull_request opened names the harness repository, number, author, refs and shas', () => {
  const payload = pullRequestPayload(github, pr, 'opened');

  expect(payload.action).toBe('opened');
  expect(payload.number).toBe(42);
  expect(payload.repository).toMatchObject({ full_name: 'acme-data/incidents', name: 'incidents', owner: { login: 'acme-data' } });
  expect(payload.pull_request).toMatchObject({
    number: 42,
    user: { login: 'alice' },
    head: { sha: HEAD, ref: 'inc-2025-0042' },
    base: { sha: BASE, ref: 'main' },
    url: `${github.url}/repos/acme-data/incidents/pulls/42`,
  });
  expect(payload.sender.login).toBe('alice');
  expect(strings(payload).filter((s) => /Codertocat\/Hello-World|octo-org\/octo-repo/.test(s))).toEqual([]);
});

it('pull_request synchronize carries the new head as `after`', () => {
  github.state.setHead(pr, 'f'.repeat(40));
  const payload = pullRequestPayload(github, pr, 'synchronize', { before: HEAD });

  expect(payload).toMatchObject({ action: 'synchronize', before: HEAD, after: 'f'.repeat(40), pull_request: { head: { sha: 'f'.repeat(40) } } });
});

it('pull_request_review submitted describes the seeded review', () => {
  github.state.addCollaborators('bob');
  const review = github.state.addReview(pr, { user: 'bob', state: 'APPROVED' });
  const payload = pullRequestReviewPayload(github, pr, review);

  expect(payload.action).toBe('submitted');
  expect(payload.review).toMatchObject({ id: review, state: 'approved', commit_id: HEAD, user: { login: 'bob' } });
  expect(payload.review.html_url).toBe(`https://github.com/acme-data/incidents/pull/42#pullrequestreview-${review}`);
  expect(payload.pull_request.number).toBe(42);
  expect(payload.sender.login).toBe('bob');
});

it('push and workflow_run completed point at the given commits', () => {
  const push = pushPayload(github, { after: HEAD, before: BASE });
  expect(push).toMatchObject({ ref: 'refs/heads/main', after: HEAD, before: BASE, head_commit: { id: HEAD }, repository: { full_name: 'acme-data/incidents' } });

  const run = workflowRunPayload(github, { headSha: HEAD, headBranch: 'inc-2025-0042', conclusion: 'failure', name: 'sitrep check', pullNumber: pr });
  expect(run.action).toBe('completed');
  expect(run.workflow_run).toMatchObject({ head_sha: HEAD, head_branch: 'inc-2025-0042', status: 'completed', conclusion: 'failure', name: 'sitrep check' });
  expect(run.workflow_run.pull_requests).toEqual([expect.objectContaining({ number: 42, head: expect.objectContaining({ sha: HEAD }) })]);
  expect(run.repository.full_name).toBe('acme-data/incidents');
  expect(strings(run).filter((s) => /octo-org\/octo-repo|Codertocat\/Hello-World/.test(s))).toEqual([]);
});

it('writeEventPayload writes the file GITHUB_EVENT_PATH points at', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'sitrep-event-'));
  try {
    const path = await writeEventPayload(dir, pullRequestPayload(github, pr));
    expect(JSON.parse(await readFile(path, 'utf8')).pull_request.number).toBe(42);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
