// The pure decisions behind the Actions (src/core/routing.ts, gate.ts, labels.ts,
// sticky-comment.ts, watch-issues.ts) on the project's sample, with edits as a PR would make them.
import { beforeAll, describe, expect, it } from 'vitest';
import { FsSource } from '../../src/io/fs-source.js';
import { OverlaySource } from '../../src/core/overlay-source.js';
import { loadRepo } from '../../src/core/load.js';
import { buildIndex, type RepoIndex } from '../../src/core/repo-index.js';
import { planReviewRequests, routeReviews, usersToCheck, type ChangedPath } from '../../src/core/routing.js';
import { gateClaims, gateVerdict, latestDecisiveReview, type GateClaim, type GateReview } from '../../src/core/gate.js';
import { incidentLabels, isManagedLabel, labelChanges } from '../../src/core/labels.js';
import { PR_COMMENT_MARKER, findSticky, fitBody, stickyBody, stickyDecision, watchMarker } from '../../src/core/sticky-comment.js';
import { mentionLine, planTrackingIssues, type TrackedIssue } from '../../src/core/watch-issues.js';
import { computeWatch } from '../../src/core/watch.js';
import type { Incident } from '../../src/core/schema/incident.js';
import { REPO_ROOT } from '../support/paths.js';

let base: RepoIndex;
const sampleText = new Map<string, string>();

async function indexOf(edits: Record<string, string | null> = {}): Promise<RepoIndex> {
  const source = new OverlaySource(new FsSource(REPO_ROOT), new Map(Object.entries(edits)));
  return buildIndex((await loadRepo(source)).model);
}

async function read(path: string): Promise<string> {
  if (!sampleText.has(path)) sampleText.set(path, (await new FsSource(REPO_ROOT).read(path))!.toString('utf8'));
  return sampleText.get(path)!;
}

beforeAll(async () => {
  base = await indexOf();
});

const INC4 = 'incidents/2026/INC-2026-0004.yaml';
const INC2 = 'incidents/2026/INC-2026-0002.yaml';
const modified = (path: string): ChangedPath => ({ path, status: 'modified' });

describe('routeReviews', () => {
  it('routes an incident to its owner, its datasets\' producers, and their platform at a route_platform severity', async () => {
    const r = routeReviews([modified(INC4)], base, base);
    expect(r.users).toEqual(['gus-lindqvist']);
    expect(r.teams.map((t) => t.github)).toEqual(['@acme-data/payments-data', '@acme-data/data-platform', '@acme-data/finance-analytics']);
    expect(r.reasons.filter((x) => x.kind === 'team').map((x) => x.role)).toEqual([
      'producer of payments.fct_payments', 'platform of payments.fct_payments', 'producer of finance.fct_revenue', 'platform of finance.fct_revenue',
    ]);
    // SEV4: no route_platform.
    expect(routeReviews([modified(INC2)], base, base).teams.map((t) => t.id)).toEqual(['payments-data']);
  });

  it('takes owners from the base: a PR cannot hand a dataset to its own team or change a team\'s handle', async () => {
    const payments = await read('ownership/domains/payments.yaml');
    const teams = await read('ownership/teams.yaml');
    const head = await indexOf({
      'ownership/domains/payments.yaml': payments.replace(/producer: payments-data/g, 'producer: marketing-analytics'),
      'ownership/teams.yaml': teams.replace('github: "@acme-data/payments-data"', 'github: "@acme-data/everyone"'),
    });
    const r = routeReviews([modified(INC4), modified('ownership/domains/payments.yaml'), modified('ownership/teams.yaml')], base, head);
    expect(r.teams.map((t) => t.github)).toContain('@acme-data/payments-data');
    expect(r.teams.map((t) => t.github)).not.toContain('@acme-data/everyone');
    expect(r.teams.map((t) => t.id)).not.toContain('marketing-analytics');
    // teams.yaml goes to the admins; the domain file to its owner team and steward.
    expect(r.reasons).toContainEqual({ kind: 'team', who: 'data-platform', file: 'ownership/teams.yaml', role: "the admins' file ownership/teams.yaml" });
    expect(r.reasons).toContainEqual({ kind: 'user', who: 'farah-haddad', file: 'ownership/domains/payments.yaml', role: 'steward of domain payments' });
  });

  it('routes both versions of a changed incident, new files to the admins, runbooks to their owner, and the machinery to the admins', async () => {
    const inc = await read(INC4);
    // The PR swaps the incident's owner and datasets: the old owner and producers are asked too.
    const head = await indexOf({ [INC4]: inc.replace('owner: gus-lindqvist', 'owner: lena-fischer').replace('datasets: [payments.fct_payments, finance.fct_revenue]', 'datasets: [marketing.raw_segment_events]') });
    const r = routeReviews([modified(INC4), { path: 'runbooks/volume-anomaly.yaml', status: 'modified' }, { path: 'runbooks/new-one.yaml', status: 'added' }, { path: 'ownership/domains/new.yaml', status: 'added' }], base, head, { machinery: ['.github/workflows/sitrep-pr.yml'] });
    expect(r.users).toEqual(['lena-fischer', 'gus-lindqvist']);
    expect(r.teams.map((t) => t.id)).toEqual(expect.arrayContaining(['payments-data', 'finance-analytics', 'data-platform']));
    expect(r.reasons.map((x) => `${x.who}: ${x.role}`)).toEqual(expect.arrayContaining([
      'data-platform: the workflows and Actions that enforce the checks',
      'data-platform: a runbook new in this PR',
      'data-platform: a domain file new in this PR',
    ]));
    const runbookOwner = base.runbooks.get('volume-anomaly')!.data.owner;
    expect(r.reasons).toContainEqual({ kind: 'team', who: runbookOwner, file: 'runbooks/volume-anomaly.yaml', role: 'owner of runbook volume-anomaly' });
  });

  it('a renamed incident is read at its old path in the base', () => {
    const r = routeReviews([{ path: 'incidents/2026/INC-2026-0099.yaml', status: 'renamed', previousPath: INC4 }], base, base);
    expect(r.users).toEqual(['gus-lindqvist']);
  });

  it('reports what it cannot route', async () => {
    const inc = await read(INC4);
    const head = await indexOf({ [INC4]: inc.replace('datasets: [payments.fct_payments, finance.fct_revenue]', 'datasets: [payments.brand_new]') });
    const r = routeReviews([modified(INC4)], base, head);
    expect(r.gaps).toContainEqual({ file: INC4, message: 'dataset `payments.brand_new` is not in the base ownership, so its producer cannot be routed from it' });
  });
});

