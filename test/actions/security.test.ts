// Security properties of the bundled Actions, read the way the runner reads their output:
// the token is masked before anything else is printed and never appears in a log, an output or
// the summary; incident text cannot issue a workflow command.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GitHubServer } from '../harness/github-server.js';
import { pullRequestPayload, workflowRunPayload } from '../harness/webhook-payloads.js';
import { runAction, type ActionRun } from './support/run-action.js';
import { OWNER, REPO, openPullRequest, sampleRepo, seedOrganisation, type SampleRepo } from './support/sample-pr.js';
import { HOSTILE, INC_0002, INC_0004, appendToList, closeRefunds, updatePayments } from './support/scenarios.js';

const TOKEN = 'ghs_SecretActionToken0123456789abcdefXYZ';

let github: GitHubServer;
let sample: SampleRepo;

beforeEach(async () => {
  github = await GitHubServer.start({ owner: OWNER, repo: REPO, token: TOKEN });
  seedOrganisation(github);
  sample = sampleRepo();
});

afterEach(async () => {
  await github.close();
  sample.cleanup();
});

function run(name: string, event: unknown, eventName: string, inputs: Record<string, string> = {}) {
  return runAction(name, { workspace: sample.repo.dir, event, eventName, apiUrl: github.url, inputs: { token: TOKEN, ...inputs } });
}

function expectNoToken(r: ActionRun): void {
  // The runner learns the mask from the first line, before any other output.
  expect(r.stdout.split('\n')[0]).toBe(`::add-mask::${TOKEN}`);
  expect(r.log.masks).toEqual([TOKEN]);
  const everythingElse = [r.stdout.split('\n').slice(1).join('\n'), r.stderr, r.summary, JSON.stringify(r.outputs), r.log.visible.join('\n')].join('\n');
  expect(everythingElse).not.toContain(TOKEN);
  expect(everythingElse).not.toContain('SecretActionToken');
}

/** Commands a runner would carry out, other than what the Actions issue on purpose. */
function unexpectedCommands(r: ActionRun): string[] {
  const resumeTokens = new Set(r.log.commands.filter((c) => c.name === 'stop-commands').map((c) => c.message));
  return r.log.commands
    .filter((c) => !['error', 'warning', 'notice', 'debug', 'stop-commands'].includes(c.name) && !resumeTokens.has(c.name))
    .filter((c) => !(c.name === 'add-mask' && c.message === TOKEN))
    .map((c) => c.line);
}

const HOSTILE_LINES = [
  '::set-output name=pwned::1',
  '::add-mask::everything',
  '  ::error file=x::forged',
  '\u200B::set-output name=zw::1',
  '##[set-output name=v1;]1',
  '::stop-commands::x',
];

describe('the token', { timeout: 240_000 }, () => {
  it('is masked first and never printed by gate, route, comment or watch, even through retries and errors', async () => {
    const head = sample.branch('close', 'hana-sato', '2026-11-25T10:05:00Z', () => closeRefunds(sample));
    const pr = openPullRequest(github, sample, { author: 'hana-sato', head, headRef: 'close' });
    github.failNext('pulls/get', { type: 'server-error', status: 502 });
    github.failNext('issues/list-comments', { type: 'secondary-rate-limit', retryAfterSeconds: 1 });

    const runs = [
      await run('gate', pullRequestPayload(github, pr), 'pull_request'),
      await run('route', workflowRunPayload(github, { headSha: head, pullNumber: pr }), 'workflow_run'),
      await run('comment', workflowRunPayload(github, { headSha: head, pullNumber: pr }), 'workflow_run'),
      await run('watch', {}, 'schedule', { now: '2026-11-25T12:00:00Z' }),
      // A failing run: the pull request does not exist.
      await run('gate', pullRequestPayload(github, pr), 'pull_request', { 'pull-number': '999' }),
    ];
    expect(runs.map((r) => r.code)).toEqual([1, 0, 0, 0, 1]);
    expect(github.pendingFaults('pulls/get')).toBe(0);
    expect(github.pendingFaults('issues/list-comments')).toBe(0);
    for (const r of runs) expectNoToken(r);
    expect(runs[4].stdout).toContain('::error::gate: GitHub pulls/get failed (404)');
    github.assertNoViolations();
  });
});

