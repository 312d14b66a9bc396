// The harness is only worth something if it fails tests that talk to GitHub wrongly. These
// tests send wrong requests on purpose (through the real Octokit client where it can send
// them) and prove the harness answers as GitHub would and reports a violation.
import { readdirSync, readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestClient, type TestClient } from '../harness/github-client.js';
import { GitHubServer } from '../harness/github-server.js';

const OWNER = 'acme-data';
const REPO = 'incidents';

let github: GitHubServer;
let test: TestClient;
let pr: number;

beforeEach(async () => {
  github = await GitHubServer.start({ owner: OWNER, repo: REPO });
  test = createTestClient(github);
  github.state.addCollaborators('bob');
  pr = github.state.addPullRequest({ author: 'alice' });
});

afterEach(async () => {
  await github.close();
});

/**
 * Sends a request through the real client and returns the status it got. The route is a plain
 * string, so Octokit's types do not refuse the wrong requests below at compile time; code that
 * builds a request at run time, or casts, gets no such help, and the harness is what catches it.
 */
async function send(route: string, params: Record<string, unknown>): Promise<number> {
  return test.client.request(route, { owner: OWNER, repo: REPO, ...params }).then(
    (response) => response.status,
    (error: { status: number }) => error.status,
  );
}

describe('a wrong request is a violation', () => {
  it('a body that breaks the schema: 422, and assertNoViolations throws', async () => {
    const status = await send('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', { issue_number: pr, body: 42 });

    expect(status).toBe(422);
    expect(github.state.comments(pr)).toEqual([]);
    expect(() => github.assertNoViolations()).toThrow(/issues\/create-comment.*request body \/body must be string/);
  });

  it('a missing required body field', async () => {
    await send('POST /repos/{owner}/{repo}/issues', { body: 'no title' });
    expect(() => github.assertNoViolations()).toThrow(/issues\/create.*must have required property 'title'/);
  });

  it('a body that is not JSON: 400 Problems parsing JSON', async () => {
    const response = await fetch(`${github.url}/repos/${OWNER}/${REPO}/issues/${pr}/comments`, {
      method: 'POST',
      headers: { authorization: `token ${github.token}`, 'user-agent': 'sitrep-tests', 'content-type': 'application/json' },
      body: 'body=hello',
    });

    expect(response.status).toBe(400);
    expect(github.calls[0]).toMatchObject({ operationId: 'issues/create-comment', body: 'body=hello', status: 400 });
    expect(() => github.assertNoViolations()).toThrow(/request body is not JSON/);
  });

  it('a misspelt body field, which GitHub would silently ignore', async () => {
    const status = await send('POST /repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers', { pull_number: pr, reviewer: ['bob'] });

    expect(status).toBe(201);
    expect(() => github.assertNoViolations()).toThrow(/body field "reviewer" is not in the spec/);
  });

  it('a query parameter value outside its enum: 422', async () => {
    const status = await send('GET /repos/{owner}/{repo}/issues', { state: 'opened' });

    expect(status).toBe(422);
    expect(() => github.assertNoViolations()).toThrow(/query parameter state="opened".*allowed values/);
  });

  it('an unknown query parameter', async () => {
    await send('GET /repos/{owner}/{repo}/issues/{issue_number}/comments', { issue_number: pr, perpage: 100 });
    expect(() => github.assertNoViolations()).toThrow(/query parameter "perpage" is not in the spec/);
  });

  it('a path parameter of the wrong type: 404', async () => {
    const status = await send('GET /repos/{owner}/{repo}/pulls/{pull_number}', { pull_number: 'latest' });

    expect(status).toBe(404);
    expect(() => github.assertNoViolations()).toThrow(/path parameter pull_number="latest": must be integer/);
  });

  it('an operation outside the spec subset: 404', async () => {
    const status = await send('GET /repos/{owner}/{repo}/commits', {});

    expect(status).toBe(404);
    expect(() => github.assertNoViolations()).toThrow(/GET \/repos\/acme-data\/incidents\/commits: no operation of the spec subset/);
  });

  it('another repository: 404', async () => {
    const status = await send('GET /repos/{owner}/{repo}/pulls/{pull_number}', { repo: 'other', pull_number: pr });

    expect(status).toBe(404);
    expect(() => github.assertNoViolations()).toThrow(/acme-data\/other is not the harness repository/);
  });

  it('a wrong token: 401 Bad credentials', async () => {
    const stranger = createTestClient(github, { token: 'ghp_not-the-harness-token' });

    await expect(stranger.port.getPullRequest(pr)).rejects.toMatchObject({ status: 401 });
    expect(() => github.assertNoViolations()).toThrow(/no valid token/);
  });

  it('a well-formed request leaves no violation', async () => {
    await test.port.getPullRequest(pr);
    expect(github.violations).toEqual([]);
    expect(() => github.assertNoViolations()).not.toThrow();
  });
});

describe('the harness checks its own answers', () => {
  it('a response that breaks the schema is reported', () => {
    const operation = github.spec.operation('pulls/get');
    expect(github.spec.checkResponse(operation, 200, { number: 'one' })).toEqual(
      expect.arrayContaining([expect.stringMatching(/must have required property 'head'/), '/number must be integer']),
    );
    // A status the spec declares without a body has nothing to check.
    expect(github.spec.checkResponse(github.spec.operation('repos/check-collaborator'), 404, undefined)).toEqual([]);
  });
});

describe('the spec subset', () => {
  it('holds exactly the operations src/github/calls makes', () => {
    const dir = new URL('../../src/github/calls/', import.meta.url);
    const called = readdirSync(dir)
      .map((file) => /defineCall\('([^']+)'/.exec(readFileSync(new URL(file, dir), 'utf8'))?.[1])
      .filter((id): id is string => id !== undefined);

    expect(called.sort()).toEqual(github.spec.operations.map((op) => op.operationId).sort());
  });
});
