// The bundled route Action, spawned as the runner runs it in the workflow_run job, against the
// spec-checked GitHub harness and a real git checkout of the sample.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GitHubServer } from '../harness/github-server.js';
import { workflowRunPayload, pullRequestPayload } from '../harness/webhook-payloads.js';
import { runAction } from './support/run-action.js';
import { OWNER, REPO, openPullRequest, seedOrganisation, type SampleRepo, startHarness, stopHarness } from './support/sample-pr.js';
import { INC_0004, closeRefunds, updatePayments } from './support/scenarios.js';

let github: GitHubServer;
let sample: SampleRepo;

beforeEach(async () => {
  ({ github, sample } = await startHarness());
});

afterEach(() => stopHarness(github, sample));

function route(event: unknown, inputs: Record<string, string> = {}, eventName = 'workflow_run') {
  return runAction('route', { workspace: sample.repo.dir, event, eventName, apiUrl: github.url, inputs: { token: github.token, ...inputs } });
}

const writes = () => github.writes().map((c) => ({ op: c.operationId, body: c.body }));

describe('route', { timeout: 180_000 }, () => {
  it('asks the owner, the producers and (at SEV2) the platform team, sets labels, and a rerun writes nothing', async () => {
    const head = sample.branch('inc-0004-update', 'hana-sato', '2026-11-25T09:35:00Z', () => updatePayments(sample));
    const pr = openPullRequest(github, sample, { author: 'hana-sato', head, headRef: 'inc-0004-update' });
    github.state.addIssueLabels(pr, ['needs-triage']);

    const first = await route(workflowRunPayload(github, { headSha: head, pullNumber: pr }));
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(github.state.requestedReviewers(pr)).toEqual({ users: ['gus-lindqvist'], teams: ['payments-data', 'data-platform', 'finance-analytics'] });
    expect(github.state.issueLabels(pr).sort()).toEqual(['domain:payments', 'needs-triage', 'severity:SEV2', 'status:contained']);
    expect(writes()).toEqual([
      { op: 'pulls/request-reviewers', body: { reviewers: ['gus-lindqvist'], team_reviewers: ['payments-data', 'data-platform', 'finance-analytics'] } },
      { op: 'issues/add-labels', body: { labels: ['severity:SEV2', 'domain:payments', 'status:contained'] } },
    ]);
    expect(JSON.parse(first.outputs.users)).toEqual(['gus-lindqvist']);
    expect(JSON.parse(first.outputs.teams)).toEqual(['@acme-data/payments-data', '@acme-data/data-platform', '@acme-data/finance-analytics']);
    expect(JSON.parse(first.outputs['requested-teams'])).toEqual(['payments-data', 'data-platform', 'finance-analytics']);
    expect(JSON.parse(first.outputs.labels)).toEqual(['severity:SEV2', 'domain:payments', 'status:contained']);
    // Every list was read through pagination, and the PR came from the API.
    expect(github.callsTo('pulls/list-files')[0].query).toMatchObject({ per_page: '100' });
    expect(github.callsTo('pulls/list-reviews')[0].query).toMatchObject({ per_page: '100' });
    expect(github.callsTo('issues/list-labels-on-issue')[0].query).toMatchObject({ per_page: '100' });
    // The summary says who and why.
    expect(first.summary).toContain('<td>gus-lindqvist</td><td>incident owner</td>');
    expect(first.summary).toContain('platform of payments.fct_payments');

    github.clearCalls();
    const second = await route(workflowRunPayload(github, { headSha: head, pullNumber: pr }));
    expect(second.code).toBe(0);
    expect(github.writes()).toEqual([]);
    expect(JSON.parse(second.outputs['requested-users'])).toEqual([]);
    expect(second.summary).toContain('already requested');
  });

  it('never asks the PR author: the owner who opened the PR is skipped, and GitHub sees no 422', async () => {
    const head = sample.branch('inc-0004-update', 'gus-lindqvist', '2026-11-25T09:35:00Z', () => updatePayments(sample));
    const pr = openPullRequest(github, sample, { author: 'gus-lindqvist', head, headRef: 'inc-0004-update' });

    const run = await route(workflowRunPayload(github, { headSha: head, pullNumber: pr }));
    expect(run.code).toBe(0);
    expect(github.calls.filter((c) => c.status === 422)).toEqual([]);
    expect(github.state.requestedReviewers(pr).users).toEqual([]);
    expect(JSON.parse(run.outputs.skipped)).toEqual(['gus-lindqvist']);
    expect(run.summary).toContain('gus-lindqvist is the pull request author (GitHub refuses that request)');
  });

  it('skips people who cannot review and says so; people who already reviewed are not asked again', async () => {
    // Closing INC-2026-0002: owner hana-sato, producer payments-data. The PR is by someone else,
    // and hana-sato is no collaborator of this repository.
    await github.close();
    github = await GitHubServer.start({ owner: OWNER, repo: REPO });
    seedOrganisation(github, { except: ['hana-sato'] });
    const head = sample.branch('close-refunds', 'gus-lindqvist', '2026-11-25T10:05:00Z', () => closeRefunds(sample));
    const pr = openPullRequest(github, sample, { author: 'gus-lindqvist', head, headRef: 'close-refunds' });

    const run = await route(workflowRunPayload(github, { headSha: head, pullNumber: pr }));
    expect(run.code).toBe(0);
    expect(github.state.requestedReviewers(pr)).toEqual({ users: [], teams: ['payments-data'] });
    expect(run.summary).toContain('hana-sato is not a collaborator of this repository');
    expect(github.callsTo('repos/check-collaborator').map((c) => c.path)).toEqual([`/repos/${OWNER}/${REPO}/collaborators/hana-sato`]);
    expect(github.state.issueLabels(pr)).toEqual(['severity:SEV4', 'domain:payments', 'status:closed']);

    // A payments-data member reviews: the team is not asked again, and a rerun writes nothing.
    // (GitHub drops the team's request when a member reviews for it.)
    github.state.addReview(pr, { user: 'farah-haddad', state: 'APPROVED' });
    github.state.pullRequest(pr)!.pull.requestedTeams.length = 0;
    github.clearCalls();
    const again = await route(workflowRunPayload(github, { headSha: head, pullNumber: pr }));
    expect(again.code).toBe(0);
    expect(github.writes()).toEqual([]);
    expect(again.summary).toContain('already reviewed by member farah-haddad');
  });

  it('routes changed ownership to its base owners, and a label that no longer applies is removed', async () => {
    const head = sample.branch('own', 'lena-fischer', '2026-11-25T09:40:00Z', () => {
      sample.edit('ownership/teams.yaml', 'members: [farah-haddad, gus-lindqvist, hana-sato, wei-chen]', 'members: [farah-haddad, gus-lindqvist, hana-sato, wei-chen, lena-fischer]');
      sample.edit('ownership/domains/payments.yaml', 'tier: 2', 'tier: 3');
      updatePayments(sample);
    });
    const pr = openPullRequest(github, sample, { author: 'lena-fischer', head, headRef: 'own' });
    github.state.addIssueLabels(pr, ['status:detected', 'severity:SEV2']);

    const run = await route(workflowRunPayload(github, { headSha: head, pullNumber: pr }));
    expect(run.code).toBe(0);
    const requested = github.state.requestedReviewers(pr);
    // The config's admins for teams.yaml; the domain's owner team and steward for payments.yaml.
    expect(requested.teams).toContain('data-platform');
    expect(requested.teams).toContain('payments-data');
    expect(requested.users).toEqual(expect.arrayContaining(['farah-haddad', 'gus-lindqvist']));
    expect(github.state.issueLabels(pr).sort()).toEqual(['domain:payments', 'severity:SEV2', 'status:contained']);
    expect(github.callsTo('issues/remove-label').map((c) => c.path)).toEqual([`/repos/${OWNER}/${REPO}/issues/${pr}/labels/status%3Adetected`]);
    expect(run.summary).toContain('steward of domain payments');
    expect(run.summary).toContain('the admins&#x27; file ownership/teams.yaml');
  });

  it('a team GitHub refuses is reported, and the others are still asked', async () => {
    await github.close();
    github = await GitHubServer.start({ owner: OWNER, repo: REPO });
    seedOrganisation(github, { exceptTeams: ['finance-analytics'] });
    const head = sample.branch('inc-0004-update', 'hana-sato', '2026-11-25T09:35:00Z', () => updatePayments(sample));
    const pr = openPullRequest(github, sample, { author: 'hana-sato', head, headRef: 'inc-0004-update' });

    const run = await route(workflowRunPayload(github, { headSha: head, pullNumber: pr }));
    expect(run.code).toBe(0);
    expect(github.state.requestedReviewers(pr)).toEqual({ users: ['gus-lindqvist'], teams: ['payments-data', 'data-platform'] });
    expect(github.callsTo('pulls/request-reviewers').map((c) => c.status)).toEqual([422, 201, 201, 201, 422]);
    expect(JSON.parse(run.outputs.skipped)).toEqual(['finance-analytics']);
    expect(run.summary).toContain('finance-analytics GitHub refused the request: Reviews may only be requested from collaborators.');
  });

  it('does nothing when the pull request has moved on since the checks ran', async () => {
    const head = sample.branch('inc-0004-update', 'hana-sato', '2026-11-25T09:35:00Z', () => updatePayments(sample));
    const pr = openPullRequest(github, sample, { author: 'hana-sato', head, headRef: 'inc-0004-update' });
    const event = workflowRunPayload(github, { headSha: head, pullNumber: pr });
    github.state.setHead(pr, 'f'.repeat(40));

    const run = await route(event);
    expect(run.code).toBe(0);
    expect(github.writes()).toEqual([]);
    expect(run.summary).toContain('the run for the newer head will handle it');
  });

  it('takes the pull request number from the input for a fork, and checks it against the run\'s head', async () => {
    const head = sample.branch('inc-0004-update', 'hana-sato', '2026-11-25T09:35:00Z', () => updatePayments(sample));
    const pr = openPullRequest(github, sample, { author: 'hana-sato', head, headRef: 'inc-0004-update' });
    const other = openPullRequest(github, sample, { author: 'mallory', head: sample.base, headRef: 'other' });
    // GitHub leaves pull_requests empty for a fork's run.
    const event = workflowRunPayload(github, { headSha: head });

    const wrong = await route(event, { 'pull-number': String(other) });
    expect(wrong.code).toBe(0);
    expect(github.writes()).toEqual([]);
    const right = await route(event, { 'pull-number': String(pr) });
    expect(right.code).toBe(0);
    expect(github.state.requestedReviewers(pr).users).toEqual(['gus-lindqvist']);

    const bad = await route(event, { 'pull-number': '12; rm -rf /' });
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain('::error::route: input `pull-number` must be a pull request number');
  });

  it('runs on pull_request too (same repository PRs), with the event\'s pull request', async () => {
    const head = sample.branch('inc-0004-update', 'hana-sato', '2026-11-25T09:35:00Z', () => updatePayments(sample));
    const pr = openPullRequest(github, sample, { author: 'hana-sato', head, headRef: 'inc-0004-update' });
    const run = await route(pullRequestPayload(github, pr), {}, 'pull_request');
    expect(run.code).toBe(0);
    expect(github.state.requestedReviewers(pr).users).toEqual(['gus-lindqvist']);
    expect(sample.read(INC_0004)).not.toContain('back-filled');
  });
});
