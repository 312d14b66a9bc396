// Turns harness records into the JSON GitHub sends, field for field as the spec's response
// schemas require (the server checks every response it sends against them). API URLs point at
// the harness itself, so a client following one stays on the local server.
import { fakeSha, type CommentRecord, type FileRecord, type GitHubState, type IssueRecord, type LabelRecord, type PullRecord, type ReviewRecord, type TeamRecord } from './github-state.js';

const HTML = 'https://github.com';
const ORG_ID = 1;

const enc = encodeURIComponent;
const encPath = (path: string) => path.split('/').map(enc).join('/');
const nodeId = (kind: string, id: number) => Buffer.from(`${kind}:${id}`).toString('base64url');

type PullIssue = IssueRecord & { pull: PullRecord };

export class GitHubRenderer {
  constructor(
    private readonly state: GitHubState,
    private readonly api: string,
  ) {}

  private get repoApi(): string {
    return `${this.api}/repos/${enc(this.state.owner)}/${enc(this.state.repo)}`;
  }

  private get repoHtml(): string {
    return `${HTML}/${enc(this.state.owner)}/${enc(this.state.repo)}`;
  }

  user(login: string) {
    const user = this.state.user(login);
    const api = `${this.api}/users/${enc(user.login)}`;
    return {
      login: user.login,
      id: user.id,
      node_id: nodeId('User', user.id),
      avatar_url: `https://avatars.githubusercontent.com/u/${user.id}?v=4`,
      gravatar_id: '',
      url: api,
      html_url: `${HTML}/${enc(user.login)}`,
      followers_url: `${api}/followers`,
      following_url: `${api}/following{/other_user}`,
      gists_url: `${api}/gists{/gist_id}`,
      starred_url: `${api}/starred{/owner}{/repo}`,
      subscriptions_url: `${api}/subscriptions`,
      organizations_url: `${api}/orgs`,
      repos_url: `${api}/repos`,
      events_url: `${api}/events{/privacy}`,
      received_events_url: `${api}/received_events`,
      type: user.type,
      user_view_type: 'public',
      site_admin: false,
    };
  }

  /** How GitHub describes a login's relation to the repository. */
  private association(login: string): string {
    if (login.toLowerCase() === this.state.owner.toLowerCase()) return 'OWNER';
    if (this.state.isCollaborator(login)) return 'COLLABORATOR';
    return 'NONE';
  }

  label(label: LabelRecord) {
    return {
      id: label.id,
      node_id: nodeId('Label', label.id),
      url: `${this.repoApi}/labels/${enc(label.name)}`,
      name: label.name,
      description: label.description,
      color: label.color,
      default: false,
    };
  }

  issueLabels(names: string[]) {
    return names.map((name) => this.label(this.state.label(name)!));
  }

  repository() {
    const { owner, repo, repoId } = this.state;
    const api = this.repoApi;
    const time = '2024-01-01T00:00:00Z';
    return {
      id: repoId,
      node_id: nodeId('Repository', repoId),
      name: repo,
      full_name: `${owner}/${repo}`,
      owner: this.user(owner),
      private: true,
      html_url: this.repoHtml,
      description: 'Dataset incidents as code',
      fork: false,
      url: api,
      archive_url: `${api}/{archive_format}{/ref}`,
      assignees_url: `${api}/assignees{/user}`,
      blobs_url: `${api}/git/blobs{/sha}`,
      branches_url: `${api}/branches{/branch}`,
      collaborators_url: `${api}/collaborators{/collaborator}`,
      comments_url: `${api}/comments{/number}`,
      commits_url: `${api}/commits{/sha}`,
      compare_url: `${api}/compare/{base}...{head}`,
      contents_url: `${api}/contents/{+path}`,
      contributors_url: `${api}/contributors`,
      deployments_url: `${api}/deployments`,
      downloads_url: `${api}/downloads`,
      events_url: `${api}/events`,
      forks_url: `${api}/forks`,
      git_commits_url: `${api}/git/commits{/sha}`,
      git_refs_url: `${api}/git/refs{/sha}`,
      git_tags_url: `${api}/git/tags{/sha}`,
      git_url: `git://github.com/${owner}/${repo}.git`,
      issue_comment_url: `${api}/issues/comments{/number}`,
      issue_events_url: `${api}/issues/events{/number}`,
      issues_url: `${api}/issues{/number}`,
      keys_url: `${api}/keys{/key_id}`,
      labels_url: `${api}/labels{/name}`,
      languages_url: `${api}/languages`,
      merges_url: `${api}/merges`,
      milestones_url: `${api}/milestones{/number}`,
      notifications_url: `${api}/notifications{?since,all,participating}`,
      pulls_url: `${api}/pulls{/number}`,
      releases_url: `${api}/releases{/id}`,
      ssh_url: `git@github.com:${owner}/${repo}.git`,
      stargazers_url: `${api}/stargazers`,
      statuses_url: `${api}/statuses/{sha}`,
      subscribers_url: `${api}/subscribers`,
      subscription_url: `${api}/subscription`,
      tags_url: `${api}/tags`,
      teams_url: `${api}/teams`,
      trees_url: `${api}/git/trees{/sha}`,
      clone_url: `${this.repoHtml}.git`,
      mirror_url: null,
      hooks_url: `${api}/hooks`,
      svn_url: this.repoHtml,
      homepage: null,
      language: null,
      forks: 0,
      forks_count: 0,
      stargazers_count: 0,
      watchers: 0,
      watchers_count: 0,
      size: 128,
      default_branch: 'main',
      open_issues: this.state.issues().filter((i) => i.state === 'open').length,
      open_issues_count: this.state.issues().filter((i) => i.state === 'open').length,
      is_template: false,
      topics: [],
      has_issues: true,
      has_projects: false,
      has_wiki: false,
      has_pages: true,
      has_downloads: true,
      has_discussions: false,
      archived: false,
      disabled: false,
      visibility: 'private',
      license: null,
      pushed_at: time,
      created_at: time,
      updated_at: time,
      allow_forking: false,
      web_commit_signoff_required: false,
    };
  }

