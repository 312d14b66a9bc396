// Event payloads for Action tests (GITHUB_EVENT_PATH), taken from GitHub's real examples in
// @octokit/webhooks-examples and adapted to the harness: its repository, the pull request's
// number, author, refs and shas, the reviewer and review state. Everything else stays as GitHub
// sent it, so an Action reading a field we did not think of still sees a real value.
import { mkdir, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { WebhookDefinition } from '@octokit/webhooks-examples';
import type { GitHubServer } from './github-server.js';

type Payload = Record<string, any>;

const definitions = createRequire(import.meta.url)('@octokit/webhooks-examples') as WebhookDefinition[];

function example(event: string, matches: (payload: Payload) => boolean): Payload {
  const found = definitions.find((d) => d.name === event)?.examples.find((e) => matches(e as Payload));
  if (!found) throw new Error(`@octokit/webhooks-examples has no matching ${event} example`);
  return structuredClone(found) as Payload;
}

type Rewrite = [from: string | RegExp, to: string];

function rewriteStrings<T>(value: T, rewrites: Rewrite[]): T {
  if (typeof value === 'string') {
    return rewrites.reduce<string>((text, [from, to]) => (typeof from === 'string' ? text.split(from).join(to) : text.replace(from, to)), value) as T;
  }
  if (Array.isArray(value)) return value.map((item) => rewriteStrings(item, rewrites)) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, rewriteStrings(inner, rewrites)])) as T;
  }
  return value;
}

function collectFullNames(value: unknown, found: Set<string>): Set<string> {
  if (Array.isArray(value)) value.forEach((item) => collectFullNames(item, found));
  else if (value !== null && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      if (key === 'full_name' && typeof inner === 'string') found.add(inner);
      else collectFullNames(inner, found);
    }
  }
  return found;
}

/** Moves an example to the harness repository: names, URLs, ids, owner. */
function toHarnessRepo(payload: Payload, github: GitHubServer): Payload {
  const { owner, repo, repoId } = github.state;
  // A full name stands alone, ends a URL path segment, or follows `git@github.com:`.
  const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const rewrites: Rewrite[] = [...collectFullNames(payload, new Set())].map((name) => [
    new RegExp(`(^|[/:])${escape(name)}(?=$|[/.#?])`, 'g'),
    `$1${owner}/${repo}`,
  ]);
  rewrites.push(['https://api.github.com', github.url]);
  const moved = rewriteStrings(payload, rewrites);
  for (const repository of [moved.repository, moved.workflow_run?.repository, moved.workflow_run?.head_repository]) {
    if (!repository) continue;
    Object.assign(repository, { id: repoId, name: repo, full_name: `${owner}/${repo}` });
    repository.owner = { ...repository.owner, login: owner, type: 'Organization' };
  }
  if (moved.organization) moved.organization.login = owner;
  return moved;
}

function sender(payload: Payload, login: string): void {
  payload.sender = { ...payload.sender, login };
}

function mustPull(github: GitHubServer, number: number) {
  const pr = github.state.pullRequest(number);
  if (!pr) throw new Error(`the harness has no pull request #${number}`);
  return pr;
}

/** The example's pull request, renumbered and re-pointed at harness pull request `number`. */
function adaptPullRequest(payload: Payload, github: GitHubServer, number: number): Payload {
  const pr = mustPull(github, number);
  const old = payload.pull_request;
  const adapted = rewriteStrings(payload, [
    [new RegExp(`/(pulls|pull|issues)/${old.number}(?=$|[/#?.])`, 'g'), `/$1/${number}`],
    [old.head.sha, pr.pull.headSha],
    [old.base.sha, pr.pull.baseSha],
  ]);
  const pull = adapted.pull_request;
  Object.assign(pull, { number, title: pr.title, body: pr.body, state: pr.state, draft: pr.pull.draft });
  pull.user = { ...pull.user, login: pr.author };
  pull.head = { ...pull.head, ref: pr.pull.headRef, sha: pr.pull.headSha, label: `${github.state.owner}:${pr.pull.headRef}` };
  pull.base = { ...pull.base, ref: pr.pull.baseRef, sha: pr.pull.baseSha, label: `${github.state.owner}:${pr.pull.baseRef}` };
  if ('number' in adapted) adapted.number = number;
  return adapted;
}

