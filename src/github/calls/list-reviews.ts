import { defineCall } from '../call.js';
import { PER_PAGE } from '../limits.js';
import type { Review, ReviewState } from '../port.js';

const REVIEW_STATES: readonly string[] = ['APPROVED', 'CHANGES_REQUESTED', 'COMMENTED', 'DISMISSED', 'PENDING'] satisfies ReviewState[];

// The spec types `state` as a plain string; the sign-off gate must not guess at a new one.
function reviewState(state: string): ReviewState {
  if (!REVIEW_STATES.includes(state)) throw new Error(`GitHub returned an unknown review state: ${state}`);
  return state as ReviewState;
}

export const listReviews = defineCall('pulls/list-reviews', async (client, repo, number: number): Promise<Review[]> => {
  const reviews = await client.paginate(client.rest.pulls.listReviews, { ...repo, pull_number: number, per_page: PER_PAGE });
  return reviews.map((review) => ({
    id: review.id,
    user: review.user?.login ?? 'ghost',
    state: reviewState(review.state),
    commitId: review.commit_id,
    submittedAt: review.submitted_at ?? null,
  }));
});
