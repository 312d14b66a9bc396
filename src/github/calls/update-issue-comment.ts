import { defineCall } from '../call.js';

export const updateIssueComment = defineCall('issues/update-comment', async (client, repo, id: number, body: string): Promise<void> => {
  await client.rest.issues.updateComment({ ...repo, comment_id: id, body });
});
