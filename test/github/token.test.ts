// The token authenticates requests and goes nowhere else: not into the harness's records,
// not into the client's log, not into the errors callers may print or put in a job summary.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createTestClient } from '../harness/github-client.js';
import { GitHubServer } from '../harness/github-server.js';

const TOKEN = 'ghs_SecretTokenValue0123456789abcdefXYZ';

let github: GitHubServer;

beforeEach(async () => {
  github = await GitHubServer.start({ owner: 'acme-data', repo: 'incidents', token: TOKEN });
});

afterEach(async () => {
  await github.close();
});

it('the token appears only in the Authorization header check', async () => {
  const { port, logger } = createTestClient(github);
  github.state.addCollaborators('bob');
  const pr = github.state.addPullRequest({ author: 'alice', labels: ['incident'] });
  github.failNext('pulls/get', { type: 'server-error', status: 502 });
  github.failNext('issues/list-comments', { type: 'secondary-rate-limit', status: 429 });
  github.failNext('issues/add-labels', { type: 'rate-limit' });

  const errors: unknown[] = [];
  const attempt = (run: () => Promise<unknown>) => run().catch((error: unknown) => errors.push(error));
  await attempt(() => port.getPullRequest(pr));
  await attempt(() => port.listIssueComments(pr));
  await attempt(() => port.addLabels(pr, ['sev2']));
  await attempt(() => port.requestReviewers(pr, { users: ['alice'], teams: [] }));
  await attempt(() => port.getPullRequest(404));
  await attempt(() => port.createIssueComment(pr, 'hello'));
  const stranger = createTestClient(github, { token: `${TOKEN}-wrong` });
  await attempt(() => stranger.port.listIssues());

  // The calls did authenticate: the harness accepted the token and refused the wrong one.
  expect(github.calls.filter((c) => c.status === 401)).toHaveLength(1);
  expect(errors).toHaveLength(3);

  const everything = JSON.stringify({
    calls: github.calls,
    violations: github.violations,
    logs: [...logger.lines, ...stranger.logger.lines],
    errors: errors.map((e) => ({ ...(e as object), message: (e as Error).message, stack: (e as Error).stack, text: String(e) })),
  });
  expect(everything).not.toContain(TOKEN);
  expect(everything).not.toContain('SecretTokenValue');
});