/** `pull_request` opened or synchronize, for harness pull request `number` as it stands. */
export function pullRequestPayload(github: GitHubServer, number: number, action: 'opened' | 'synchronize' = 'opened', options: { before?: string } = {}): Payload {
  const payload = adaptPullRequest(toHarnessRepo(example('pull_request', (p) => p.action === action), github), github, number);
  if (action === 'synchronize') {
    payload.after = payload.pull_request.head.sha;
    payload.before = options.before ?? payload.before;
  }
  sender(payload, payload.pull_request.user.login);
  return payload;
}

/** `pull_request_review` submitted, for a review seeded with `github.state.addReview`. */
export function pullRequestReviewPayload(github: GitHubServer, number: number, reviewId: number): Payload {
  const review = github.state.reviews(number).find((r) => r.id === reviewId);
  if (!review) throw new Error(`pull request #${number} has no review ${reviewId}`);
  const payload = adaptPullRequest(toHarnessRepo(example('pull_request_review', (p) => p.action === 'submitted'), github), github, number);
  const oldId = String(payload.review.id);
  payload.review = rewriteStrings(payload.review, [[oldId, String(review.id)]]);
  Object.assign(payload.review, {
    id: review.id,
    // Webhooks spell review states in lower case, unlike the REST API.
    state: review.state.toLowerCase(),
    commit_id: review.commitId,
    submitted_at: review.submittedAt,
    body: review.body || null,
  });
  payload.review.user = { ...payload.review.user, login: review.user };
  sender(payload, review.user);
  return payload;
}

export interface PushOptions {
  after: string;
  before?: string;
  /** Default: refs/heads/main. */
  ref?: string;
  pusher?: string;
}

/** `push` of a branch (the examples' branch push, re-pointed). */
export function pushPayload(github: GitHubServer, options: PushOptions): Payload {
  const base = example('push', (p) => String(p.ref).startsWith('refs/heads/') && !p.deleted && p.head_commit);
  const payload = rewriteStrings(toHarnessRepo(base, github), [[base.after, options.after]]);
  const pusher = options.pusher ?? 'octocat';
  Object.assign(payload, { ref: options.ref ?? 'refs/heads/main', after: options.after, before: options.before ?? payload.before });
  payload.head_commit.id = options.after;
  payload.pusher = { ...payload.pusher, name: pusher };
  sender(payload, pusher);
  return payload;
}

export interface WorkflowRunOptions {
  headSha: string;
  headBranch?: string;
  conclusion?: 'success' | 'failure' | 'cancelled';
  /** The workflow's name. */
  name?: string;
  /** A harness pull request the run belongs to. */
  pullNumber?: number;
}

/** `workflow_run` completed. */
export function workflowRunPayload(github: GitHubServer, options: WorkflowRunOptions): Payload {
  const base = example('workflow_run', (p) => p.action === 'completed');
  const payload = rewriteStrings(toHarnessRepo(base, github), [[base.workflow_run.head_sha, options.headSha]]);
  const run = payload.workflow_run;
  const repoRef = { id: github.state.repoId, url: `${github.url}/repos/${github.state.owner}/${github.state.repo}`, name: github.state.repo };
  const pullRequests = options.pullNumber === undefined ? [] : [mustPull(github, options.pullNumber)].map((pr) => ({
    id: pr.id,
    number: pr.number,
    url: `${repoRef.url}/pulls/${pr.number}`,
    head: { ref: pr.pull.headRef, sha: pr.pull.headSha, repo: repoRef },
    base: { ref: pr.pull.baseRef, sha: pr.pull.baseSha, repo: repoRef },
  }));
  Object.assign(run, {
    head_sha: options.headSha,
    head_branch: options.headBranch ?? run.head_branch,
    name: options.name ?? run.name,
    status: 'completed',
    conclusion: options.conclusion ?? 'success',
    pull_requests: pullRequests,
  });
  run.head_commit = { ...run.head_commit, id: options.headSha };
  return payload;
}

/** Writes a payload where an Action expects it (GITHUB_EVENT_PATH) and returns the path. */
export async function writeEventPayload(dir: string, payload: Payload, fileName = 'event.json'): Promise<string> {
  await mkdir(dir, { recursive: true });
  const path = join(dir, fileName);
  await writeFile(path, `${JSON.stringify(payload, null, 2)}\n`);
  return path;
}
