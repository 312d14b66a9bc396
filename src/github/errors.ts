// Errors the GitHub port throws. They carry plain data only: no request, no headers, so a
// token can never travel inside one into a log or a job summary.

/** GitHub answered with an error status the port does not turn into a result. */
export class GitHubApiError extends Error {
  override readonly name: string = 'GitHubApiError';

  constructor(
    /** What the port was doing, e.g. `pulls/get`. */
    readonly operation: string,
    readonly status: number,
    message: string,
  ) {
    super(`GitHub ${operation} failed (${status}): ${message}`);
  }
}

/** Why GitHub refused a review request, as far as its message tells. */
export type ReviewRequestRejection = 'pull-request-author' | 'not-collaborator' | 'other';

/** GitHub answered 422 to a review request. Callers report it rather than fail the run. */
export class ReviewRequestRejectedError extends GitHubApiError {
  override readonly name = 'ReviewRequestRejectedError';

  constructor(
    readonly reason: ReviewRequestRejection,
    /** GitHub's own message, e.g. "Review cannot be requested from pull request author." */
    readonly githubMessage: string,
  ) {
    super('pulls/request-reviewers', 422, githubMessage);
  }
}
