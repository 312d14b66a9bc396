/**
 * route: asks the right people to review an incident PR and labels it (src/core/routing.ts,
 * src/core/labels.ts). Owners come from the **base** ownership; the PR's files are read at its
 * head through git objects only. Idempotent: whoever is already requested or has reviewed is
 * not asked again, labels already right are not touched, so a second run makes no write call.
 * It never asks the PR's author (GitHub answers 422) and skips whoever cannot review (not a
 * collaborator, a team of another organisation), saying so in the job summary.
 */
import * as core from '@actions/core';
import { routeReviews, planReviewRequests, isMachineryPath, usersToCheck, type ChangedPath, type ReviewRequestPlan, type SkippedReviewer } from '../../core/routing.js';
import { incidentLabels, labelChanges } from '../../core/labels.js';
import type { Incident } from '../../core/schema/incident.js';
import { kindOf } from '../../core/schema/file-kinds.js';
import { ReviewRequestRejectedError, type GitHubPort, type Reviewers } from '../../github/index.js';
import { readEnv, readEvent, incidentRoot } from '../shared/env.js';
import { prNumberInput, stringInput } from '../shared/inputs.js';
import { githubPort } from '../shared/github.js';
import { Summary } from '../shared/summary.js';
import { log } from '../shared/log.js';
import { runAction } from '../shared/run.js';
import { loadPullRequestModels, openTrees } from '../shared/repo.js';
import { resolvePullRequest } from '../shared/pull-request.js';

/** Requests reviews; when GitHub refuses the batch (422), asks one by one and reports who it refused. */
async function requestReviews(port: GitHubPort, number: number, plan: ReviewRequestPlan): Promise<{ requested: Reviewers; refused: SkippedReviewer[] }> {
  const requested: Reviewers = { users: [], teams: [] };
  const refused: SkippedReviewer[] = [];
  if (!plan.users.length && !plan.teams.length) return { requested, refused };
  try {
    await port.requestReviewers(number, { users: plan.users, teams: plan.teams });
    return { requested: { users: [...plan.users], teams: [...plan.teams] }, refused };
  } catch (error) {
    if (!(error instanceof ReviewRequestRejectedError)) throw error;
  }
  const one = async (kind: 'user' | 'team', who: string) => {
    try {
      await port.requestReviewers(number, kind === 'user' ? { users: [who], teams: [] } : { users: [], teams: [who] });
      (kind === 'user' ? requested.users : requested.teams).push(who);
    } catch (error) {
      if (!(error instanceof ReviewRequestRejectedError)) throw error;
      refused.push({ kind, who, why: `GitHub refused the request: ${error.githubMessage}` });
    }
  };
  for (const u of plan.users) await one('user', u);
  for (const t of plan.teams) await one('team', t);
  return { requested, refused };
}

