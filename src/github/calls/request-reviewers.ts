import { defineCall, githubMessageOf, statusOf } from '../call.js';
import { ReviewRequestRejectedError, type ReviewRequestRejection } from '../errors.js';
import type { Reviewers } from '../port.js';

// GitHub's 422 carries only a message; these are the two refusals its docs describe.
function rejection(message: string): ReviewRequestRejection {
  if (/pull request author/i.test(message)) return 'pull-request-author';
  if (/collaborator/i.test(message)) return 'not-collaborator';
  return 'other';
}

export const requestReviewers = defineCall('pulls/request-reviewers', async (client, repo, number: number, reviewers: Reviewers): Promise<void> => {
  if (reviewers.users.length === 0 && reviewers.teams.length === 0) return;
  try {
    await client.rest.pulls.requestReviewers({
      ...repo,
      pull_number: number,
      ...(reviewers.users.length > 0 ? { reviewers: reviewers.users } : {}),
      ...(reviewers.teams.length > 0 ? { team_reviewers: reviewers.teams } : {}),
    });
  } catch (error) {
    if (statusOf(error) !== 422) throw error;
    const message = githubMessageOf(error);
    throw new ReviewRequestRejectedError(rejection(message), message);
  }
});
