// Lists are read through octokit.paginate, which follows GitHub's Link headers; the harness
// pages the way GitHub does, so a list longer than one page must arrive whole.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { PER_PAGE } from '../../src/github/limits.js';
import { createTestClient } from '../harness/github-client.js';
import { GitHubServer } from '../harness/github-server.js';

let github: GitHubServer;

beforeEach(async () => {
  github = await GitHubServer.start({ owner: 'acme-data', repo: 'incidents' });
});

afterEach(async () => {
  github.assertNoViolations();
  await github.close();
});

it('listIssueComments reads every page of a long thread (3 pages of 100)', async () => {
  const number = github.state.addPullRequest({ author: 'alice' });
  const ids = github.state.addComments(number, 2 * PER_PAGE + 50);
  const { port } = createTestClient(github);

  const comments = await port.listIssueComments(number);

  expect(comments.map((c) => c.id)).toEqual(ids);
  const pages = github.callsTo('issues/list-comments').map((c) => c.query);
  expect(pages).toEqual([{ per_page: '100' }, { per_page: '100', page: '2' }, { per_page: '100', page: '3' }]);
});

it('the Link header names prev, next, last and first like GitHub', async () => {
  const number = github.state.addPullRequest({ author: 'alice' });
  github.state.addComments(number, 7);
  const path = `/repos/acme-data/incidents/issues/${number}/comments`;
  const get = (query: string) =>
    fetch(`${github.url}${path}?${query}`, { headers: { authorization: `token ${github.token}`, 'user-agent': 'sitrep-tests' } });

  const first = await get('per_page=3');
  const middle = await get('per_page=3&page=2');
  const last = await get('per_page=3&page=3');
  const all = await get('per_page=100');

  const url = (page: number) => `<${github.url}${path}?per_page=3&page=${page}>`;
  expect(first.headers.get('link')).toBe(`${url(2)}; rel="next", ${url(3)}; rel="last"`);
  expect(middle.headers.get('link')).toBe(`${url(1)}; rel="prev", ${url(3)}; rel="next", ${url(3)}; rel="last", ${url(1)}; rel="first"`);
  expect(last.headers.get('link')).toBe(`${url(2)}; rel="prev", ${url(1)}; rel="first"`);
  expect(all.headers.get('link')).toBeNull();
  expect(((await last.json()) as unknown[]).length).toBe(1);
});

it('per_page defaults to 30 and is capped at 100, as on GitHub', async () => {
  const number = github.state.addPullRequest({ author: 'alice' });
  github.state.addComments(number, 120);
  const headers = { authorization: `token ${github.token}`, 'user-agent': 'sitrep-tests' };
  const path = `${github.url}/repos/acme-data/incidents/issues/${number}/comments`;

  expect(((await (await fetch(path, { headers })).json()) as unknown[]).length).toBe(30);
  expect(((await (await fetch(`${path}?per_page=500`, { headers })).json()) as unknown[]).length).toBe(100);
});

it('listPullRequestFiles and listReviews paginate too', async () => {
  const number = github.state.addPullRequest({ author: 'alice', files: Array.from({ length: 230 }, (_, i) => `incidents/2025/INC-${i}.yaml`) });
  for (let i = 0; i < 120; i++) github.state.addReview(number, { user: `reviewer-${i}`, state: 'COMMENTED' });
  const { port } = createTestClient(github);

  expect(await port.listPullRequestFiles(number)).toHaveLength(230);
  expect(await port.listReviews(number)).toHaveLength(120);
  expect(github.callsTo('pulls/list-files')).toHaveLength(3);
  expect(github.callsTo('pulls/list-reviews')).toHaveLength(2);
});
