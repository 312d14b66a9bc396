// The bundled watch Action, as a scheduled run on the default branch's checkout: one tracking
// issue per open incident with findings, found by label and marker across pages, updated only
// when its body changes, closed when the incident has no finding, mentioning exactly the people
// and teams the escalation level names.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GitHubServer } from '../harness/github-server.js';
import { runAction } from './support/run-action.js';
import { OWNER, REPO, sampleRepo, type SampleRepo } from './support/sample-pr.js';
import { INC_0004, appendToList } from './support/scenarios.js';

let github: GitHubServer;
let sample: SampleRepo;

beforeEach(async () => {
  github = await GitHubServer.start({ owner: OWNER, repo: REPO });
  sample = sampleRepo();
});

afterEach(async () => {
  github.assertNoViolations();
  await github.close();
  sample.cleanup();
});

function watch(now: string, inputs: Record<string, string> = {}) {
  return runAction('watch', { workspace: sample.repo.dir, event: { schedule: '*/15 * * * *' }, eventName: 'schedule', apiUrl: github.url, inputs: { token: github.token, now, ...inputs } });
}

const tracking = () => github.state.issues().filter((i) => !i.pull && i.labels.includes('sitrep-watch'));
const issueOf = (id: string) => tracking().find((i) => i.body?.startsWith(`<!-- sitrep:watch id=${id} -->`));

/** The mentions GitHub would notify: `@name` or `@org/team` outside code spans. */
function mentions(body: string): string[] {
  const text = body.replace(/`[^`\n]*`/g, '');
  return [...text.matchAll(/(?<![\w@])@([A-Za-z0-9][A-Za-z0-9-]*(?:\/[A-Za-z0-9][A-Za-z0-9._-]*)?)/g)].map((m) => m[1]).sort();
}

describe('watch', { timeout: 180_000 }, () => {
  it('opens one issue per open incident with findings, mentioning exactly the escalation level; a rerun writes nothing', async () => {
    const first = await watch('2026-11-25T12:00:00Z');
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(JSON.parse(first.outputs.tracked)).toEqual(['INC-2026-0006', 'INC-2026-0004']);
    expect(first.outputs).toMatchObject({ created: '2', updated: '0', closed: '0' });
    expect(tracking()).toHaveLength(2);
    const i6 = issueOf('INC-2026-0006')!;
    const i4 = issueOf('INC-2026-0004')!;
    expect(i6.state).toBe('open');
    expect(i6.title).toContain('INC-2026-0006');
    // SEV2 detected: level 3 of the vendor-feed policy names team:data-platform and exec:head-of-data.
    expect(mentions(i6.body!)).toEqual(['acme-data/data-platform', 'maya-thompson']);
    // INC-2026-0004: level 2 of the critical policy, the same targets.
    expect(mentions(i4.body!)).toEqual(['acme-data/data-platform', 'maya-thompson']);
    expect(i4.body).toContain('| stakeholder update | 2026-11-25T10:55:00Z |');
    // The closed incident with an overdue action item is not tracked by default.
    expect(issueOf('INC-2026-0001')).toBeUndefined();
    expect(github.callsTo('issues/list-for-repo')[0].query).toMatchObject({ labels: 'sitrep-watch', state: 'all', per_page: '100' });

    github.clearCalls();
    const again = await watch('2026-11-25T12:30:00Z');
    expect(again.code).toBe(0);
    expect(github.writes()).toEqual([]);
    expect(again.outputs).toMatchObject({ created: '0', updated: '0', closed: '0' });
  });

  it('updates the body when the escalation level changes, and mentions the new level only', async () => {
    await watch('2026-11-25T12:00:00Z');
    const before = issueOf('INC-2026-0004')!;
    github.clearCalls();

    const later = await watch('2026-11-25T13:00:00Z');
    expect(later.code).toBe(0);
    expect(later.outputs).toMatchObject({ created: '0', updated: '1', closed: '0' });
    expect(github.writes().map((c) => ({ op: c.operationId, path: c.path }))).toEqual([
      { op: 'issues/update', path: `/repos/${OWNER}/${REPO}/issues/${before.number}` },
    ]);
    // Level 3 of the critical policy: the CFO and CTO (and a vendor, who has no GitHub login).
    expect(mentions(issueOf('INC-2026-0004')!.body!)).toEqual(['daniel-brooks', 'rachel-kim']);
  });

  it('closes the issue when the incident has no finding any more, and reopens it when findings return', async () => {
    await watch('2026-11-25T12:00:00Z');
    const number = issueOf('INC-2026-0004')!.number;
    // A stakeholder update at 11:50 resets the update box: no finding left for INC-2026-0004 at 12:00.
    appendToList(sample, INC_0004, 'updates', '  - at: 2026-11-25T11:50:00Z\n    audience: consumers\n    stage: remediation\n    by: hana-sato\n    text: Back-fill done; numbers are final.');
    sample.repo.commit('update', { date: '2026-11-25T11:55:00Z' });
    github.clearCalls();

    const run = await watch('2026-11-25T12:00:00Z');
    expect(run.outputs).toMatchObject({ created: '0', updated: '0', closed: '1' });
    expect(github.state.issue(number)!.state).toBe('closed');
    expect(github.writes().map((c) => c.body)).toEqual([{ state: 'closed' }]);

    // Two hours later the next update is late again: the same issue is reopened, not a new one.
    const back = await watch('2026-11-25T14:30:00Z');
    expect(back.outputs).toMatchObject({ created: '0', updated: '1' });
    expect(github.state.issue(number)!.state).toBe('open');
    expect(tracking().filter((i) => i.body?.includes('id=INC-2026-0004'))).toHaveLength(1);
  });

  it('finds its issues across pages among many with the label', async () => {
    for (let i = 0; i < 130; i++) github.state.addIssue({ title: `old ${i}`, body: 'unrelated', labels: ['sitrep-watch'], state: 'closed' });
    await watch('2026-11-25T12:00:00Z');
    github.clearCalls();
    const again = await watch('2026-11-25T12:00:00Z');
    expect(github.callsTo('issues/list-for-repo').length).toBe(2);
    expect(github.writes()).toEqual([]);
    expect(again.outputs.created).toBe('0');
  });

  it('tracks closed incidents with overdue reviews or action items when asked', async () => {
    const run = await watch('2026-11-25T12:00:00Z', { 'include-closed': 'true' });
    expect(JSON.parse(run.outputs.tracked)).toContain('INC-2026-0001');
    expect(mentions(issueOf('INC-2026-0001')!.body!)).toEqual(['acme-data/payments-data', 'daniel-brooks', 'rachel-kim']);
  });
});