describe('planReviewRequests', () => {
  const routing = () => routeReviews([modified(INC4)], base, base);
  const state = (over: Partial<Parameters<typeof planReviewRequests>[1]> = {}) => ({
    author: 'hana-sato', org: 'acme-data', requested: { users: [], teams: [] }, reviewedBy: [], collaborators: new Map<string, boolean>(), ...over,
  });

  it('asks everyone routed, then nobody once they are asked: idempotent', () => {
    const first = planReviewRequests(routing(), state(), base);
    expect(first.users).toEqual(['gus-lindqvist']);
    expect(first.teams).toEqual(['payments-data', 'data-platform', 'finance-analytics']);
    const second = planReviewRequests(routing(), state({ requested: { users: first.users, teams: first.teams } }), base);
    expect([...second.users, ...second.teams]).toEqual([]);
    expect(second.satisfied).toHaveLength(4);
  });

  it('never asks the author (any letter case), skips non-collaborators and teams of other organisations', () => {
    const plan = planReviewRequests(routing(), state({ author: 'Gus-Lindqvist', org: 'other-org' }), base);
    expect(plan.users).toEqual([]);
    expect(plan.teams).toEqual([]);
    expect(plan.skipped.map((s) => s.who)).toEqual(['gus-lindqvist', '@acme-data/payments-data', '@acme-data/data-platform', '@acme-data/finance-analytics']);
    expect(usersToCheck(routing(), 'GUS-LINDQVIST')).toEqual([]);
    const noCollab = planReviewRequests(routing(), state({ collaborators: new Map([['gus-lindqvist', false]]) }), base);
    expect(noCollab.skipped).toEqual([{ kind: 'user', who: 'gus-lindqvist', why: 'is not a collaborator of this repository, so GitHub cannot ask them to review' }]);
  });

  it('does not ask again who reviewed, or a team one of whose members reviewed', () => {
    const plan = planReviewRequests(routing(), state({ reviewedBy: ['gus-lindqvist', 'farah-haddad'] }), base);
    expect(plan.users).toEqual([]);
    // gus-lindqvist and farah-haddad are payments-data members.
    expect(plan.teams).toEqual(['data-platform', 'finance-analytics']);
  });
});

