import { defineCall } from '../call.js';

// GitHub creates a repository label that does not exist yet.
export const addLabels = defineCall('issues/add-labels', async (client, repo, number: number, labels: string[]): Promise<void> => {
  if (labels.length === 0) return;
  await client.rest.issues.addLabels({ ...repo, issue_number: number, labels });
});
