// The GitHub port: what sitrep needs from GitHub, as plain data. Actions and the CLI depend
// on this interface; only octokit-port.ts knows about Octokit, so tests and other adapters can
// stand in for GitHub without reproducing Octokit's types.

/** The repository every port call addresses, fixed at construction. */
export interface RepoRef {
  owner: string;
  repo: string;
}

export type PullRequestState = 'open' | 'closed';

export interface PullRequest {
  number: number;
  /** Login of the user who opened the pull request. */
  author: string;
  headSha: string;
  baseSha: string;
  baseRef: string;
  headRef: string;
  state: PullRequestState;
  draft: boolean;
}

export type FileStatus = 'added' | 'removed' | 'modified' | 'renamed' | 'copied' | 'changed' | 'unchanged';

export interface PullRequestFile {
  path: string;
  status: FileStatus;
  /** Set for renames (and copies): the path on the base side. */
  previousPath?: string;
}

export type ReviewState = 'APPROVED' | 'CHANGES_REQUESTED' | 'COMMENTED' | 'DISMISSED' | 'PENDING';

export interface Review {
  id: number;
  /** Login of the reviewer; `ghost` when GitHub no longer knows the account. */
  user: string;
  state: ReviewState;
  /** The commit the review was made on; null when GitHub garbage-collected it. */
  commitId: string | null;
  /** ISO-8601; null for a pending review. */
  submittedAt: string | null;
}

export interface Reviewers {
  users: string[];
  /** Team slugs within the repository's organisation. */
  teams: string[];
}

export interface IssueComment {
  id: number;
  body: string;
  user: string;
}

export type IssueState = 'open' | 'closed';

export interface Issue {
  number: number;
  title: string;
  body: string;
  state: IssueState;
  labels: string[];
}

export interface IssueFilter {
  /** Issues carrying every one of these labels. */
  labels?: string[];
  /** Default: open. */
  state?: IssueState | 'all';
}

export interface NewIssue {
  title: string;
  body: string;
  labels: string[];
}

export interface IssueChanges {
  title?: string;
  body?: string;
  state?: IssueState;
  /** Replaces the issue's labels. */
  labels?: string[];
}

export interface GitHubPort {
  readonly repo: RepoRef;

  getPullRequest(number: number): Promise<PullRequest>;
  listPullRequestFiles(number: number): Promise<PullRequestFile[]>;
  /** Chronological, as GitHub returns them. */
  listReviews(number: number): Promise<Review[]>;
  /** Reviewers requested and not yet reviewed. */
  listRequestedReviewers(number: number): Promise<Reviewers>;
  /**
   * Throws ReviewRequestRejectedError when GitHub refuses the request (422), for example
   * when the pull request's author is among `users`. Does nothing when both lists are empty.
   */
  requestReviewers(number: number, reviewers: Reviewers): Promise<void>;
  isCollaborator(login: string): Promise<boolean>;

  listIssueLabels(number: number): Promise<string[]>;
  /** Does nothing when `labels` is empty. */
  addLabels(number: number, labels: string[]): Promise<void>;
  /** Removing a label the issue does not carry is not an error. */
  removeLabel(number: number, label: string): Promise<void>;

  /** Oldest first. Pull requests are issues here: pass the pull request's number. */
  listIssueComments(number: number): Promise<IssueComment[]>;
  /** Returns the new comment's id. */
  createIssueComment(number: number, body: string): Promise<number>;
  updateIssueComment(id: number, body: string): Promise<void>;

  /** Issues only: pull requests are left out. */
  listIssues(filter?: IssueFilter): Promise<Issue[]>;
  /** Returns the new issue's number. */
  createIssue(issue: NewIssue): Promise<number>;
  updateIssue(number: number, changes: IssueChanges): Promise<void>;
}
