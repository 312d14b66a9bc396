import { defineCall } from '../call.js';
import type { NewIssue } from '../port.js';

export const createIssue = defineCall('issues/create', async (client, repo, issue: NewIssue): Promise<number> => {
  const { data } = await client.rest.issues.create({ ...repo, title: issue.title, body: issue.body, labels: issue.labels });
  return data.number;
});
