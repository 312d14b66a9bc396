// Every GitHubPort method, through the real Octokit client, against the spec-checked harness:
// what the port returns, the exact calls it makes, and what they change on "GitHub".
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PER_PAGE } from '../../src/github/limits.js';
import { createTestClient } from '../harness/github-client.js';
import { GitHubServer } from '../harness/github-server.js';
import type { GitHubPort } from '../../src/github/port.js';

const OWNER = 'acme-data';
const REPO = 'incidents';
const REPO_PATH = `/repos/${OWNER}/${REPO}`;

let github: GitHubServer;
let port: GitHubPort;

beforeEach(async () => {
  github = await GitHubServer.start({ owner: OWNER, repo: REPO });
  port = createTestClient(github).port;
});

afterEach(async () => {
  github.assertNoViolations();
  await github.close();
});

/** The calls made so far, in the shape tests compare. */
function calls() {
  return github.calls.map(({ method, path, operationId, query, body }) => ({ method, path, operationId, query, body }));
}

describe('pull requests', () => {
  it('getPullRequest returns the pull request as plain data', async () => {
    const number = github.state.addPullRequest({ author: 'alice', headSha: 'a'.repeat(40), baseSha: 'b'.repeat(40), headRef: 'inc-42', baseRef: 'main', draft: true });

    expect(await port.getPullRequest(number)).toEqual({
      number,
      author: 'alice',
      headSha: 'a'.repeat(40),
      baseSha: 'b'.repeat(40),
      baseRef: 'main',
      headRef: 'inc-42',
      state: 'open',
      draft: true,
    });
    expect(calls()).toEqual([{ method: 'GET', path: `${REPO_PATH}/pulls/${number}`, operationId: 'pulls/get', query: {}, body: undefined }]);
  });

  it('getPullRequest of an unknown number throws GitHubApiError 404', async () => {
    await expect(port.getPullRequest(99)).rejects.toMatchObject({ name: 'GitHubApiError', operation: 'pulls/get', status: 404 });
  });

  it('listPullRequestFiles keeps statuses and the previous path of renames', async () => {
    const number = github.state.addPullRequest({
      author: 'alice',
      files: [
        { path: 'incidents/2025/INC-2025-0042.yaml', status: 'added' },
        { path: 'runbooks/late-partition.yaml', status: 'renamed', previousPath: 'runbooks/freshness.yaml' },
        { path: 'ownership/teams.yaml', status: 'removed' },
      ],
    });

    expect(await port.listPullRequestFiles(number)).toEqual([
      { path: 'incidents/2025/INC-2025-0042.yaml', status: 'added' },
      { path: 'runbooks/late-partition.yaml', status: 'renamed', previousPath: 'runbooks/freshness.yaml' },
      { path: 'ownership/teams.yaml', status: 'removed' },
    ]);
    expect(calls()).toEqual([
      { method: 'GET', path: `${REPO_PATH}/pulls/${number}/files`, operationId: 'pulls/list-files', query: { per_page: String(PER_PAGE) }, body: undefined },
    ]);
  });

  it('listReviews returns every review in order, with the commit each was made on', async () => {
    const number = github.state.addPullRequest({ author: 'alice', headSha: '1'.repeat(40) });
    const first = github.state.addReview(number, { user: 'bob', state: 'CHANGES_REQUESTED' });
    github.state.setHead(number, '2'.repeat(40));
    const second = github.state.addReview(number, { user: 'bob', state: 'APPROVED', submittedAt: '2025-08-03T09:00:00Z' });
    const third = github.state.addReview(number, { user: 'carol', state: 'DISMISSED', commitId: null });

    const reviews = await port.listReviews(number);

    expect(reviews).toEqual([
      { id: first, user: 'bob', state: 'CHANGES_REQUESTED', commitId: '1'.repeat(40), submittedAt: expect.any(String) },
      { id: second, user: 'bob', state: 'APPROVED', commitId: '2'.repeat(40), submittedAt: '2025-08-03T09:00:00Z' },
      { id: third, user: 'carol', state: 'DISMISSED', commitId: null, submittedAt: expect.any(String) },
    ]);
    expect(github.callsTo('pulls/list-reviews')).toHaveLength(1);
  });

  it('listRequestedReviewers returns logins and team slugs', async () => {
    github.state.addCollaborators('bob');
    github.state.addTeam('orders-data', ['bob']);
    const number = github.state.addPullRequest({ author: 'alice' });
    github.state.requestReviewers(number, ['bob'], ['orders-data']);

    expect(await port.listRequestedReviewers(number)).toEqual({ users: ['bob'], teams: ['orders-data'] });
  });

  it('requestReviewers sends users and team slugs in one call', async () => {
    github.state.addCollaborators('bob', 'carol');
    github.state.addTeam('orders-data', ['carol']);
    const number = github.state.addPullRequest({ author: 'alice' });

    await port.requestReviewers(number, { users: ['bob'], teams: ['orders-data'] });

    expect(calls()).toEqual([
      {
        method: 'POST',
        path: `${REPO_PATH}/pulls/${number}/requested_reviewers`,
        operationId: 'pulls/request-reviewers',
        query: {},
        body: { reviewers: ['bob'], team_reviewers: ['orders-data'] },
      },
    ]);
    expect(github.state.requestedReviewers(number)).toEqual({ users: ['bob'], teams: ['orders-data'] });
  });

  it('requestReviewers with nobody to request makes no call', async () => {
    const number = github.state.addPullRequest({ author: 'alice' });
    await port.requestReviewers(number, { users: [], teams: [] });
    expect(github.calls).toEqual([]);
  });

  it('isCollaborator is true on 204 and false on 404', async () => {
    github.state.addCollaborators('bob');

    expect(await port.isCollaborator('bob')).toBe(true);
    expect(await port.isCollaborator('mallory')).toBe(false);
    expect(calls().map((c) => `${c.method} ${c.path}`)).toEqual([`GET ${REPO_PATH}/collaborators/bob`, `GET ${REPO_PATH}/collaborators/mallory`]);
  });
});