describe('incident text', { timeout: 240_000 }, () => {
  it('cannot inject workflow commands through validate\'s annotations, logs or outputs', async () => {
    const head = sample.branch('hostile', 'hana-sato', '2026-11-25T09:40:00Z', () => {
      const value = JSON.stringify(`volume\n${HOSTILE_LINES.join('\n')}`);
      sample.edit(INC_0004, /^symptom: .*$/m, `symptom: ${value}`);
      sample.edit(INC_0004, /^runbook: .*$/m, `runbook: ${value}`);
      updatePayments(sample, HOSTILE_LINES.join('\n'));
    });
    const pr = openPullRequest(github, sample, { author: 'hana-sato', head, headRef: 'hostile' });
    const r = await runAction('validate', { workspace: sample.repo.dir, event: pullRequestPayload(github, pr), eventName: 'pull_request' });
    expect(r.code).toBe(1);
    // The hostile text did reach the output, as inert text.
    expect(r.stdout).toContain('set-output name=pwned');
    expect(unexpectedCommands(r)).toEqual([]);
    expect(Object.keys(r.outputs).sort()).toEqual(['errors', 'result-file', 'signoff-required', 'waivers-required', 'warnings']);
    // Not even a naive reader finds a command at a line start.
    for (const line of r.stdout.split('\n')) {
      expect(line).not.toMatch(/^\s*::(set-output|add-mask|set-env|add-path|save-state|echo)/);
      expect(line).not.toMatch(/##\[/);
    }
    // The annotations are ours, at the incident file, with the text escaped inside them.
    for (const a of r.annotations.filter((x) => x.file)) expect(a.file).toBe(INC_0004);
  });

  it('cannot inject commands through the gate\'s messages (a hostile waiver approver)', async () => {
    const head = sample.branch('waiver', 'hana-sato', '2026-11-25T10:05:00Z', () => {
      closeRefunds(sample);
      const approver = JSON.stringify(`farah-haddad\n${HOSTILE_LINES.join('\n')}`);
      const text = sample.read(INC_0002).trimEnd();
      sample.repo.write(INC_0002, `${text}\nwaivers:\n  - { rule: STAGE_EVIDENCE, stage: closed, reason: "no", approved_by: ${approver} }\n`);
    });
    const pr = openPullRequest(github, sample, { author: 'hana-sato', head, headRef: 'waiver' });
    const r = await run('gate', pullRequestPayload(github, pr), 'pull_request');
    expect(r.code).toBe(1);
    expect(unexpectedCommands(r)).toEqual([]);
    expect(r.stdout).not.toMatch(/^\s*::set-output/m);
    expect(Object.keys(r.outputs).sort()).toEqual(['claims', 'missing', 'verdict']);
    expectNoToken(r);
    github.assertNoViolations();
  });

  it('cannot inject commands or mentions through route, comment or watch on the hostile SEV4 incident', async () => {
    const head = sample.branch('hostile', 'olu-adeyemi', '2026-11-25T09:40:00Z', () => {
      appendToList(sample, HOSTILE, 'ledger', `  - at: 2025-02-13T10:05:00Z\n    by: olu-adeyemi\n    kind: note\n    text: ${JSON.stringify(HOSTILE_LINES.join('\n'))}`);
    });
    const pr = openPullRequest(github, sample, { author: 'olu-adeyemi', head, headRef: 'hostile' });
    const event = workflowRunPayload(github, { headSha: head, pullNumber: pr });
    const runs = [await run('route', event, 'workflow_run'), await run('comment', event, 'workflow_run'), await run('watch', {}, 'schedule', { now: '2026-11-25T12:00:00Z', 'include-closed': 'true' })];
    for (const r of runs) {
      expect(r.code).toBe(0);
      expect(unexpectedCommands(r)).toEqual([]);
      expectNoToken(r);
    }
    const body = github.state.comments(pr)[0].body;
    expect(body).toContain('set-output name=pwned');
    expect(body.replace(/`[^`\n]*`/g, '')).not.toMatch(/@[A-Za-z0-9]/);
    expect(body).not.toMatch(/^\s*::/m);
    for (const issue of github.state.issues().filter((i) => !i.pull)) expect(issue.body ?? '').not.toMatch(/^\s*::/m);
    // Labels are plain: severity, domain and status of the incident.
    expect(github.state.issueLabels(pr)).toEqual(['severity:SEV4', 'domain:marketing', 'status:closed']);
    github.assertNoViolations();
  });
});
