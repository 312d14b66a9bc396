// The one place that runs git: both the change checks and the history reader import from here.
export { GitError, runGit, isGitRepo, gitProcessesStarted } from './run-git.js';
export { CatFileBatch, type GitObject } from './cat-file-batch.js';
export { repoInfo, isShallow, resolveCommit, commitTime, mergeBase, type RepoInfo } from './repo-info.js';
export { GitTreeSource, type GitTreeSourceOptions } from './tree-source.js';
export { changedFiles, type ChangedFile, type ChangeStatus } from './diff.js';
export { streamLog, type LogCommit, type LogChange, type StreamLogOptions } from './log-stream.js';
export { attributePullRequests, pullRequestFromSubject, type CommitLink } from './pull-requests.js';