describe('labels', () => {
  it('listIssueLabels returns label names', async () => {
    const number = github.state.addPullRequest({ author: 'alice', labels: ['incident', 'sev2'] });
    expect(await port.listIssueLabels(number)).toEqual(['incident', 'sev2']);
  });

  it('addLabels adds to the existing labels and creates unknown ones', async () => {
    const number = github.state.addPullRequest({ author: 'alice', labels: ['incident'] });

    await port.addLabels(number, ['sev2', 'status:contained']);

    expect(github.state.issueLabels(number)).toEqual(['incident', 'sev2', 'status:contained']);
    expect(calls()).toEqual([
      { method: 'POST', path: `${REPO_PATH}/issues/${number}/labels`, operationId: 'issues/add-labels', query: {}, body: { labels: ['sev2', 'status:contained'] } },
    ]);
  });

  it('addLabels with no labels makes no call', async () => {
    const number = github.state.addPullRequest({ author: 'alice' });
    await port.addLabels(number, []);
    expect(github.calls).toEqual([]);
  });

  it('removeLabel removes one label, URL-encoded, and ignores a label that is not there', async () => {
    const number = github.state.addPullRequest({ author: 'alice', labels: ['incident', 'status: triaged'] });

    await port.removeLabel(number, 'status: triaged');
    await port.removeLabel(number, 'status: triaged');

    expect(github.state.issueLabels(number)).toEqual(['incident']);
    expect(calls().map((c) => [c.method, c.path])).toEqual([
      ['DELETE', `${REPO_PATH}/issues/${number}/labels/status%3A%20triaged`],
      ['DELETE', `${REPO_PATH}/issues/${number}/labels/status%3A%20triaged`],
    ]);
    expect(github.calls.map((c) => c.status)).toEqual([200, 404]);
  });
});

