import { defineCall } from '../call.js';

export const createIssueComment = defineCall('issues/create-comment', async (client, repo, number: number, body: string): Promise<number> => {
  const { data } = await client.rest.issues.createComment({ ...repo, issue_number: number, body });
  return data.id;
});
