/**
 * The walkthrough of docs/walkthrough.md, run for real on a git copy of the project's sample repo:
 * each step (one pull request) passes `validate`, and `check` against the step before; comments in
 * the edited files survive; the incident ends with a complete close notice. `sitrep status closed`
 * on the new incident is refused, and `sitrep codeowners --check` still passes at the end.
 *
 * SITREP_WRITE_WALKTHROUGH=1 npx vitest run test/authoring/walkthrough.test.ts  rewrites
 * docs/walkthrough.md from what this run printed.
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { createFixtureRepo, type FixtureRepo } from '../support/git-fixture.js';
import { hasStackTrace, runCli } from '../support/run-cli.js';
import { REPO_ROOT } from '../support/paths.js';
import { WALKTHROUGH_FILE, WALKTHROUGH_ID, WALKTHROUGH_START, WALKTHROUGH_STEPS, type WalkStep } from '../support/walkthrough-steps.js';
import { FsSource } from '../../src/io/fs-source.js';
import { validateRepo } from '../../src/core/validate.js';
import { routeReviews } from '../../src/core/routing.js';

const SAMPLE = ['sitrep.config.yaml', 'ownership', 'runbooks', 'incidents'];
const OTHER = 'incidents/2026/INC-2026-0006.yaml';
const WRITE = process.env.SITREP_WRITE_WALKTHROUGH === '1';

let repo: FixtureRepo;
let clock = Date.parse(WALKTHROUGH_START);
const iso = (t: number) => new Date(t).toISOString().replace('.000', '');

function sitrep(args: string[], env: Record<string, string> = {}) {
  const r = runCli(args, { cwd: repo.dir, env: { SITREP_USER: '', ...env } });
  expect(hasStackTrace(r.stdout + r.stderr), r.stderr).toBe(false);
  return r;
}

interface StepRecord { step: WalkStep; commands: { argv: string[]; stdout: string }[]; diff: string; reviewers: string[]; check: string; update?: string }
const records: StepRecord[] = [];
let refusal = '';
let watchBlock = '';
let watchNow = '';
let notice = '';

beforeAll(() => {
  repo = createFixtureRepo({ startDate: '2026-11-25T12:00:00Z' });
  for (const p of SAMPLE) cpSync(join(REPO_ROOT, p), join(repo.dir, p), { recursive: true });
  cpSync(join(REPO_ROOT, '.github/CODEOWNERS'), join(repo.dir, '.github/CODEOWNERS'));
  repo.commit('the sample repo', { date: '2026-11-26T00:00:00Z' });
});
afterAll(() => repo?.cleanup());

async function runStep(step: WalkStep, index: number): Promise<void> {
  const rec: StepRecord = { step, commands: [], diff: '', reviewers: [], check: '' };
  step.commands.forEach((argv, i) => {
    clock += (step.gaps?.[i] ?? 5) * 60_000;
    const r = sitrep([...argv, '--at', iso(clock)], { SITREP_USER: step.as });
    expect(r.code, `${argv.join(' ')}\n${r.stdout}${r.stderr}`).toBe(0);
    expect(r.stderr, argv.join(' ')).toBe('');
    rec.commands.push({ argv, stdout: r.stdout });
  });
  if (step.handEdit) {
    const path = join(repo.dir, WALKTHROUGH_FILE);
    const text = readFileSync(path, 'utf8');
    expect(text).toContain(step.handEdit[0]);
    writeFileSync(path, text.replace(step.handEdit[0], step.handEdit[1]));
  }
  clock += 60_000;
  repo.commit(step.title, { date: iso(clock), author: { name: step.as, email: `${step.as}@users.noreply.github.com` } });
  rec.diff = repo.git(['diff', '--unified=1', 'HEAD~1', 'HEAD', '--', WALKTHROUGH_FILE]);

  const v = sitrep(['validate']);
  expect(v.code, `validate after "${step.title}"\n${v.stdout}`).toBe(0);
  expect(v.stdout).toContain('0 errors, 0 warnings');
  const c = sitrep(['check', '--base', 'HEAD~1']);
  expect(c.code, `check after "${step.title}"\n${c.stdout}${c.stderr}`).toBe(0);
  rec.check = c.stdout;

  const { idx } = await validateRepo(new FsSource(repo.dir));
  const routing = routeReviews([{ path: WALKTHROUGH_FILE, status: index === 0 ? 'added' : 'modified' }], idx, idx);
  rec.reviewers = routing.reasons.map((r) => `${r.kind === 'team' ? idx.teams.get(r.who)?.github ?? r.who : `@${r.who}`} (${r.role})`);
  if (step.renderUpdate) {
    const u = sitrep(['render', 'update', WALKTHROUGH_ID, '--audience', step.renderUpdate, '--now', iso(clock)]);
    expect(u.code, u.stderr).toBe(0);
    rec.update = u.stdout;
  }
  records.push(rec);
}

describe(`the walkthrough: ${WALKTHROUGH_ID} from sitrep new to the close notice`, () => {
  it('step 1 declares the incident; closing it at once is refused with what is missing', async () => {
    await runStep(WALKTHROUGH_STEPS[0], 0);
    const inc = parse(readFileSync(join(repo.dir, WALKTHROUGH_FILE), 'utf8'));
    expect(inc).toMatchObject({ id: WALKTHROUGH_ID, status: 'detected', roles: { owner: 'dmitri-volkov' }, runbook: 'freshness-late-partition', channel: '#inc-2026-0007' });
    const r = sitrep(['status', WALKTHROUGH_ID, 'closed', '--at', iso(clock)], { SITREP_USER: 'dmitri-volkov' });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('may not move from detected to closed yet');
    expect(r.stderr).toContain('status closed needs a sign-off from team orders-data (producer)');
    expect(repo.git(['status', '--porcelain'])).toBe('');
    refusal = r.stderr;
    // Had nobody acknowledged it: at 03:25 the acknowledge box (PT30M) is 15 minutes over.
    watchNow = '2026-11-26T03:25:00Z';
    const w = sitrep(['watch', '--now', watchNow]);
    expect(w.code).toBe(0);
    watchBlock = w.stdout.split('\n\n').find((b) => b.startsWith(WALKTHROUGH_ID)) ?? '';
    expect(watchBlock).toContain('not acknowledged within the acknowledge box (PT30M from detected_at, due 2026-11-26T03:10:00Z); overdue by 15m');
    expect(watchBlock).toContain('escalation: policy critical of orders-data (producer), level 1 of 3');
    expect(watchBlock).toContain('tell: @wei-chen, @priya-raman');
  }, 240_000);

  WALKTHROUGH_STEPS.slice(1).forEach((step, i) => {
    it(`step ${i + 2}: ${step.title.replace(`${WALKTHROUGH_ID}: `, '')} passes validate and check against the step before`, async () => {
      await runStep(step, i + 1);
    }, 240_000);
  });

  it('keeps the comments of the edited files', () => {
    const text = readFileSync(join(repo.dir, WALKTHROUGH_FILE), 'utf8');
    expect(text).toContain('detected_at: 2026-11-26T02:40:00Z   # paged by the fct_orders freshness monitor\n');
    expect(text.startsWith('# yaml-language-server: $schema=../../schemas/incident.schema.json\n')).toBe(true);
    // A sample incident full of comments: an edit only adds lines.
    const before = readFileSync(join(repo.dir, OTHER), 'utf8');
    const r = sitrep(['log', 'INC-2026-0006', '--kind', 'note', '--at', iso(clock), 'Salesforce sync resumed after the token refresh.'], { SITREP_USER: 'julia-santos' });
    expect(r.code, r.stderr).toBe(0);
    const after = readFileSync(join(repo.dir, OTHER), 'utf8');
    const kept = after.split('\n');
    for (const line of before.split('\n')) expect(kept).toContain(line);
    expect(before.split('\n').filter((l) => /#/.test(l)).length).toBeGreaterThan(0);
    expect(after.length).toBeGreaterThan(before.length);
    repo.git(['checkout', '--', OTHER]);
  }, 60_000);

  it('ends in a complete close notice', () => {
    const r = sitrep(['render', 'notice', WALKTHROUGH_ID]);
    expect(r.code, r.stderr).toBe(0);
    notice = r.stdout;
    for (const section of ['## Close notice: INC-2026-0007', '### Summary and impact', '### Root cause', '### Remediation', '### Verification', '### Timeline', '### Sign-offs', '### Follow-ups']) {
      expect(notice).toContain(section);
    }
    expect(notice).toContain('Alert on the Airflow scheduler heartbeat');
    const inc = parse(readFileSync(join(repo.dir, WALKTHROUGH_FILE), 'utf8'));
    expect(inc.status).toBe('closed');
    expect(sitrep(['codeowners', '--check']).code).toBe(0);
  }, 60_000);

  it('writes docs/walkthrough.md when asked', () => {
    if (!WRITE) return;
    writeFileSync(join(REPO_ROOT, 'docs/walkthrough.md'), walkthroughMarkdown());
  });

  it('documents exactly the commands it runs', () => {
    const doc = readFileSync(join(REPO_ROOT, 'docs/walkthrough.md'), 'utf8');
    for (const step of WALKTHROUGH_STEPS) for (const argv of step.commands) expect(doc).toContain(shellLine(argv));
  });
});

// ---------------------------------------------------------------- the document

function shellQuote(a: string): string {
  return /^[A-Za-z0-9_./:@=,+-]+$/.test(a) ? a : `"${a.replace(/(["\\$`])/g, '\\$1')}"`;
}
function shellLine(argv: string[]): string {
  return `sitrep ${argv.map(shellQuote).join(' ')}`;
}
const fence = (lang: string, body: string) => `\`\`\`${lang}\n${body.replace(/\n+$/, '')}\n\`\`\``;
/** Markdown inside a quote block (rendered output shown as it renders). */
const quoted = (md: string) => md.replace(/\n+$/, '').split('\n').map((l) => (l ? `> ${l}` : '>')).join('\n');

