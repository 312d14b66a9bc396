// GitHub's refusals and failures, as the port's callers see them: typed errors for what the
// caller must report, retries for what time fixes (5xx, rate limits), within named limits.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GitHubApiError, ReviewRequestRejectedError } from '../../src/github/errors.js';
import { MAX_RATE_LIMIT_RETRIES, MAX_SECONDARY_RATE_LIMIT_RETRIES, MAX_SERVER_ERROR_RETRIES } from '../../src/github/limits.js';
import { createTestClient, type TestClient } from '../harness/github-client.js';
import { GitHubServer } from '../harness/github-server.js';
import { REVIEW_FROM_AUTHOR_MESSAGE } from '../harness/github-operations.js';

let github: GitHubServer;
let test: TestClient;
let pr: number;

beforeEach(async () => {
  github = await GitHubServer.start({ owner: 'acme-data', repo: 'incidents' });
  test = createTestClient(github);
  github.state.addCollaborators('alice', 'bob');
  pr = github.state.addPullRequest({ author: 'alice' });
});

afterEach(async () => {
  github.assertNoViolations();
  await github.close();
});

describe('review requests GitHub refuses', () => {
  it('requesting the author surfaces ReviewRequestRejectedError with GitHub\'s message', async () => {
    const error = await test.port.requestReviewers(pr, { users: ['bob', 'alice'], teams: [] }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ReviewRequestRejectedError);
    expect(error).toMatchObject({ reason: 'pull-request-author', status: 422, githubMessage: REVIEW_FROM_AUTHOR_MESSAGE });
    expect(github.state.requestedReviewers(pr)).toEqual({ users: [], teams: [] });
    // A 422 is final: no retry.
    expect(github.callsTo('pulls/request-reviewers')).toHaveLength(1);
  });

  it('requesting a non-collaborator or an unknown team is reason not-collaborator', async () => {
    await expect(test.port.requestReviewers(pr, { users: ['mallory'], teams: [] })).rejects.toMatchObject({ reason: 'not-collaborator' });
    await expect(test.port.requestReviewers(pr, { users: [], teams: ['no-such-team'] })).rejects.toMatchObject({ reason: 'not-collaborator' });
  });
});

describe('server errors', () => {
  it.each([500, 502, 503] as const)('retries after a %i and succeeds', async (status) => {
    github.failNext('pulls/get', { type: 'server-error', status }, 2);

    expect((await test.port.getPullRequest(pr)).author).toBe('alice');
    expect(github.callsTo('pulls/get').map((c) => c.status)).toEqual([status, status, 200]);
  });

  it('gives up after MAX_SERVER_ERROR_RETRIES with a GitHubApiError', async () => {
    github.failNext('issues/create-comment', { type: 'server-error', status: 502 }, MAX_SERVER_ERROR_RETRIES + 1);

    const error = await test.port.createIssueComment(pr, 'hello').catch((e: unknown) => e);

    expect(error).toBeInstanceOf(GitHubApiError);
    expect(error).toMatchObject({ operation: 'issues/create-comment', status: 502 });
    expect(github.callsTo('issues/create-comment')).toHaveLength(MAX_SERVER_ERROR_RETRIES + 1);
    expect(github.state.comments(pr)).toEqual([]);
  });
});

describe('rate limits', () => {
  it('waits out a primary rate limit (403, x-ratelimit-remaining: 0) and retries', async () => {
    github.failNext('pulls/list-files', { type: 'rate-limit', status: 403, resetAfterSeconds: 1 });

    expect(await test.port.listPullRequestFiles(pr)).toEqual([]);
    expect(github.callsTo('pulls/list-files').map((c) => c.status)).toEqual([403, 200]);
    expect(test.logger.lines.filter((l) => l.startsWith('warn:'))).toEqual([
      expect.stringMatching(/^warn: GitHub rate limit on GET \S+\/pulls\/\d+\/files\S*: retry 1\/2 in \d+s$/),
    ]);
  });

  it('waits out a secondary rate limit on 403 and on 429 (retry-after)', async () => {
    github.failNext('issues/add-labels', { type: 'secondary-rate-limit', status: 403, retryAfterSeconds: 1 });
    github.failNext('issues/add-labels', { type: 'secondary-rate-limit', status: 429, retryAfterSeconds: 1 });

    await test.port.addLabels(pr, ['incident']);

    expect(github.callsTo('issues/add-labels').map((c) => c.status)).toEqual([403, 429, 200]);
    expect(github.state.issueLabels(pr)).toEqual(['incident']);
    expect(test.logger.lines.filter((l) => l.includes('secondary rate limit'))).toHaveLength(2);
  });

  it('a primary limit reported with 429 is retried too', async () => {
    github.failNext('pulls/list-reviews', { type: 'rate-limit', status: 429 });

    expect(await test.port.listReviews(pr)).toEqual([]);
    expect(github.callsTo('pulls/list-reviews').map((c) => c.status)).toEqual([429, 200]);
  });

  it('stops after MAX_RATE_LIMIT_RETRIES and reports the 403', async () => {
    github.failNext('issues/list-for-repo', { type: 'rate-limit' }, MAX_RATE_LIMIT_RETRIES + 1);

    await expect(test.port.listIssues()).rejects.toMatchObject({ name: 'GitHubApiError', operation: 'issues/list-for-repo', status: 403 });
    expect(github.callsTo('issues/list-for-repo')).toHaveLength(MAX_RATE_LIMIT_RETRIES + 1);
    expect(test.logger.lines.at(-1)).toMatch(/giving up after 2 retries/);
  });

  it('stops after MAX_SECONDARY_RATE_LIMIT_RETRIES on repeated 429s, without the retry plugin adding more', async () => {
    github.failNext('issues/create', { type: 'secondary-rate-limit', status: 429 }, MAX_SECONDARY_RATE_LIMIT_RETRIES + 5);

    await expect(test.port.createIssue({ title: 't', body: 'b', labels: [] })).rejects.toMatchObject({ status: 429 });
    expect(github.callsTo('issues/create')).toHaveLength(MAX_SECONDARY_RATE_LIMIT_RETRIES + 1);
    expect(github.state.issues()).toHaveLength(1);
  });

  it('does not sleep until a reset far away: fails at once', async () => {
    github.failNext('pulls/get', { type: 'rate-limit', resetAfterSeconds: 3600 });

    await expect(test.port.getPullRequest(pr)).rejects.toMatchObject({ status: 403 });
    expect(github.callsTo('pulls/get')).toHaveLength(1);
  });
});
