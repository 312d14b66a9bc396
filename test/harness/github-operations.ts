// What each GitHub operation in the spec subset does to the harness state and answers. The
// server has already matched the route and checked the request against the spec; a handler
// only applies GitHub's behaviour (404s, 422s, side effects) and renders the reply.
import { paginate } from './github-pagination.js';
import type { GitHubRenderer } from './github-render.js';
import type { Operation } from './github-spec.js';
import type { GitHubState, IssueRecord, PullRecord } from './github-state.js';

export interface OperationContext {
  operation: Operation;
  /** Path and query parameters, typed per the spec. */
  values: Record<string, unknown>;
  /** The parsed JSON body; the server has validated it against the spec. */
  body: any;
  url: URL;
  state: GitHubState;
  render: GitHubRenderer;
}

export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

type Handler = (ctx: OperationContext) => Reply;
type PullIssue = IssueRecord & { pull: PullRecord };

/** GitHub's error body; `documentation_url` links the operation's docs page, as GitHub's do. */
export function errorReply(docs: { docsUrl: string }, status: number, message: string): Reply {
  return { status, body: { message, documentation_url: docs.docsUrl, status: String(status) } };
}

const notFound = (ctx: OperationContext) => errorReply(ctx.operation, 404, 'Not Found');

/**
 * GitHub's 422 for a review requested from the pull request's author. The spec declares this
 * 422 without a body; the message is the one GitHub's REST docs and real responses carry.
 */
export const REVIEW_FROM_AUTHOR_MESSAGE = 'Review cannot be requested from pull request author.';

function notCollaboratorMessage(state: GitHubState): string {
  return `Reviews may only be requested from collaborators. One or more of the users or teams you specified is not a collaborator of the ${state.owner}/${state.repo} repository.`;
}

function json(body: unknown, status = 200, headers?: Record<string, string>): Reply {
  return { status, body, ...(headers ? { headers } : {}) };
}

function page<T>(ctx: OperationContext, items: T[], render: (item: T) => unknown): Reply {
  const { items: pageItems, link } = paginate(items, ctx.url, ctx.values);
  return json(pageItems.map(render), 200, link ? { link } : undefined);
}

function withIssue(ctx: OperationContext, run: (issue: IssueRecord) => Reply): Reply {
  const issue = ctx.state.issue(ctx.values.issue_number as number);
  return issue ? run(issue) : notFound(ctx);
}

function withPull(ctx: OperationContext, run: (pr: PullIssue) => Reply): Reply {
  const pr = ctx.state.pullRequest(ctx.values.pull_number as number);
  return pr ? run(pr) : notFound(ctx);
}

/** Label lists in request bodies hold names or `{ name }` objects. */
function labelNames(items: Array<string | { name?: string }>): string[] {
  return items.flatMap((item) => (typeof item === 'string' ? [item] : item.name ? [item.name] : []));
}

function since(ctx: OperationContext): (record: { updatedAt: string }) => boolean {
  const from = ctx.values.since === undefined ? undefined : Date.parse(ctx.values.since as string);
  return (record) => from === undefined || Date.parse(record.updatedAt) >= from;
}

const pulls: Record<string, Handler> = {
  'pulls/get': (ctx) => withPull(ctx, (pr) => json(ctx.render.pullRequest(pr))),

  'pulls/list-files': (ctx) => withPull(ctx, (pr) => page(ctx, pr.pull.files, (file) => ctx.render.diffEntry(file, pr.pull.headSha))),

  // Pending reviews are visible to their author only.
  'pulls/list-reviews': (ctx) =>
    withPull(ctx, (pr) =>
      page(
        ctx,
        ctx.state.reviews(pr.number).filter((r) => r.state !== 'PENDING' || r.user === ctx.state.actor),
        (review) => ctx.render.review(review),
      ),
    ),

  'pulls/list-requested-reviewers': (ctx) =>
    withPull(ctx, (pr) =>
      json({
        users: pr.pull.requestedUsers.map((login) => ctx.render.user(login)),
        teams: pr.pull.requestedTeams.map((slug) => ctx.render.team(ctx.state.team(slug)!)),
      }),
    ),

  'pulls/request-reviewers': (ctx) =>
    withPull(ctx, (pr) => {
      const users: string[] = ctx.body?.reviewers ?? [];
      const teams: string[] = ctx.body?.team_reviewers ?? [];
      if (users.some((u) => u.toLowerCase() === pr.author.toLowerCase())) return errorReply(ctx.operation, 422, REVIEW_FROM_AUTHOR_MESSAGE);
      if (users.some((u) => !ctx.state.isCollaborator(u)) || teams.some((t) => !ctx.state.team(t))) {
        return errorReply(ctx.operation, 422, notCollaboratorMessage(ctx.state));
      }
      ctx.state.requestReviewers(pr.number, users, teams);
      return json(ctx.render.pullRequestSimple(pr), 201);
    }),
};

