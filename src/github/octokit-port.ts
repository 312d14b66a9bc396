// GitHubPort over the real Octokit client: each method is one call under calls/.
import { addLabels } from './calls/add-labels.js';
import { checkCollaborator } from './calls/check-collaborator.js';
import { createIssue } from './calls/create-issue.js';
import { createIssueComment } from './calls/create-issue-comment.js';
import { getPullRequest } from './calls/get-pull-request.js';
import { listIssueComments } from './calls/list-issue-comments.js';
import { listIssueLabels } from './calls/list-issue-labels.js';
import { listIssues } from './calls/list-issues.js';
import { listPullRequestFiles } from './calls/list-pull-request-files.js';
import { listRequestedReviewers } from './calls/list-requested-reviewers.js';
import { listReviews } from './calls/list-reviews.js';
import { removeLabel } from './calls/remove-label.js';
import { requestReviewers } from './calls/request-reviewers.js';
import { updateIssue } from './calls/update-issue.js';
import { updateIssueComment } from './calls/update-issue-comment.js';
import type { GitHubClient } from './octokit.js';
import type {
  GitHubPort,
  Issue,
  IssueChanges,
  IssueComment,
  IssueFilter,
  NewIssue,
  PullRequest,
  PullRequestFile,
  RepoRef,
  Review,
  Reviewers,
} from './port.js';

export class OctokitGitHubPort implements GitHubPort {
  readonly repo: RepoRef;

  constructor(
    private readonly client: GitHubClient,
    repo: RepoRef,
  ) {
    this.repo = { owner: repo.owner, repo: repo.repo };
  }

  getPullRequest(number: number): Promise<PullRequest> {
    return getPullRequest(this.client, this.repo, number);
  }

  listPullRequestFiles(number: number): Promise<PullRequestFile[]> {
    return listPullRequestFiles(this.client, this.repo, number);
  }

  listReviews(number: number): Promise<Review[]> {
    return listReviews(this.client, this.repo, number);
  }

  listRequestedReviewers(number: number): Promise<Reviewers> {
    return listRequestedReviewers(this.client, this.repo, number);
  }

  requestReviewers(number: number, reviewers: Reviewers): Promise<void> {
    return requestReviewers(this.client, this.repo, number, reviewers);
  }

  isCollaborator(login: string): Promise<boolean> {
    return checkCollaborator(this.client, this.repo, login);
  }

  listIssueLabels(number: number): Promise<string[]> {
    return listIssueLabels(this.client, this.repo, number);
  }

  addLabels(number: number, labels: string[]): Promise<void> {
    return addLabels(this.client, this.repo, number, labels);
  }

  removeLabel(number: number, label: string): Promise<void> {
    return removeLabel(this.client, this.repo, number, label);
  }

  listIssueComments(number: number): Promise<IssueComment[]> {
    return listIssueComments(this.client, this.repo, number);
  }

  createIssueComment(number: number, body: string): Promise<number> {
    return createIssueComment(this.client, this.repo, number, body);
  }

  updateIssueComment(id: number, body: string): Promise<void> {
    return updateIssueComment(this.client, this.repo, id, body);
  }

  listIssues(filter?: IssueFilter): Promise<Issue[]> {
    return listIssues(this.client, this.repo, filter);
  }

  createIssue(issue: NewIssue): Promise<number> {
    return createIssue(this.client, this.repo, issue);
  }

  updateIssue(number: number, changes: IssueChanges): Promise<void> {
    return updateIssue(this.client, this.repo, number, changes);
  }
}