  team(team: TeamRecord) {
    return { ...this.teamSimple(team), permissions: { pull: true, triage: false, push: false, maintain: false, admin: false }, parent: null };
  }

  teamSimple(team: TeamRecord) {
    const api = `${this.api}/organizations/${ORG_ID}/team/${team.id}`;
    return {
      id: team.id,
      node_id: nodeId('Team', team.id),
      url: api,
      html_url: `${HTML}/orgs/${enc(this.state.owner)}/teams/${enc(team.slug)}`,
      name: team.name,
      slug: team.slug,
      description: null,
      privacy: 'closed',
      notification_setting: 'notifications_enabled',
      permission: 'pull',
      members_url: `${api}/members{/member}`,
      repositories_url: `${api}/repos`,
      type: 'organization' as const,
      organization_id: ORG_ID,
    };
  }

  private reactions(url: string) {
    return { url: `${url}/reactions`, total_count: 0, '+1': 0, '-1': 0, laugh: 0, confused: 0, heart: 0, hooray: 0, eyes: 0, rocket: 0 };
  }

  issue(issue: IssueRecord) {
    const url = `${this.repoApi}/issues/${issue.number}`;
    return {
      id: issue.id,
      node_id: nodeId(issue.pull ? 'PullRequest' : 'Issue', issue.id),
      url,
      repository_url: this.repoApi,
      labels_url: `${url}/labels{/name}`,
      comments_url: `${url}/comments`,
      events_url: `${url}/events`,
      html_url: `${this.repoHtml}/${issue.pull ? 'pull' : 'issues'}/${issue.number}`,
      number: issue.number,
      state: issue.state,
      state_reason: issue.stateReason,
      title: issue.title,
      body: issue.body,
      user: this.user(issue.author),
      labels: this.issueLabels(issue.labels),
      assignee: null,
      assignees: [],
      milestone: null,
      locked: false,
      active_lock_reason: null,
      comments: this.state.comments(issue.number).length,
      ...(issue.pull
        ? {
            pull_request: {
              url: `${this.repoApi}/pulls/${issue.number}`,
              html_url: `${this.repoHtml}/pull/${issue.number}`,
              diff_url: `${this.repoHtml}/pull/${issue.number}.diff`,
              patch_url: `${this.repoHtml}/pull/${issue.number}.patch`,
              merged_at: null,
            },
            draft: issue.pull.draft,
          }
        : {}),
      closed_at: issue.closedAt,
      closed_by: issue.closedAt ? this.user(this.state.actor) : null,
      created_at: issue.createdAt,
      updated_at: issue.updatedAt,
      author_association: this.association(issue.author),
      timeline_url: `${url}/timeline`,
      performed_via_github_app: null,
      reactions: this.reactions(url),
    };
  }

  comment(comment: CommentRecord) {
    const url = `${this.repoApi}/issues/comments/${comment.id}`;
    const onPull = this.state.pullRequest(comment.issueNumber) !== undefined;
    return {
      id: comment.id,
      node_id: nodeId('IssueComment', comment.id),
      url,
      html_url: `${this.repoHtml}/${onPull ? 'pull' : 'issues'}/${comment.issueNumber}#issuecomment-${comment.id}`,
      body: comment.body,
      user: this.user(comment.user),
      created_at: comment.createdAt,
      updated_at: comment.updatedAt,
      issue_url: `${this.repoApi}/issues/${comment.issueNumber}`,
      author_association: this.association(comment.user),
      performed_via_github_app: null,
      reactions: this.reactions(url),
    };
  }