describe('gateVerdict', () => {
  const HEAD = 'a'.repeat(40);
  const OLD = 'b'.repeat(40);
  const claim: GateClaim = { kind: 'signoff', incident: 'INC-1', file: 'f.yaml', team: 'payments-data', role: 'producer', by: 'farah-haddad', eligible: ['farah-haddad', 'hana-sato'] };
  let id = 0;
  const review = (user: string, state: GateReview['state'], commitId = HEAD, at = `2026-11-25T10:${String(10 + id).padStart(2, '0')}:00Z`): GateReview => ({ id: ++id, user, state, commitId, submittedAt: state === 'PENDING' ? null : at });
  const verdict = (reviews: GateReview[], over: Partial<GateClaim> = {}, author = 'hana-sato') =>
    gateVerdict({ claims: [{ ...claim, ...over } as GateClaim], reviews, author, headSha: HEAD }).items[0];

  it.each([
    ['an approval on the head', [review('farah-haddad', 'APPROVED')], true, undefined],
    ['an approval whose login differs in case', [review('Farah-Haddad', 'APPROVED')], true, undefined],
    ['no review', [], false, 'no-review'],
    ['a pending review only', [review('farah-haddad', 'PENDING')], false, 'no-review'],
    ['an approval of an older commit', [review('farah-haddad', 'APPROVED', OLD)], false, 'stale-approval'],
    ['an approval of a commit GitHub lost', [review('farah-haddad', 'APPROVED', null as unknown as string)], false, 'stale-approval'],
    ['approval then changes requested', [review('farah-haddad', 'APPROVED'), review('farah-haddad', 'CHANGES_REQUESTED')], false, 'not-approved'],
    ['approval then dismissed', [review('farah-haddad', 'APPROVED'), review('farah-haddad', 'DISMISSED')], false, 'not-approved'],
    ['changes requested then approval', [review('farah-haddad', 'CHANGES_REQUESTED'), review('farah-haddad', 'APPROVED')], true, undefined],
    ['approval then a comment', [review('farah-haddad', 'APPROVED'), review('farah-haddad', 'COMMENTED')], true, undefined],
    ['someone else\'s approval', [review('gus-lindqvist', 'APPROVED')], false, 'no-review'],
  ] as const)('%s', (_name, reviews, ok, problem) => {
    const item = verdict([...reviews]);
    expect(item.ok).toBe(ok);
    expect(item.problem).toBe(problem);
  });

  it('the latest review is by submission time, whatever the list order', () => {
    const reviews = [review('farah-haddad', 'CHANGES_REQUESTED', HEAD, '2026-11-25T12:00:00Z'), review('farah-haddad', 'APPROVED', HEAD, '2026-11-25T11:00:00Z')];
    expect(latestDecisiveReview(reviews, 'farah-haddad')!.state).toBe('CHANGES_REQUESTED');
  });

  it('the author never counts, eligible or not; an ineligible signer never counts; a missing claim is missing', () => {
    expect(verdict([review('hana-sato', 'APPROVED')], { by: 'hana-sato' }).problem).toBe('author');
    expect(verdict([review('HANA-SATO', 'APPROVED')], { by: 'hana-sato' }, 'Hana-Sato').problem).toBe('author');
    expect(verdict([review('marco-rossi', 'APPROVED')], { by: 'marco-rossi' }).problem).toBe('not-eligible');
    expect(verdict([], { by: null }).problem).toBe('no-claim');
  });

  it('gateClaims keeps only signers who are members now too (an old merge base cannot revive a removed member)', async () => {
    const teams = await read('ownership/teams.yaml');
    const now = await indexOf({ 'ownership/teams.yaml': teams.replace('members: [farah-haddad, gus-lindqvist, hana-sato, wei-chen]', 'members: [gus-lindqvist, hana-sato, wei-chen]').replace('leads: [farah-haddad]', 'leads: [gus-lindqvist]') });
    const claims = gateClaims([{ incident: 'INC-1', file: 'f', team: 'payments-data', role: 'producer', members: ['farah-haddad', 'gus-lindqvist'], claimed_by: 'farah-haddad' }], [
      { incident: 'INC-1', file: 'f', rule: 'STAGE_EVIDENCE', stage: 'closed', approved_by: 'nobody-known', added: true, used: true },
      { incident: 'INC-1', file: 'f', rule: 'STAGE_EVIDENCE', stage: 'closed', approved_by: 'priya-raman', added: true, used: true },
    ], now);
    expect(claims.map((c) => c.eligible)).toEqual([['gus-lindqvist'], [], ['priya-raman']]);
  });
});

