// The bundled comment Action against the harness: one sticky comment, found across pages by its
// marker and author, updated in place, nothing written when nothing is new, and incident text
// that cannot ping anyone or inject markup.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GitHubServer } from '../harness/github-server.js';
import { workflowRunPayload } from '../harness/webhook-payloads.js';
import { runAction } from './support/run-action.js';
import { OWNER, REPO, openPullRequest, type SampleRepo, startHarness, stopHarness } from './support/sample-pr.js';
import { HOSTILE, appendToList, closeRefunds, updatePayments } from './support/scenarios.js';

let github: GitHubServer;
let sample: SampleRepo;

beforeEach(async () => {
  ({ github, sample } = await startHarness());
});

afterEach(() => stopHarness(github, sample));

function comment(event: unknown, inputs: Record<string, string> = {}) {
  return runAction('comment', { workspace: sample.repo.dir, event, eventName: 'workflow_run', apiUrl: github.url, inputs: { token: github.token, ...inputs } });
}

const MARKER = '<!-- sitrep:pr-comment -->';
const ours = (pr: number) => github.state.comments(pr).filter((c) => c.body.startsWith(MARKER));

describe('comment', { timeout: 180_000 }, () => {
  it('posts one comment with the update, the mermaid timeline and the informed teams; a rerun writes nothing', async () => {
    const head = sample.branch('upd', 'hana-sato', '2026-11-25T09:35:00Z', () => updatePayments(sample));
    const pr = openPullRequest(github, sample, { author: 'hana-sato', head, headRef: 'upd' });
    const event = workflowRunPayload(github, { headSha: head, pullNumber: pr });

    const first = await comment(event);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.outputs.action).toBe('created');
    const [posted] = ours(pr);
    expect(posted.user).toBe('github-actions[bot]');
    expect(posted.body).toContain('INC-2026-0004');
    expect(posted.body).toContain('Stakeholder update (consumers)');
    expect(posted.body).toContain('EU charges are back-filled up to 09');
    expect(posted.body).toMatch(/```mermaid\ngantt\n/);
    // Direct consumers of fct_payments and fct_revenue, and the teams downstream through lineage.
    expect(posted.body).toContain('Consumer teams to inform');
    expect(posted.body).toMatch(/Finance Analytics \(`@acme-data\/finance-analytics`\)/);
    expect(posted.body).toMatch(/ML Features \(`@acme-data\/ml-features`\)/);
    expect(github.writes().map((c) => c.operationId)).toEqual(['issues/create-comment']);

    github.clearCalls();
    const second = await comment(event);
    expect(second.code).toBe(0);
    expect(second.outputs.action).toBe('unchanged');
    expect(github.writes()).toEqual([]);
    expect(ours(pr)).toHaveLength(1);
  });

  it('finds its comment across pages, ignores look-alikes by others, and updates it in place after a push', async () => {
    const head = sample.branch('upd', 'hana-sato', '2026-11-25T09:35:00Z', () => updatePayments(sample));
    const pr = openPullRequest(github, sample, { author: 'hana-sato', head, headRef: 'upd' });
    github.state.addComments(pr, 40);
    // Someone writes the marker into their own comment: it is not ours to edit.
    github.state.addComment(pr, `${MARKER}\nfake sticky`, 'mallory');
    const first = await comment(workflowRunPayload(github, { headSha: head, pullNumber: pr }));
    expect(first.outputs.action).toBe('created');
    github.state.addComments(pr, 130);

    const newer = sample.push('upd', 'hana-sato', '2026-11-25T09:50:00Z', () => updatePayments(sample, 'Back-fill complete. Next update by 12:00 UTC.'));
    github.state.setHead(pr, newer);
    github.clearCalls();
    const second = await comment(workflowRunPayload(github, { headSha: newer, pullNumber: pr }));
    expect(second.code).toBe(0);
    expect(second.outputs.action).toBe('updated');
    expect(second.outputs['comment-id']).toBe(first.outputs['comment-id']);
    expect(github.callsTo('issues/list-comments').length).toBe(2);
    expect(github.writes().map((c) => ({ op: c.operationId, path: c.path }))).toEqual([
      { op: 'issues/update-comment', path: `/repos/${OWNER}/${REPO}/issues/comments/${first.outputs['comment-id']}` },
    ]);
    const mine = github.state.comment(Number(first.outputs['comment-id']))!;
    expect(mine.body).toContain('Back-fill complete');
    expect(mine.body).toContain(newer.slice(0, 7));
    expect(github.state.comments(pr).find((c) => c.user === 'mallory')!.body).toBe(`${MARKER}\nfake sticky`);
  });

  it('shows the close notice of an incident the PR closes', async () => {
    const head = sample.branch('close', 'hana-sato', '2026-11-25T10:05:00Z', () => closeRefunds(sample));
    const pr = openPullRequest(github, sample, { author: 'hana-sato', head, headRef: 'close' });
    const run = await comment(workflowRunPayload(github, { headSha: head, pullNumber: pr }));
    expect(run.code).toBe(0);
    const body = ours(pr)[0].body;
    expect(body).toContain('Close notice');
    expect(body).toContain('INC-2026-0002');
    expect(body).not.toContain('Stakeholder update (consumers)');
    // fct_refunds feeds finance.fct_revenue, which marketing-analytics reads: informed through lineage.
    expect(body).toContain('- Marketing Analytics (`@acme-data/marketing-analytics`), via finance.fct\\_revenue \\(downstream\\)');
  });

  it('writes nothing on a PR that changes no incident', async () => {
    const head = sample.branch('docs', 'hana-sato', '2026-11-25T09:35:00Z', () => sample.repo.write('README.md', '# incidents\n'));
    const pr = openPullRequest(github, sample, { author: 'hana-sato', head, headRef: 'docs' });
    const run = await comment(workflowRunPayload(github, { headSha: head, pullNumber: pr }));
    expect(run.code).toBe(0);
    expect(run.outputs.action).toBe('none');
    expect(github.writes()).toEqual([]);
  });

  it('incident text cannot mention anyone, add markup or break out of the mermaid block', async () => {
    // The sample's hostile SEV4 incident: a team mention, <script>, a javascript: link, `::set-output`.
    // Its review may still change after close; the PR adds a learning and an escalation with a fence in it.
    const head = sample.branch('hostile', 'olu-adeyemi', '2026-11-25T09:40:00Z', () => {
      sample.edit(HOSTILE, '\nsignoff:', '\nreview:\n  due: 2025-03-14\n  learnings: ["@acme-data/everyone <img src=x onerror=alert(1)> ``` @wei-chen"]\nsignoff:');
      appendToList(sample, HOSTILE, 'ledger', '  - at: 2025-02-13T10:05:00Z\n    by: olu-adeyemi\n    kind: note\n    text: "ping @acme-data/everyone and @priya-raman ```\\n</details><script>alert(1)</script>"');
    });
    const pr = openPullRequest(github, sample, { author: 'olu-adeyemi', head, headRef: 'hostile' });
    const run = await comment(workflowRunPayload(github, { headSha: head, pullNumber: pr }));
    expect(run.code).toBe(0);
    const body = ours(pr)[0].body;
    expect(body).toContain('INC-2025-0001');
    // No @ followed by a name outside code spans (which GitHub never turns into mentions): every
    // @ from the file is followed by a zero-width joiner.
    const outsideCode = body.replace(/```mermaid[\s\S]*?```/g, '').replace(/`[^`\n]*`/g, '');
    expect(outsideCode).toContain('@\u200Dacme-data/everyone');
    expect(outsideCode).not.toMatch(/@[A-Za-z0-9]/);
    expect(body).not.toMatch(/<script|<img/i);
    expect(body).not.toMatch(/\]\(<?javascript:/i);
    // Fences: the mermaid block opens and closes, and nothing else opens a code block.
    expect(body.match(/^```.*$/gm)).toEqual(['```mermaid', '```']);
    expect(run.stdout).not.toMatch(/^::set-output/m);
  });
});
