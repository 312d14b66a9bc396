import { defineCall } from '../call.js';
import { PER_PAGE } from '../limits.js';
import type { Issue, IssueFilter, IssueState } from '../port.js';

export const listIssues = defineCall('issues/list-for-repo', async (client, repo, filter: IssueFilter = {}): Promise<Issue[]> => {
  const issues = await client.paginate(client.rest.issues.listForRepo, {
    ...repo,
    state: filter.state ?? 'open',
    ...(filter.labels && filter.labels.length > 0 ? { labels: filter.labels.join(',') } : {}),
    per_page: PER_PAGE,
  });
  // GitHub's issue list includes pull requests; they carry a `pull_request` key.
  return issues
    .filter((issue) => issue.pull_request === undefined)
    .map((issue) => ({
      number: issue.number,
      title: issue.title,
      body: issue.body ?? '',
      state: issue.state as IssueState,
      labels: issue.labels.flatMap((label) => (typeof label === 'string' ? [label] : label.name ? [label.name] : [])),
    }));
});
