import { defineCall } from '../call.js';
import { PER_PAGE } from '../limits.js';

export const listIssueLabels = defineCall('issues/list-labels-on-issue', async (client, repo, number: number): Promise<string[]> => {
  const labels = await client.paginate(client.rest.issues.listLabelsOnIssue, { ...repo, issue_number: number, per_page: PER_PAGE });
  return labels.map((label) => label.name);
});