  private branch(pr: PullIssue, side: 'head' | 'base') {
    const ref = side === 'head' ? pr.pull.headRef : pr.pull.baseRef;
    const sha = side === 'head' ? pr.pull.headSha : pr.pull.baseSha;
    return { label: `${this.state.owner}:${ref}`, ref, sha, user: this.user(this.state.owner), repo: this.repository() };
  }

  /** The fields `pull-request` and `pull-request-simple` share. */
  private pullCommon(pr: PullIssue) {
    const url = `${this.repoApi}/pulls/${pr.number}`;
    const html = `${this.repoHtml}/pull/${pr.number}`;
    const issueUrl = `${this.repoApi}/issues/${pr.number}`;
    const statuses = `${this.repoApi}/statuses/${pr.pull.headSha}`;
    return {
      url,
      id: pr.id,
      node_id: nodeId('PullRequest', pr.id),
      html_url: html,
      diff_url: `${html}.diff`,
      patch_url: `${html}.patch`,
      issue_url: issueUrl,
      commits_url: `${url}/commits`,
      review_comments_url: `${url}/comments`,
      review_comment_url: `${this.repoApi}/pulls/comments{/number}`,
      comments_url: `${issueUrl}/comments`,
      statuses_url: statuses,
      number: pr.number,
      state: pr.state,
      locked: false,
      title: pr.title,
      user: this.user(pr.author),
      body: pr.body,
      labels: this.issueLabels(pr.labels),
      milestone: null,
      active_lock_reason: null,
      created_at: pr.createdAt,
      updated_at: pr.updatedAt,
      closed_at: pr.closedAt,
      merged_at: null,
      merge_commit_sha: null,
      assignee: null,
      assignees: [],
      requested_reviewers: pr.pull.requestedUsers.map((login) => this.user(login)),
      head: this.branch(pr, 'head'),
      base: this.branch(pr, 'base'),
      _links: {
        self: { href: url },
        html: { href: html },
        issue: { href: issueUrl },
        comments: { href: `${issueUrl}/comments` },
        review_comments: { href: `${url}/comments` },
        review_comment: { href: `${this.repoApi}/pulls/comments{/number}` },
        commits: { href: `${url}/commits` },
        statuses: { href: statuses },
      },
      author_association: this.association(pr.author),
      auto_merge: null,
      draft: pr.pull.draft,
    };
  }

  private requestedTeams(pr: PullIssue) {
    return pr.pull.requestedTeams.map((slug) => this.state.team(slug)!);
  }

  pullRequest(pr: PullIssue) {
    const additions = pr.pull.files.reduce((n, f) => n + f.additions, 0);
    const deletions = pr.pull.files.reduce((n, f) => n + f.deletions, 0);
    return {
      ...this.pullCommon(pr),
      requested_teams: this.requestedTeams(pr).map((team) => this.teamSimple(team)),
      merged: false,
      mergeable: true,
      rebaseable: true,
      mergeable_state: 'clean',
      merged_by: null,
      comments: this.state.comments(pr.number).length,
      review_comments: 0,
      maintainer_can_modify: false,
      commits: 1,
      additions,
      deletions,
      changed_files: pr.pull.files.length,
    };
  }

  pullRequestSimple(pr: PullIssue) {
    return {
      ...this.pullCommon(pr),
      // Unlike every other label schema, pull-request-simple's says `description` is never null.
      labels: this.issueLabels(pr.labels).map((label) => ({ ...label, description: label.description ?? '' })),
      requested_teams: this.requestedTeams(pr).map((team) => this.team(team)),
    };
  }

  review(review: ReviewRecord) {
    const pullUrl = `${this.repoApi}/pulls/${review.pullNumber}`;
    const html = `${this.repoHtml}/pull/${review.pullNumber}#pullrequestreview-${review.id}`;
    return {
      id: review.id,
      node_id: nodeId('PullRequestReview', review.id),
      user: this.user(review.user),
      body: review.body,
      state: review.state,
      html_url: html,
      pull_request_url: pullUrl,
      _links: { html: { href: html }, pull_request: { href: pullUrl } },
      ...(review.submittedAt ? { submitted_at: review.submittedAt } : {}),
      commit_id: review.commitId,
      author_association: this.association(review.user),
    };
  }

  diffEntry(file: FileRecord, headSha: string) {
    return {
      sha: file.status === 'removed' ? null : fakeSha(`${headSha}:${file.path}`),
      filename: file.path,
      status: file.status,
      additions: file.additions,
      deletions: file.deletions,
      changes: file.additions + file.deletions,
      blob_url: `${this.repoHtml}/blob/${headSha}/${encPath(file.path)}`,
      raw_url: `${this.repoHtml}/raw/${headSha}/${encPath(file.path)}`,
      contents_url: `${this.repoApi}/contents/${encPath(file.path)}?ref=${headSha}`,
      ...(file.previousPath === undefined ? {} : { previous_filename: file.previousPath }),
    };
  }
}
