import { defineCall } from '../call.js';
import { PER_PAGE } from '../limits.js';
import type { IssueComment } from '../port.js';

export const listIssueComments = defineCall('issues/list-comments', async (client, repo, number: number): Promise<IssueComment[]> => {
  const comments = await client.paginate(client.rest.issues.listComments, { ...repo, issue_number: number, per_page: PER_PAGE });
  return comments.map((comment) => ({ id: comment.id, body: comment.body ?? '', user: comment.user?.login ?? 'ghost' }));
});
