/**
 * comment: one sticky comment on the PR (src/core/sticky-comment.ts, src/core/pr-comment.ts),
 * found across every page of comments by its marker and its author, and updated in place. It
 * previews, for each incident the PR touches, the stakeholder update or close notice, the
 * timeline as mermaid, and the consumer teams to inform. "Now" is the head commit's time (or
 * the `now` input), so a rerun on the same head renders the same bytes and writes nothing.
 */
import * as core from '@actions/core';
import { createTemplates, TemplateError } from '../../core/render/templates.js';
import { renderUpdate } from '../../core/render/update.js';
import { describeMissing, renderNotice } from '../../core/render/notice.js';
import type { Incident } from '../../core/schema/incident.js';
import { kindOf, stemOf } from '../../core/schema/file-kinds.js';
import { prCommentBody, type PrCommentIncident } from '../../core/pr-comment.js';
import { PR_COMMENT_MARKER, findSticky, stickyDecision } from '../../core/sticky-comment.js';
import { readTemplateOverrides } from '../../io/template-overrides.js';
import { commitTime } from '../../git/index.js';
import { readEnv, readEvent, incidentRoot, ActionInputError } from '../shared/env.js';
import { prNumberInput, stringInput, timeInput } from '../shared/inputs.js';
import { githubPort } from '../shared/github.js';
import { Summary } from '../shared/summary.js';
import { log } from '../shared/log.js';
import { runAction } from '../shared/run.js';
import { loadPullRequestModels, openTrees, pullRequestChanges, toChangedPaths } from '../shared/repo.js';
import { resolvePullRequest } from '../shared/pull-request.js';

export async function run(): Promise<void> {
  await runAction('comment', async () => {
    const env = readEnv();
    const event = await readEvent(env);
    const { dir } = incidentRoot(env, stringInput('root', '.'));
    const author = stringInput('comment-author', 'github-actions[bot]');
    const port = githubPort(env);
    const resolved = await resolvePullRequest(port, event, prNumberInput('pull-number'));
    const summary = new Summary().heading('sitrep comment');
    if (!resolved.ok) {
      log(`comment: nothing to do: ${resolved.reason}`);
      summary.paragraph(`Nothing to do: ${resolved.reason}.`);
      await summary.write();
      core.setOutput('action', 'none');
      return;
    }
    const { pr } = resolved;

    // The PR's incidents at its head, read from git objects (never checked out).
    const trees = await openTrees(dir, pr.baseSha, pr.headSha);
    let models;
    let files;
    try {
      files = toChangedPaths(await pullRequestChanges(dir, trees.base.commit, trees.head.commit));
      models = await loadPullRequestModels(trees, files);
    } finally {
      await trees.close();
    }
    const now = timeInput('now') ?? Date.parse(await commitTime(dir, pr.headSha));

    // Templates: the built-in ones with the overrides of the checkout this job runs on (the
    // default branch in the workflow_run job, never the PR's).
    let templates;
    try {
      templates = createTemplates((await readTemplateOverrides(dir, models.base.config?.templates)).templates).templates;
    } catch (error) {
      if (!(error instanceof TemplateError) && !(error instanceof Error && /outside the repository/.test(error.message))) throw error;
      throw new ActionInputError(`template overrides: ${error.message}`);
    }

    const idx = models.head;
    const items: PrCommentIncident[] = [];
    for (const f of files.filter((x) => kindOf(x.path)?.kind === 'incident')) {
      const located = f.status === 'removed' ? undefined : idx.model.incidents.find((i) => i.path === f.path);
      if (!located) {
        if (f.status === 'removed') items.push({ id: stemOf(f.path), file: f.path, rendered: { kind: 'notice-not-ready', missing: [] } });
        continue;
      }
      const inc = located.data as Incident;
      const id = typeof inc?.id === 'string' ? inc.id : stemOf(f.path);
      if (!located.valid) {
        items.push({ incident: inc, id, file: f.path, rendered: { kind: 'notice-not-ready', missing: ['the file does not pass validation yet; see the validate check'] } });
        continue;
      }
      if (inc.status === 'closed' || inc.status === 'declined') {
        const notice = renderNotice(idx, inc, { now, templates });
        items.push({ incident: inc, id, file: f.path, rendered: notice.ok ? { kind: 'notice', markdown: notice.content } : { kind: 'notice-not-ready', missing: describeMissing(notice.missing) } });
      } else {
        items.push({ incident: inc, id, file: f.path, rendered: { kind: 'update', markdown: renderUpdate(idx, inc, 'consumers', { now, templates }) } });
      }
    }

    const comments = await port.listIssueComments(pr.number);
    const { sticky, duplicates } = findSticky(comments, PR_COMMENT_MARKER, author);
    if (!sticky && items.length === 0) {
      log('comment: the pull request changes no incident; no comment');
      summary.paragraph('This pull request changes no incident: no comment.');
      await summary.write();
      core.setOutput('action', 'none');
      return;
    }
    const body = prCommentBody(idx, items, { headSha: pr.headSha, now });
    const decision = stickyDecision(sticky, body);
    let id: number;
    if (decision.action === 'create') id = await port.createIssueComment(pr.number, decision.body);
    else if (decision.action === 'update') {
      await port.updateIssueComment(decision.id, decision.body);
      id = decision.id;
    } else id = decision.id;
    const what = { create: 'created', update: 'updated', none: 'unchanged' }[decision.action];

    summary.paragraph(`Pull request #${pr.number}: the sitrep comment (${id}) was ${what}; ${items.length} incident(s), ${comments.length} comment(s) read.`);
    if (duplicates.length) summary.paragraph(`Other comments carry the sitrep marker and were left alone: ${duplicates.map((d) => d.id).join(', ')}.`);
    await summary.write();
    log(`comment: ${what} comment ${id} on #${pr.number}`);
    core.setOutput('comment-id', String(id));
    core.setOutput('action', what);
  });
}