describe('labels', () => {
  const inc = (o: Partial<Incident>) => ({ severity: 'SEV2', domain: 'payments', status: 'contained', ...o }) as Incident;
  it('one per severity, domain and status, with the prefix, and only ours are removed', () => {
    expect(incidentLabels([inc({}), inc({ status: 'closed', domain: 'orders' })], 'sitrep:')).toEqual([
      'sitrep:severity:SEV2', 'sitrep:domain:payments', 'sitrep:domain:orders', 'sitrep:status:contained', 'sitrep:status:closed',
    ]);
    expect(labelChanges(['Status:Detected', 'bug', 'severity:sev2'], ['severity:SEV2', 'status:contained'])).toEqual({ add: ['status:contained'], remove: ['Status:Detected'] });
    expect(labelChanges(['severity:SEV2', 'status:contained'], ['severity:SEV2', 'status:contained'])).toEqual({ add: [], remove: [] });
    expect(isManagedLabel('sitrep:status:x', 'sitrep:')).toBe(true);
    expect(isManagedLabel('status:x', 'sitrep:')).toBe(false);
  });
  it('values cannot smuggle commas, spaces or overlong names', () => {
    expect(incidentLabels([inc({ domain: 'a, b\nc', status: 'x'.repeat(60) as Incident['status'] })])).toEqual(['severity:SEV2', 'domain:a-b-c']);
  });
});

describe('sticky comments', () => {
  const body = stickyBody(PR_COMMENT_MARKER, '### title', [{ heading: '#### a', markdown: 'text  \r\n' }]);
  it('is found by marker and author, oldest first, and updated only when it changed', () => {
    const comments = [
      { id: 1, user: 'mallory', body: `${PR_COMMENT_MARKER}\nfake` },
      { id: 2, user: 'github-actions[bot]', body: 'quotes the marker later: <!-- sitrep:pr-comment -->' },
      { id: 3, user: 'github-actions[bot]', body },
      { id: 4, user: 'GitHub-Actions[bot]', body: `${PR_COMMENT_MARKER}\nrace` },
    ];
    const { sticky, duplicates } = findSticky(comments, PR_COMMENT_MARKER, 'github-actions[bot]');
    expect(sticky?.id).toBe(3);
    expect(duplicates.map((d) => d.id)).toEqual([4]);
    expect(stickyDecision(sticky, body)).toEqual({ action: 'none', id: 3 });
    expect(stickyDecision({ ...sticky!, body: body.replace(/\n/g, '\r\n') }, body)).toEqual({ action: 'none', id: 3 });
    expect(stickyDecision(sticky, `${body}x`)).toEqual({ action: 'update', id: 3, body: `${body}x` });
    expect(stickyDecision(undefined, body)).toEqual({ action: 'create', body });
    expect(body).toBe(`${PR_COMMENT_MARKER}\n### title\n\n---\n\n#### a\n\ntext\n`);
  });
  it('a body over GitHub\'s limit is cut at a line and an open code fence is closed', () => {
    const long = `${PR_COMMENT_MARKER}\n\`\`\`mermaid\n${'x\n'.repeat(40_000)}\`\`\`\n`;
    const cut = fitBody(long, 'cut', 1000);
    expect(cut.length).toBeLessThanOrEqual(1000);
    expect(cut.match(/^```/gm)).toHaveLength(2);
    expect(cut.endsWith('_cut_\n')).toBe(true);
  });
});

describe('watch tracking issues', () => {
  it('creates, leaves alone, updates, reopens and closes, by marker', async () => {
    const result = computeWatch(base, Date.parse('2026-11-25T12:00:00Z'));
    const open = result.incidents.filter((w) => w.status !== 'closed');
    const created = planTrackingIssues(open, [], 'sitrep-watch');
    expect(created.map((c) => c.action)).toEqual(['create', 'create']);
    const issues: TrackedIssue[] = created.map((c, i) => ({ number: i + 1, title: (c as { title: string }).title, body: (c as { body: string }).body, state: 'open', labels: ['sitrep-watch'] }));
    expect(planTrackingIssues(open, issues, 'sitrep-watch').map((c) => c.action)).toEqual(['none', 'none']);
    issues[1].state = 'closed';
    issues.push({ number: 9, title: 'x', body: `${watchMarker('INC-2024-0001')}\nold`, state: 'open', labels: ['sitrep-watch'] });
    issues.push({ number: 10, title: 'y', body: 'not ours', state: 'open', labels: ['sitrep-watch'] });
    expect(planTrackingIssues(open, issues, 'sitrep-watch')).toEqual([
      { action: 'none', incident: open[0].id, number: 1 },
      { action: 'update', incident: open[1].id, number: 2, state: 'open' },
      { action: 'close', incident: 'INC-2024-0001', number: 9 },
    ]);
  });
  it('mentions only well-formed logins and team handles', () => {
    expect(mentionLine(['b-user', 'a-user', 'bad name', '@x', 'a-user'], ['@acme-data/data-platform', 'acme-data/no-at', '@o/t x'])).toBe('@a-user @b-user @acme-data/data-platform');
  });
});
