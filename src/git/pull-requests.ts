/** The parent links and own PR number of a commit: all attribution needs. `LogCommit` fits. */
export interface CommitLink {
  sha: string;
  parents: readonly string[];
  pullRequest?: number;
}

// GitHub's default subjects: a squash merge ends in "(#123)"; a merge commit starts "Merge pull request #123 from …".
const SQUASH_SUBJECT = /\(#(\d+)\)\s*$/;
const MERGE_SUBJECT = /^Merge pull request #(\d+) from /;

/** The PR number GitHub wrote into a squash or merge commit's subject, if any. */
export function pullRequestFromSubject(subject: string): number | undefined {
  const match = MERGE_SUBJECT.exec(subject) ?? SQUASH_SUBJECT.exec(subject);
  return match ? Number(match[1]) : undefined;
}

/**
 * Which PR brought each commit in. A commit's own subject wins; otherwise a commit gets the PR of
 * the merge that brought it in: reachable from the merge's other parents but not from its first.
 * When merges nest (a PR merged into a branch that a later PR merged), the innermost merge wins.
 * Pure: it uses only the parent links given (with a path-limited log, git's rewritten parents),
 * and ignores parents outside the list (the edge of a shallow clone).
 */
export function attributePullRequests(commits: readonly CommitLink[]): Map<string, number> {
  const bySha = new Map(commits.map((c) => [c.sha, c]));
  const generation = generations(bySha);
  const result = new Map<string, number>();
  for (const c of commits) if (c.pullRequest !== undefined) result.set(c.sha, c.pullRequest);

  const merges = commits.filter((c) => c.parents.length > 1 && c.pullRequest !== undefined);
  merges.sort((a, b) => generation.get(a.sha)! - generation.get(b.sha)!);
  for (const merge of merges) {
    for (const sha of broughtIn(merge, bySha, generation)) if (!result.has(sha)) result.set(sha, merge.pullRequest!);
  }
  return result;
}

/**
 * 1 + the longest parent chain inside the list. A parent always has a lower generation than its
 * child, which lets the walk below visit commits in an order where every child comes first.
 */
function generations(bySha: ReadonlyMap<string, CommitLink>): Map<string, number> {
  const generation = new Map<string, number>();
  for (const start of bySha.keys()) {
    // An explicit stack: histories are deeper than the JS call stack.
    const stack = [start];
    while (stack.length > 0) {
      const sha = stack[stack.length - 1];
      if (generation.has(sha)) {
        stack.pop();
        continue;
      }
      const parents = bySha.get(sha)!.parents.filter((p) => bySha.has(p));
      const pending = parents.filter((p) => !generation.has(p));
      if (pending.length > 0) {
        stack.push(...pending);
        continue;
      }
      generation.set(sha, 1 + Math.max(0, ...parents.map((p) => generation.get(p)!)));
      stack.pop();
    }
  }
  return generation;
}

const FIRST = 1;
const MERGED = 2;

/**
 * The commits reachable from a merge's other parents and not from its first parent. The same walk
 * as git's merge-base: paint both sides down in generation order and stop once every commit still
 * queued is reachable from the first parent, so its cost is the size of the branch, not the history.
 */
function broughtIn(merge: CommitLink, bySha: ReadonlyMap<string, CommitLink>, generation: ReadonlyMap<string, number>): string[] {
  const paint = new Map<string, number>();
  const queue = new MaxHeap((sha: string) => generation.get(sha)!);
  let mergedOnly = 0;
  const mark = (sha: string, flags: number): void => {
    if (!bySha.has(sha)) return;
    const before = paint.get(sha);
    if (before === undefined) {
      paint.set(sha, flags);
      queue.push(sha);
      if (flags === MERGED) mergedOnly++;
    } else if ((before | flags) !== before) {
      // Only queued commits can gain paint: every child of a commit is popped before it.
      paint.set(sha, before | flags);
      if (before === MERGED) mergedOnly--;
    }
  };

  merge.parents.forEach((p, i) => mark(p, i === 0 ? FIRST : MERGED));
  const found: string[] = [];
  while (mergedOnly > 0) {
    const sha = queue.pop()!;
    const flags = paint.get(sha)!;
    if (flags === MERGED) {
      mergedOnly--;
      found.push(sha);
    }
    for (const parent of bySha.get(sha)!.parents) mark(parent, flags);
  }
  return found;
}

/** A binary max-heap of strings by a numeric key. */
class MaxHeap {
  readonly #items: string[] = [];
  constructor(readonly key: (item: string) => number) {}

  push(item: string): void {
    const items = this.#items;
    items.push(item);
    for (let i = items.length - 1; i > 0; ) {
      const up = (i - 1) >> 1;
      if (this.key(items[up]) >= this.key(items[i])) break;
      [items[up], items[i]] = [items[i], items[up]];
      i = up;
    }
  }

  pop(): string | undefined {
    const items = this.#items;
    const top = items[0];
    const last = items.pop();
    if (items.length === 0 || last === undefined) return top;
    items[0] = last;
    for (let i = 0; ; ) {
      const l = 2 * i + 1;
      const r = l + 1;
      let max = i;
      if (l < items.length && this.key(items[l]) > this.key(items[max])) max = l;
      if (r < items.length && this.key(items[r]) > this.key(items[max])) max = r;
      if (max === i) return top;
      [items[max], items[i]] = [items[i], items[max]];
      i = max;
    }
  }
}
