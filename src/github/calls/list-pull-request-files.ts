import { defineCall } from '../call.js';
import { PER_PAGE } from '../limits.js';
import type { PullRequestFile } from '../port.js';

// GitHub lists at most 3000 files of a pull request; an incident PR is far below that.
export const listPullRequestFiles = defineCall('pulls/list-files', async (client, repo, number: number): Promise<PullRequestFile[]> => {
  const files = await client.paginate(client.rest.pulls.listFiles, { ...repo, pull_number: number, per_page: PER_PAGE });
  return files.map((file) => ({
    path: file.filename,
    status: file.status,
    ...(file.previous_filename === undefined ? {} : { previousPath: file.previous_filename }),
  }));
});