export async function run(): Promise<void> {
  await runAction('route', async () => {
    const env = readEnv();
    const event = await readEvent(env);
    const { dir, prefix } = incidentRoot(env, stringInput('root', '.'));
    const port = githubPort(env);
    const resolved = await resolvePullRequest(port, event, prNumberInput('pull-number'));
    const summary = new Summary().heading('sitrep route');
    if (!resolved.ok) {
      log(`route: nothing to do: ${resolved.reason}`);
      summary.paragraph(`Nothing to do: ${resolved.reason}.`);
      await summary.write();
      core.setOutput('requested-users', '[]');
      core.setOutput('requested-teams', '[]');
      return;
    }
    const { pr } = resolved;
    // GitHub lists paths from the repository's top; the incident repo may be a subfolder.
    const all = await port.listPullRequestFiles(pr.number);
    const inRoot = (p: string | undefined) => p !== undefined && p.startsWith(prefix);
    const strip = (p: string) => p.slice(prefix.length);
    const files: ChangedPath[] = all.flatMap((f): ChangedPath[] => {
      if (inRoot(f.path)) return [{ ...f, path: strip(f.path), ...(inRoot(f.previousPath) ? { previousPath: strip(f.previousPath!) } : { previousPath: undefined }) }];
      // Moved out of the incident repo: for it, a removal.
      return inRoot(f.previousPath) ? [{ path: strip(f.previousPath!), status: 'removed' }] : [];
    }).map((f) => (f.previousPath === undefined ? { path: f.path, status: f.status } : f));
    const machinery = all.map((f) => f.path).filter(isMachineryPath);
    const trees = await openTrees(dir, pr.baseSha, pr.headSha);
    let models;
    try {
      models = await loadPullRequestModels(trees, files);
    } finally {
      await trees.close();
    }
    const routing = routeReviews(files, models.base, models.head, { machinery });

    // What GitHub already has: pending requests and submitted reviews.
    const [pending, reviews] = await Promise.all([port.listRequestedReviewers(pr.number), port.listReviews(pr.number)]);
    const reviewedBy = [...new Set(reviews.filter((r) => r.state !== 'PENDING').map((r) => r.user))];
    const collaborators = new Map<string, boolean>();
    for (const login of usersToCheck(routing, pr.author)) {
      const known = [...pending.users, ...reviewedBy].some((u) => u.toLowerCase() === login.toLowerCase());
      if (!known) collaborators.set(login, await port.isCollaborator(login));
    }
    const plan = planReviewRequests(routing, { author: pr.author, org: port.repo.owner, requested: pending, reviewedBy, collaborators }, models.base);
    const { requested, refused } = await requestReviews(port, pr.number, plan);
    const skipped = [...plan.skipped, ...refused];

    // Labels from the head version of the incidents the PR touches.
    const incidents = models.head.model.incidents
      .filter((i) => kindOf(i.path)?.kind === 'incident' && files.some((f) => f.path === i.path))
      .map((i) => i.data as Incident);
    const labelPrefix = models.base.config?.github?.label_prefix ?? '';
    const wanted = incidentLabels(incidents, labelPrefix);
    const current = await port.listIssueLabels(pr.number);
    const change = labelChanges(current, wanted, labelPrefix);
    if (change.add.length) await port.addLabels(pr.number, change.add);
    for (const label of change.remove) await port.removeLabel(pr.number, label);

    // Report.
    const team = (id: string) => models.base.teams.get(id)?.github ?? id;
    summary.paragraph(`Pull request #${pr.number} by ${pr.author}: ${files.length} changed file(s) in the incident repo, routed from the base ownership at ${pr.baseSha.slice(0, 12)}.`);
    if (routing.reasons.length) {
      summary.heading('Who must review', 3).table(
        ['Reviewer', 'Why', 'File'],
        routing.reasons.map((r) => [r.kind === 'team' ? `${team(r.who)} (${r.who})` : r.who, r.role, r.file]),
      );
    } else {
      summary.paragraph('No incident, ownership, runbook or config file changed: nobody to route.');
    }
    const asked = [...requested.users, ...requested.teams.map((t) => `@${port.repo.owner}/${t}`)];
    summary.heading('Review requests', 3).list([
      asked.length ? `Requested now: ${asked.join(', ')}` : 'Requested now: nobody',
      ...plan.satisfied.map((s) => `${s.who}: ${s.why}`),
    ]);
    if (skipped.length) summary.heading('Skipped: cannot review', 3).list(skipped.map((s) => `${s.who} ${s.why}`));
    if (routing.gaps.length) summary.heading('Could not route', 3).list(routing.gaps.map((g) => `${g.file}: ${g.message}`));
    summary.heading('Labels', 3).list([
      `Wanted: ${wanted.join(', ') || 'none'}`,
      `Added: ${change.add.join(', ') || 'none'}`,
      `Removed: ${change.remove.join(', ') || 'none'}`,
    ]);
    await summary.write();

    log(`route: requested ${asked.length ? asked.join(', ') : 'nobody'}; ${plan.satisfied.length} already asked or reviewed; ${skipped.length} skipped`);
    for (const s of skipped) log(`route: skipped ${s.who}: ${s.why}`);
    log(`route: labels +[${change.add.join(', ')}] -[${change.remove.join(', ')}]`);

    core.setOutput('users', JSON.stringify(routing.users));
    core.setOutput('teams', JSON.stringify(routing.teams.map((t) => t.github)));
    core.setOutput('requested-users', JSON.stringify(requested.users));
    core.setOutput('requested-teams', JSON.stringify(requested.teams));
    core.setOutput('skipped', JSON.stringify(skipped.map((s) => s.who)));
    core.setOutput('labels', JSON.stringify(wanted));
  });
}
