// What the fake GitHub knows: one organisation repository with its collaborators, teams,
// labels, issues and pull requests (which, as on GitHub, are issues sharing one number space),
// their comments and reviews. Tests seed it and read it back; the server's operations change it
// the way GitHub would. Plain records only: turning them into GitHub's JSON is github-render.ts.

export type ReviewState = 'APPROVED' | 'CHANGES_REQUESTED' | 'COMMENTED' | 'DISMISSED' | 'PENDING';
export type FileStatus = 'added' | 'removed' | 'modified' | 'renamed' | 'copied' | 'changed' | 'unchanged';

export interface UserRecord {
  login: string;
  id: number;
  type: 'User' | 'Bot' | 'Organization';
}

export interface LabelRecord {
  id: number;
  name: string;
  color: string;
  description: string | null;
}

export interface TeamRecord {
  id: number;
  slug: string;
  name: string;
  members: string[];
}

export interface FileRecord {
  path: string;
  status: FileStatus;
  previousPath?: string;
  additions: number;
  deletions: number;
}

export interface PullRecord {
  headSha: string;
  baseSha: string;
  headRef: string;
  baseRef: string;
  draft: boolean;
  files: FileRecord[];
  requestedUsers: string[];
  requestedTeams: string[];
}

export interface IssueRecord {
  number: number;
  id: number;
  title: string;
  body: string | null;
  state: 'open' | 'closed';
  stateReason: 'completed' | 'not_planned' | 'reopened' | 'duplicate' | null;
  author: string;
  labels: string[];
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  /** Present when the issue is a pull request. */
  pull?: PullRecord;
}

export interface CommentRecord {
  id: number;
  issueNumber: number;
  body: string;
  user: string;
  createdAt: string;
  updatedAt: string;
}

export interface ReviewRecord {
  id: number;
  pullNumber: number;
  user: string;
  state: ReviewState;
  body: string;
  commitId: string | null;
  submittedAt: string | null;
}

export interface PullRequestSeed {
  author: string;
  number?: number;
  title?: string;
  body?: string | null;
  state?: 'open' | 'closed';
  draft?: boolean;
  headSha?: string;
  baseSha?: string;
  headRef?: string;
  baseRef?: string;
  files?: Array<string | FileSeed>;
  labels?: string[];
}

export interface FileSeed {
  path: string;
  status?: FileStatus;
  previousPath?: string;
  additions?: number;
  deletions?: number;
}

export interface IssueSeed {
  /** Default: the next free number. */
  number?: number;
  title: string;
  body?: string | null;
  state?: 'open' | 'closed';
  author?: string;
  labels?: string[];
}

export interface ReviewSeed {
  user: string;
  state: ReviewState;
  /** Default: the pull request's current head. */
  commitId?: string | null;
  body?: string;
  submittedAt?: string;
}

export interface StateOptions {
  owner: string;
  repo: string;
  /** The account the API token belongs to: author of everything created through the API. */
  actor: string;
  /** Where the harness clock starts; it advances one second per event, so order is stable. */
  startTime?: string;
}

const DEFAULT_START = '2025-08-03T06:00:00Z';
const DEFAULT_LABEL_COLOR = 'ededed';

/** A deterministic 40-hex "commit sha" for a label, so tests can name commits. */
export function fakeSha(seed: string): string {
  let hex = '';
  let h = 2166136261;
  while (hex.length < 40) {
    for (const ch of `${seed}:${hex.length}`) h = Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0;
    hex += h.toString(16).padStart(8, '0');
  }
  return hex.slice(0, 40);
}

export class GitHubState {
  readonly owner: string;
  readonly repo: string;
  readonly actor: string;
  readonly repoId = 1296269;

  private clock: number;
  private nextId = 1000;
  private nextNumber = 1;
  private readonly users = new Map<string, UserRecord>();
  private readonly collaborators = new Set<string>();
  private readonly teams = new Map<string, TeamRecord>();
  private readonly repoLabels = new Map<string, LabelRecord>();
  private readonly issueRecords = new Map<number, IssueRecord>();
  private readonly commentRecords = new Map<number, CommentRecord>();
  private readonly reviewRecords: ReviewRecord[] = [];

  constructor(options: StateOptions) {
    this.owner = options.owner;
    this.repo = options.repo;
    this.actor = options.actor;
    this.clock = Date.parse(options.startTime ?? DEFAULT_START);
    this.user(options.owner, 'Organization');
  }

  // ---- people -------------------------------------------------------------------------------

  /** The account record for a login, created on first mention with a stable id. */
  user(login: string, type?: UserRecord['type']): UserRecord {
    let found = this.users.get(login.toLowerCase());
    if (!found) {
      found = { login, id: this.id(), type: type ?? (login.endsWith('[bot]') ? 'Bot' : 'User') };
      this.users.set(login.toLowerCase(), found);
    }
    return found;
  }