describe('comments', () => {
  it('listIssueComments returns id, body and author, oldest first', async () => {
    const number = github.state.addPullRequest({ author: 'alice' });
    const first = github.state.addComment(number, 'first', 'bob');
    const second = github.state.addComment(number, '<!-- sitrep -->\nstatus', 'github-actions[bot]');

    expect(await port.listIssueComments(number)).toEqual([
      { id: first, body: 'first', user: 'bob' },
      { id: second, body: '<!-- sitrep -->\nstatus', user: 'github-actions[bot]' },
    ]);
  });

  it('createIssueComment returns the new id; updateIssueComment edits it in place', async () => {
    const number = github.state.addPullRequest({ author: 'alice' });

    const id = await port.createIssueComment(number, 'checking…');
    await port.updateIssueComment(id, 'all checks passed');

    expect(github.state.comments(number)).toEqual([expect.objectContaining({ id, body: 'all checks passed', user: 'github-actions[bot]' })]);
    expect(calls()).toEqual([
      { method: 'POST', path: `${REPO_PATH}/issues/${number}/comments`, operationId: 'issues/create-comment', query: {}, body: { body: 'checking…' } },
      { method: 'PATCH', path: `${REPO_PATH}/issues/comments/${id}`, operationId: 'issues/update-comment', query: {}, body: { body: 'all checks passed' } },
    ]);
  });

  it('updateIssueComment of a deleted comment throws GitHubApiError 404', async () => {
    await expect(port.updateIssueComment(123456, 'x')).rejects.toMatchObject({ operation: 'issues/update-comment', status: 404 });
  });
});

describe('issues', () => {
  it('listIssues filters by labels and state and leaves pull requests out', async () => {
    github.state.addPullRequest({ author: 'alice', labels: ['sitrep:tracking'] });
    const open = github.state.addIssue({ title: 'INC-2025-0042 review due', body: 'due 2025-08-10', labels: ['sitrep:tracking'] });
    github.state.addIssue({ title: 'closed one', labels: ['sitrep:tracking'], state: 'closed' });
    github.state.addIssue({ title: 'unrelated' });

    expect(await port.listIssues({ labels: ['sitrep:tracking'] })).toEqual([
      { number: open, title: 'INC-2025-0042 review due', body: 'due 2025-08-10', state: 'open', labels: ['sitrep:tracking'] },
    ]);
    expect(calls()[0]).toEqual({
      method: 'GET',
      path: `${REPO_PATH}/issues`,
      operationId: 'issues/list-for-repo',
      query: { state: 'open', labels: 'sitrep:tracking', per_page: String(PER_PAGE) },
      body: undefined,
    });
    expect((await port.listIssues({ state: 'all' })).map((i) => i.title)).toEqual(['unrelated', 'closed one', 'INC-2025-0042 review due']);
  });

  it('createIssue returns the number; updateIssue changes title, body, state and labels', async () => {
    const number = await port.createIssue({ title: 'INC-2025-0042: action items', body: '- [ ] A1', labels: ['sitrep:tracking'] });
    await port.updateIssue(number, { body: '- [x] A1', state: 'closed', labels: ['sitrep:tracking', 'done'] });

    expect(github.state.issue(number)).toMatchObject({ title: 'INC-2025-0042: action items', body: '- [x] A1', state: 'closed', labels: ['sitrep:tracking', 'done'] });
    expect(calls()).toEqual([
      { method: 'POST', path: `${REPO_PATH}/issues`, operationId: 'issues/create', query: {}, body: { title: 'INC-2025-0042: action items', body: '- [ ] A1', labels: ['sitrep:tracking'] } },
      {
        method: 'PATCH',
        path: `${REPO_PATH}/issues/${number}`,
        operationId: 'issues/update',
        query: {},
        body: { body: '- [x] A1', state: 'closed', labels: ['sitrep:tracking', 'done'] },
      },
    ]);
  });
});

it('a run that only reads makes zero writes', async () => {
  const number = github.state.addPullRequest({ author: 'alice', files: ['incidents/2025/INC-2025-0042.yaml'] });
  github.state.addComment(number, '<!-- sitrep -->\nok');

  await port.getPullRequest(number);
  await port.listPullRequestFiles(number);
  await port.listIssueComments(number);

  expect(github.calls).toHaveLength(3);
  expect(github.writes()).toEqual([]);
});
