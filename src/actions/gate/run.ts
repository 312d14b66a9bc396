/**
 * gate, a required status check: every sign-off and waiver that `check` requires of the PR must
 * be backed by a real approval (src/core/gate.ts): the latest decisive review of the named person
 * is APPROVED, on the PR's head commit, by someone eligible in the base ownership who is not the
 * PR's author. The pull request is read fresh from the API (its head, base and author), so a
 * run started by `pull_request_review` judges the PR as it is now.
 */
import * as core from '@actions/core';
import { loadRepo } from '../../core/load.js';
import { buildIndex } from '../../core/repo-index.js';
import { describeClaim, gateClaims, gateVerdict } from '../../core/gate.js';
import { GitTreeSource } from '../../git/index.js';
import { readEnv, readEvent, incidentRoot, pullRequestOfEvent, ActionInputError } from '../shared/env.js';
import { prNumberInput, stringInput, timeInput } from '../shared/inputs.js';
import { githubPort } from '../shared/github.js';
import { Summary } from '../shared/summary.js';
import { log, neutralise } from '../shared/log.js';
import { fail, runAction } from '../shared/run.js';
import { checkPullRequest } from '../shared/repo.js';
import { ERROR_ANNOTATIONS_WHEN_FAILING } from '../shared/annotations.js';

export async function run(): Promise<void> {
  await runAction('gate', async () => {
    const env = readEnv();
    const event = await readEvent(env);
    const { dir, prefix } = incidentRoot(env, stringInput('root', '.'));
    const number = prNumberInput('pull-number') ?? pullRequestOfEvent(event)?.number;
    if (!number) throw new ActionInputError('no pull request: run on pull_request or pull_request_review, or pass `pull-number`');
    const port = githubPort(env);

    const pr = await port.getPullRequest(number);
    const checked = await checkPullRequest(dir, pr.baseSha, pr.headSha, timeInput('now'));
    const base = await GitTreeSource.open(dir, pr.baseSha);
    let claims;
    try {
      const baseIdx = buildIndex((await loadRepo(base, { includeIncident: () => false })).model);
      claims = gateClaims(checked.result.signoff_required, checked.result.waivers_required, baseIdx);
    } finally {
      await base.close();
    }
    const reviews = claims.length ? await port.listReviews(number) : [];
    const verdict = gateVerdict({ claims, reviews, author: pr.author, headSha: pr.headSha });

    const summary = new Summary().heading('sitrep gate');
    summary.paragraph(`Pull request #${pr.number} by ${pr.author}, head ${pr.headSha.slice(0, 12)}: ${claims.length} claim(s) to verify, ${verdict.missing.length} missing.`);
    if (verdict.items.length) {
      summary.table(
        ['Incident', 'Claim', 'By', 'Counts', 'Why'],
        verdict.items.map((i) => [i.claim.incident, describeClaim(i.claim), i.claim.by ?? '(none)', i.ok ? 'yes' : 'no', i.message]),
      );
    } else {
      summary.paragraph('This pull request closes no incident and adds or uses no waiver: nothing to sign off.');
    }
    await summary.write();

    let shown = 0;
    for (const item of verdict.missing) {
      if (++shown <= ERROR_ANNOTATIONS_WHEN_FAILING) core.error(neutralise(item.message), { title: 'sign-off missing', file: `${prefix}${item.claim.file}` });
      else log(`gate: ${item.message}`);
    }
    for (const item of verdict.items.filter((i) => i.ok)) log(`gate: ${item.message}`);

    core.setOutput('verdict', verdict.passed ? 'passed' : 'failed');
    core.setOutput('claims', String(claims.length));
    core.setOutput('missing', JSON.stringify(verdict.missing.map((i) => neutralise(i.message))));
    if (!verdict.passed) fail(`gate: ${verdict.missing.length} sign-off(s) or waiver(s) lack a valid approval; see the job summary`);
  });
}