  addCollaborators(...logins: string[]): void {
    for (const login of logins) this.collaborators.add(this.user(login).login.toLowerCase());
  }

  isCollaborator(login: string): boolean {
    return this.collaborators.has(login.toLowerCase());
  }

  addTeam(slug: string, members: string[] = [], name = slug): TeamRecord {
    const team: TeamRecord = { id: this.id(), slug, name, members: members.map((m) => this.user(m).login) };
    this.teams.set(slug, team);
    return team;
  }

  team(slug: string): TeamRecord | undefined {
    return this.teams.get(slug);
  }

  // ---- labels -------------------------------------------------------------------------------

  addLabel(name: string, options: { color?: string; description?: string | null } = {}): LabelRecord {
    const existing = this.label(name);
    if (existing) return existing;
    const label: LabelRecord = { id: this.id(), name, color: options.color ?? DEFAULT_LABEL_COLOR, description: options.description ?? null };
    this.repoLabels.set(name.toLowerCase(), label);
    return label;
  }

  /** Repository labels match case-insensitively on GitHub. */
  label(name: string): LabelRecord | undefined {
    return this.repoLabels.get(name.toLowerCase());
  }

  labels(): LabelRecord[] {
    return [...this.repoLabels.values()];
  }

  issueLabels(number: number): string[] {
    return [...this.mustIssue(number).labels];
  }

  /** Adds labels (creating unknown ones, as GitHub does) and returns the issue's labels. */
  addIssueLabels(number: number, names: string[]): string[] {
    const issue = this.mustIssue(number);
    for (const name of names) {
      const label = this.addLabel(name);
      if (!issue.labels.some((l) => l.toLowerCase() === label.name.toLowerCase())) issue.labels.push(label.name);
    }
    this.touch(issue);
    return [...issue.labels];
  }

  setIssueLabels(number: number, names: string[]): void {
    const issue = this.mustIssue(number);
    issue.labels = [];
    this.addIssueLabels(number, names);
  }

  /** False when the issue does not carry the label. */
  removeIssueLabel(number: number, name: string): boolean {
    const issue = this.mustIssue(number);
    const index = issue.labels.findIndex((l) => l.toLowerCase() === name.toLowerCase());
    if (index < 0) return false;
    issue.labels.splice(index, 1);
    this.touch(issue);
    return true;
  }

  // ---- issues and pull requests ---------------------------------------------------------------

  addIssue(seed: IssueSeed): number {
    const number = this.allocateNumber(seed.number);
    const at = this.tick();
    const issue: IssueRecord = {
      number,
      id: this.id(),
      title: seed.title,
      body: seed.body ?? null,
      state: seed.state ?? 'open',
      stateReason: seed.state === 'closed' ? 'completed' : null,
      author: this.user(seed.author ?? this.actor).login,
      labels: [],
      createdAt: at,
      updatedAt: at,
      closedAt: seed.state === 'closed' ? at : null,
    };
    this.issueRecords.set(number, issue);
    if (seed.labels) this.addIssueLabels(number, seed.labels);
    return number;
  }

  updateIssue(number: number, changes: { title?: string; body?: string | null; state?: 'open' | 'closed'; stateReason?: IssueRecord['stateReason']; labels?: string[] }): IssueRecord {
    const issue = this.mustIssue(number);
    if (changes.title !== undefined) issue.title = changes.title;
    if (changes.body !== undefined) issue.body = changes.body;
    if (changes.state !== undefined && changes.state !== issue.state) {
      issue.state = changes.state;
      issue.closedAt = changes.state === 'closed' ? this.tick() : null;
      issue.stateReason = changes.stateReason ?? (changes.state === 'closed' ? 'completed' : 'reopened');
    }
    if (changes.labels !== undefined) this.setIssueLabels(number, changes.labels);
    this.touch(issue);
    return issue;
  }

  issue(number: number): IssueRecord | undefined {
    return this.issueRecords.get(number);
  }

  /** Every issue and pull request, oldest first. */
  issues(): IssueRecord[] {
    return [...this.issueRecords.values()];
  }

  addPullRequest(seed: PullRequestSeed): number {
    const number = this.addIssue({ number: seed.number, title: seed.title ?? 'Update incident', body: seed.body ?? null, state: seed.state, author: seed.author, labels: seed.labels });
    this.mustIssue(number).pull = {
      headSha: seed.headSha ?? fakeSha(`head-${number}`),
      baseSha: seed.baseSha ?? fakeSha(`base-${number}`),
      headRef: seed.headRef ?? `incident-${number}`,
      baseRef: seed.baseRef ?? 'main',
      draft: seed.draft ?? false,
      files: [],
      requestedUsers: [],
      requestedTeams: [],
    };
    if (seed.files) this.setFiles(number, seed.files);
    return number;
  }

