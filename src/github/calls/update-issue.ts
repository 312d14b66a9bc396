import { defineCall } from '../call.js';
import type { IssueChanges } from '../port.js';

export const updateIssue = defineCall('issues/update', async (client, repo, number: number, changes: IssueChanges): Promise<void> => {
  await client.rest.issues.update({ ...repo, issue_number: number, ...changes });
});
