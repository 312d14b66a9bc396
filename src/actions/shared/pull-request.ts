/**
 * Which pull request a write Action works on, and whether it is still the one the event saw.
 *
 * In the `workflow_run` job (docs/actions.md) the PR comes from the finished check run: the
 * payload's `workflow_run.pull_requests` for a branch of this repository, or the `pull-number`
 * input (from the checks' artifact) for a fork, where GitHub leaves that list empty. Either way
 * the number is only a hint: the PR is read from the API, and its head must be the commit the
 * checks ran on (`workflow_run.head_sha`), or the run is stale and does nothing; the run for
 * the newer head will follow.
 */
import type { GitHubPort, PullRequest } from '../../github/port.js';
import { ActionInputError, prNumberOf, pullRequestOfEvent, shaOf, type EventPayload } from './env.js';

export type ResolvedPullRequest =
  | { ok: true; pr: PullRequest }
  | { ok: false; number: number; reason: string };

export async function resolvePullRequest(port: GitHubPort, event: EventPayload, numberInput: number | undefined): Promise<ResolvedPullRequest> {
  const run = event.workflow_run;
  const expectedHead = shaOf(run?.head_sha);
  let number = numberInput ?? pullRequestOfEvent(event)?.number;
  if (!number && Array.isArray(run?.pull_requests)) {
    const match = run.pull_requests.find((p: any) => shaOf(p?.head?.sha) === expectedHead) ?? run.pull_requests[0];
    number = prNumberOf(match?.number);
  }
  if (!number) {
    throw new ActionInputError('no pull request: run on pull_request or workflow_run (of a pull_request run), or pass `pull-number`');
  }
  const pr = await port.getPullRequest(number);
  if (pr.state !== 'open') return { ok: false, number, reason: `pull request #${number} is ${pr.state}` };
  if (expectedHead && pr.headSha !== expectedHead) {
    return { ok: false, number, reason: `pull request #${number} is now at ${pr.headSha.slice(0, 12)}, not ${expectedHead.slice(0, 12)} that the checks ran on; the run for the newer head will handle it` };
  }
  return { ok: true, pr };
}
