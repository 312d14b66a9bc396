// The bundled gate Action against the harness: sign-off claims count only with a real approval,
// by an eligible person who is not the PR's author, on the head commit, not cancelled since.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GitHubServer } from '../harness/github-server.js';
import { pullRequestPayload, pullRequestReviewPayload } from '../harness/webhook-payloads.js';
import { runAction } from './support/run-action.js';
import { openPullRequest, type SampleRepo, startHarness, stopHarness } from './support/sample-pr.js';
import { INC_0002, closeRefunds, updatePayments } from './support/scenarios.js';

let github: GitHubServer;
let sample: SampleRepo;

beforeEach(async () => {
  ({ github, sample } = await startHarness());
});

afterEach(() => stopHarness(github, sample));

function gate(event: unknown, eventName = 'pull_request') {
  return runAction('gate', { workspace: sample.repo.dir, event, eventName, apiUrl: github.url, inputs: { token: github.token } });
}

/** hana-sato closes INC-2026-0002 with farah-haddad's sign-off claim for payments-data. */
function closingPr(opts: { author?: string; signer?: string } = {}) {
  const author = opts.author ?? 'hana-sato';
  const head = sample.branch('close-refunds', author, '2026-11-25T10:05:00Z', () => closeRefunds(sample, opts.signer));
  const pr = openPullRequest(github, sample, { author, head, headRef: 'close-refunds' });
  return { head, pr };
}