const collaborators: Record<string, Handler> = {
  // 204 or a bodiless 404, as the spec declares.
  'repos/check-collaborator': (ctx) => ({ status: ctx.state.isCollaborator(ctx.values.username as string) ? 204 : 404 }),
};

const labels: Record<string, Handler> = {
  'issues/list-labels-on-issue': (ctx) => withIssue(ctx, (issue) => page(ctx, ctx.render.issueLabels(issue.labels), (label) => label)),

  'issues/add-labels': (ctx) =>
    withIssue(ctx, (issue) => json(ctx.render.issueLabels(ctx.state.addIssueLabels(issue.number, labelNames(ctx.body?.labels ?? []))))),

  'issues/remove-label': (ctx) =>
    withIssue(ctx, (issue) =>
      ctx.state.removeIssueLabel(issue.number, ctx.values.name as string)
        ? json(ctx.render.issueLabels(ctx.state.issueLabels(issue.number)))
        : errorReply(ctx.operation, 404, 'Label does not exist'),
    ),
};

const comments: Record<string, Handler> = {
  'issues/list-comments': (ctx) =>
    withIssue(ctx, (issue) => page(ctx, ctx.state.comments(issue.number).filter(since(ctx)), (comment) => ctx.render.comment(comment))),

  'issues/create-comment': (ctx) =>
    withIssue(ctx, (issue) => {
      const comment = ctx.render.comment(ctx.state.comment(ctx.state.addComment(issue.number, ctx.body.body))!);
      return json(comment, 201, { location: comment.url });
    }),

  'issues/update-comment': (ctx) => {
    const id = ctx.values.comment_id as number;
    if (!ctx.state.comment(id)) return notFound(ctx);
    return json(ctx.render.comment(ctx.state.updateComment(id, ctx.body.body)));
  },
};

const issues: Record<string, Handler> = {
  // GitHub lists pull requests here too, newest first unless asked otherwise.
  'issues/list-for-repo': (ctx) => {
    const state = (ctx.values.state as string | undefined) ?? 'open';
    const wanted = ((ctx.values.labels as string | undefined) ?? '').split(',').map((l) => l.trim().toLowerCase()).filter(Boolean);
    const sortKey = ctx.values.sort === 'updated' ? 'updatedAt' : 'createdAt';
    const direction = ctx.values.direction === 'asc' ? 1 : -1;
    const found = ctx.state
      .issues()
      .filter((issue) => state === 'all' || issue.state === state)
      .filter((issue) => wanted.every((label) => issue.labels.some((l) => l.toLowerCase() === label)))
      .filter(since(ctx))
      .sort((a, b) => direction * (a[sortKey].localeCompare(b[sortKey]) || a.number - b.number));
    return page(ctx, found, (issue) => ctx.render.issue(issue));
  },

  'issues/create': (ctx) => {
    const number = ctx.state.addIssue({
      title: String(ctx.body.title),
      body: ctx.body.body ?? null,
      labels: labelNames(ctx.body.labels ?? []),
    });
    const issue = ctx.render.issue(ctx.state.issue(number)!);
    return json(issue, 201, { location: issue.url });
  },

  'issues/update': (ctx) =>
    withIssue(ctx, (issue) => {
      const body = ctx.body ?? {};
      const updated = ctx.state.updateIssue(issue.number, {
        ...(body.title !== undefined && body.title !== null ? { title: String(body.title) } : {}),
        ...(body.body !== undefined ? { body: body.body } : {}),
        ...(body.state !== undefined ? { state: body.state, stateReason: body.state_reason ?? undefined } : {}),
        ...(body.labels !== undefined ? { labels: labelNames(body.labels) } : {}),
      });
      return json(ctx.render.issue(updated));
    }),
};

/** Every operation the spec subset declares, by operationId. */
export const OPERATIONS: Record<string, Handler> = { ...pulls, ...collaborators, ...labels, ...comments, ...issues };