function walkthroughMarkdown(): string {
  const out: string[] = [
    '# Walkthrough: one incident from `sitrep new` to the close notice',
    '',
    '<!-- Generated by test/authoring/walkthrough.test.ts from a real run on a git copy of the sample repo:',
    '     SITREP_WRITE_WALKTHROUGH=1 npx vitest run test/authoring/walkthrough.test.ts -->',
    '',
    `Dmitri is on call for orders-data in the sample repo (Acme's incident repo: \`ownership/\`, \`runbooks/\`,`,
    '`incidents/`). This is how he works one incident, one pull request per step. Every output below',
    'was printed by that run; the test runs the same commands, and after each step `sitrep validate`',
    'and `sitrep check --base HEAD~1` (what the checks workflow runs on the pull request) pass.',
    '',
    'Each command takes `--at T` (default: now) and `--by LOGIN` (default: `$SITREP_USER`, then the git',
    'user); here the times are given so the story is reproducible. See [authoring.md](authoring.md) for',
    'every command.',
    '',
  ];
  records.forEach((rec, i) => {
    out.push(`## ${i + 1}. ${rec.step.title.replace(`${WALKTHROUGH_ID}: `, '')}`, '', rec.step.story, '');
    out.push(fence('sh', rec.step.commands.map(shellLine).join('\n')), '');
    const printed = rec.commands.map((c) => c.stdout).join('').trim();
    if (printed) out.push('It prints:', '', fence('', printed), '');
    if (i === 0 && refusal) {
      out.push('Trying to close it right away is refused (exit 1), with everything that is missing:', '',
        fence('sh', `sitrep status ${WALKTHROUGH_ID} closed`), '', fence('', refusal.trim()), '');
    }
    if (i === 0 && watchBlock) {
      out.push(`Had nobody acknowledged it, \`sitrep watch\` (which the scheduled watch workflow runs) would report it at ${watchNow.slice(11, 16)}, with the escalation level of the producer team's policy and who must be told (the sample's other open incidents are left out here):`, '',
        fence('sh', `sitrep watch --now ${watchNow}`), '', fence('', watchBlock.trim()), '');
    }
    if (rec.step.handEdit) out.push(`By hand, Dmitri adds a comment to \`detected_at\`; the commands that follow keep it.`, '');
    out.push(`**The pull request** "${rec.step.title}" changes \`${WALKTHROUGH_FILE}\`:`, '', fence('diff', rec.diff.replace(/^diff --git.*\n(?:.*\n)*?(?=@@)/m, '')), '');
    if (rec.reviewers.length) out.push(`The route Action asks for reviews from: ${rec.reviewers.join(', ')}.`, '');
    out.push('**The checks**: `sitrep check --base HEAD~1` passes:', '', fence('', rec.check.trim()), '');
    if (rec.update) out.push(`**Rendered**: the stakeholder update for consumers (\`sitrep render update ${WALKTHROUGH_ID} --audience consumers\`), as the PR comment shows it:`, '', quoted(rec.update), '');
  });
  out.push('## The close notice', '', `\`sitrep render notice ${WALKTHROUGH_ID}\` (the comment Action posts it on the closing pull request; the site publishes it):`, '', quoted(notice), '');
  out.push('## What else runs meanwhile', '',
    '- `sitrep watch` (and the scheduled watch workflow) reports the time boxes that run over while the incident is open, with the escalation level and who must be told: see [commands/watch.md](commands/watch.md).',
    '- The gate Action makes the sign-off count only when alice-nguyen has approved the closing pull request on its head commit.',
    '- `sitrep codeowners --check` still passes: incident files are routed by their content, not by CODEOWNERS.',
    '');
  return out.join('\n');
}