describe('gate', { timeout: 180_000 }, () => {
  it('passes when the named signer approved the head commit, and lists the claim in the summary', async () => {
    const { pr } = closingPr();
    const review = github.state.addReview(pr, { user: 'farah-haddad', state: 'APPROVED' });

    const run = await gate(pullRequestReviewPayload(github, pr, review), 'pull_request_review');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.outputs).toMatchObject({ verdict: 'passed', claims: '1', missing: '[]' });
    expect(run.summary).toContain('sign-off of team payments-data (producer) for INC-2026-0002');
    expect(run.summary).toContain('approved by farah-haddad');
    expect(github.writes()).toEqual([]);
    expect(github.callsTo('pulls/list-reviews')[0].query).toMatchObject({ per_page: '100' });
  });

  it('fails with what is missing when nobody approved yet', async () => {
    const { pr } = closingPr();
    const run = await gate(pullRequestPayload(github, pr));
    expect(run.code).toBe(1);
    expect(run.outputs.verdict).toBe('failed');
    expect(JSON.parse(run.outputs.missing)).toEqual([expect.stringContaining('farah-haddad has not approved this pull request')]);
    expect(run.annotations).toContainEqual(expect.objectContaining({ kind: 'error', file: INC_0002, title: 'sign-off missing' }));
  });

  it('passes with nothing to verify when the PR closes no incident', async () => {
    const head = sample.branch('upd', 'hana-sato', '2026-11-25T09:35:00Z', () => updatePayments(sample));
    const pr = openPullRequest(github, sample, { author: 'hana-sato', head, headRef: 'upd' });
    const run = await gate(pullRequestPayload(github, pr));
    expect(run.code).toBe(0);
    expect(run.outputs).toMatchObject({ verdict: 'passed', claims: '0' });
    expect(github.callsTo('pulls/list-reviews')).toEqual([]);
  });

  describe('attacks', () => {
    it('self-approval: the PR author signs and approves their own claim; it never counts', async () => {
      // hana-sato is a payments-data member, opens the PR, names herself as signer and "approves".
      const { pr } = closingPr({ signer: 'hana-sato' });
      const review = github.state.addReview(pr, { user: 'hana-sato', state: 'APPROVED' });

      const run = await gate(pullRequestReviewPayload(github, pr, review), 'pull_request_review');
      expect(run.code).toBe(1);
      expect(JSON.parse(run.outputs.missing)).toEqual([expect.stringContaining('hana-sato opened this pull request, and nobody can approve their own claim')]);
    });

    it('team join: a PR that adds its author (or a friend) to the team gains no sign-off power', async () => {
      // lena-fischer is not in payments-data. Her PR adds her and marco-rossi to it and names marco as signer.
      const head = sample.branch('join', 'lena-fischer', '2026-11-25T10:05:00Z', () => {
        sample.edit('ownership/teams.yaml', 'members: [farah-haddad, gus-lindqvist, hana-sato, wei-chen]', 'members: [farah-haddad, gus-lindqvist, hana-sato, wei-chen, lena-fischer, marco-rossi]');
        closeRefunds(sample, 'marco-rossi');
      });
      const pr = openPullRequest(github, sample, { author: 'lena-fischer', head, headRef: 'join' });
      const review = github.state.addReview(pr, { user: 'marco-rossi', state: 'APPROVED' });

      const run = await gate(pullRequestReviewPayload(github, pr, review), 'pull_request_review');
      expect(run.code).toBe(1);
      expect(JSON.parse(run.outputs.missing)).toEqual([
        expect.stringContaining("marco-rossi is not a member or lead of team payments-data in the base branch's ownership"),
      ]);
    });

    it('stale approval: an approval of an older commit does not count after a push', async () => {
      const { pr, head } = closingPr();
      github.state.addReview(pr, { user: 'farah-haddad', state: 'APPROVED', commitId: head });
      const newer = sample.push('close-refunds', 'hana-sato', '2026-11-25T10:20:00Z', () => {
        sample.edit(INC_0002, 'M1 is a no-op and stays until the next view refactor.', 'M1 is a no-op; it is removed with the next view refactor.');
      });
      github.state.setHead(pr, newer);

      const stale = await gate(pullRequestPayload(github, pr, 'synchronize', { before: head }));
      expect(stale.code).toBe(1);
      expect(JSON.parse(stale.outputs.missing)).toEqual([expect.stringContaining(`farah-haddad approved ${head.slice(0, 7)}, not the head commit ${newer.slice(0, 7)}`)]);

      // Approving the new head makes it count.
      const fresh = github.state.addReview(pr, { user: 'farah-haddad', state: 'APPROVED' });
      const ok = await gate(pullRequestReviewPayload(github, pr, fresh), 'pull_request_review');
      expect(ok.code).toBe(0);
      expect(ok.outputs.verdict).toBe('passed');
    });

    it('a later CHANGES_REQUESTED or DISMISSED review cancels an approval; a later comment does not', async () => {
      const { pr } = closingPr();
      github.state.addReview(pr, { user: 'farah-haddad', state: 'APPROVED' });
      github.state.addReview(pr, { user: 'farah-haddad', state: 'COMMENTED' });
      expect((await gate(pullRequestPayload(github, pr))).code).toBe(0);

      const changes = github.state.addReview(pr, { user: 'farah-haddad', state: 'CHANGES_REQUESTED' });
      const blocked = await gate(pullRequestReviewPayload(github, pr, changes), 'pull_request_review');
      expect(blocked.code).toBe(1);
      expect(JSON.parse(blocked.outputs.missing)[0]).toContain("farah-haddad's latest review requests changes");

      github.state.addReview(pr, { user: 'farah-haddad', state: 'APPROVED' });
      github.state.addReview(pr, { user: 'farah-haddad', state: 'DISMISSED' });
      const dismissed = await gate(pullRequestPayload(github, pr));
      expect(dismissed.code).toBe(1);
      expect(JSON.parse(dismissed.outputs.missing)[0]).toContain("farah-haddad's latest review was dismissed");
    });

    it('an approval by someone other than the named signer does not count for the claim', async () => {
      const { pr } = closingPr();
      github.state.addReview(pr, { user: 'gus-lindqvist', state: 'APPROVED' });
      const run = await gate(pullRequestPayload(github, pr));
      expect(run.code).toBe(1);
      expect(JSON.parse(run.outputs.missing)[0]).toContain('farah-haddad has not approved');
    });
  });

  it('reads reviews across pages', async () => {
    const { pr } = closingPr();
    for (let i = 0; i < 120; i++) github.state.addReview(pr, { user: `octo-${i}`, state: 'COMMENTED' });
    github.state.addReview(pr, { user: 'farah-haddad', state: 'APPROVED' });
    const run = await gate(pullRequestPayload(github, pr));
    expect(run.code).toBe(0);
    expect(github.callsTo('pulls/list-reviews').length).toBe(2);
  });
});