  pullRequest(number: number): (IssueRecord & { pull: PullRecord }) | undefined {
    const issue = this.issueRecords.get(number);
    return issue?.pull ? (issue as IssueRecord & { pull: PullRecord }) : undefined;
  }

  setFiles(number: number, files: Array<string | FileSeed>): void {
    this.mustPull(number).files = files.map((file) => {
      const seed = typeof file === 'string' ? { path: file } : file;
      return { status: 'modified', additions: 1, deletions: 0, ...seed };
    });
  }

  /** A push to the pull request's branch. */
  setHead(number: number, sha: string): void {
    this.mustPull(number).headSha = sha;
    this.touch(this.mustIssue(number));
  }

  // ---- reviews --------------------------------------------------------------------------------

  /** A review as GitHub records it; submitting one clears that user's pending request. */
  addReview(number: number, seed: ReviewSeed): number {
    const pull = this.mustPull(number);
    const user = this.user(seed.user).login;
    const review: ReviewRecord = {
      id: this.id(),
      pullNumber: number,
      user,
      state: seed.state,
      body: seed.body ?? '',
      commitId: seed.commitId === undefined ? pull.headSha : seed.commitId,
      submittedAt: seed.state === 'PENDING' ? null : (seed.submittedAt ?? this.tick()),
    };
    this.reviewRecords.push(review);
    if (seed.state !== 'PENDING') pull.requestedUsers = pull.requestedUsers.filter((u) => u.toLowerCase() !== user.toLowerCase());
    return review.id;
  }

  reviews(number: number): ReviewRecord[] {
    return this.reviewRecords.filter((r) => r.pullNumber === number);
  }

  requestReviewers(number: number, users: string[], teams: string[]): void {
    const pull = this.mustPull(number);
    for (const user of users) {
      const login = this.user(user).login;
      if (!pull.requestedUsers.includes(login)) pull.requestedUsers.push(login);
    }
    for (const team of teams) if (!pull.requestedTeams.includes(team)) pull.requestedTeams.push(team);
  }

  requestedReviewers(number: number): { users: string[]; teams: string[] } {
    const pull = this.mustPull(number);
    return { users: [...pull.requestedUsers], teams: [...pull.requestedTeams] };
  }

  // ---- comments -------------------------------------------------------------------------------

  addComment(number: number, body: string, user: string = this.actor): number {
    const issue = this.mustIssue(number);
    const at = this.tick();
    const comment: CommentRecord = { id: this.id(), issueNumber: number, body, user: this.user(user).login, createdAt: at, updatedAt: at };
    this.commentRecords.set(comment.id, comment);
    this.touch(issue);
    return comment.id;
  }

  /** `count` comments, for pagination tests. */
  addComments(number: number, count: number, options: { user?: string; body?: (index: number) => string } = {}): number[] {
    const body = options.body ?? ((i: number) => `comment ${i + 1}`);
    return Array.from({ length: count }, (_, i) => this.addComment(number, body(i), options.user ?? 'octocat'));
  }

  updateComment(id: number, body: string): CommentRecord {
    const comment = this.commentRecords.get(id);
    if (!comment) throw new Error(`no comment ${id}`);
    comment.body = body;
    comment.updatedAt = this.tick();
    return comment;
  }

  comment(id: number): CommentRecord | undefined {
    return this.commentRecords.get(id);
  }

  /** Comments of one issue or pull request, oldest first. */
  comments(number: number): CommentRecord[] {
    return [...this.commentRecords.values()].filter((c) => c.issueNumber === number);
  }

  // ---- internals ------------------------------------------------------------------------------

  /** The current harness time, advancing one second per call. */
  tick(): string {
    this.clock += 1000;
    return new Date(this.clock).toISOString().replace(/\.\d{3}Z$/, 'Z');
  }

  /** Issues and pull requests share one sequence of numbers, as on GitHub. */
  private allocateNumber(wanted?: number): number {
    if (wanted === undefined) {
      while (this.issueRecords.has(this.nextNumber)) this.nextNumber++;
      return this.nextNumber++;
    }
    if (this.issueRecords.has(wanted)) throw new Error(`#${wanted} already exists`);
    return wanted;
  }

  private id(): number {
    return this.nextId++;
  }

  private touch(issue: IssueRecord): void {
    issue.updatedAt = this.tick();
  }

  private mustIssue(number: number): IssueRecord {
    const issue = this.issueRecords.get(number);
    if (!issue) throw new Error(`no issue or pull request #${number}`);
    return issue;
  }

  private mustPull(number: number): PullRecord {
    const pull = this.mustIssue(number).pull;
    if (!pull) throw new Error(`#${number} is an issue, not a pull request`);
    return pull;
  }
}
