import { describe, expect, it } from 'vitest';
import { attributePullRequests, pullRequestFromSubject, type CommitLink } from '../../src/git/pull-requests.js';

describe('pullRequestFromSubject', () => {
  it.each([
    ['Close INC-2025-0042 (#123)', 123],
    ['Close INC-2025-0042 (#123)  ', 123],
    ['Merge pull request #7 from acme/inc-2025-0042', 7],
    ['Revert "Close (#5)" (#9)', 9],
    ['Mention #12 in the middle', undefined],
    ['Fix (#12) then more words', undefined],
    ["Merge branch 'main' into feature", undefined],
    ['Merge pull request from nowhere', undefined],
  ])('%j → %s', (subject, expected) => {
    expect(pullRequestFromSubject(subject)).toBe(expected);
  });
});

/** Builds commits from `sha: parents` lines; a subject-like PR number can follow after `#`. */
function graph(lines: string[]): CommitLink[] {
  return lines.map((line) => {
    const [, sha, parents, pr] = /^(\w+):\s*([\w ]*?)\s*(?:#(\d+))?$/.exec(line)!;
    return { sha, parents: parents ? parents.split(' ') : [], ...(pr ? { pullRequest: Number(pr) } : {}) };
  });
}

const attributed = (lines: string[]) => Object.fromEntries(attributePullRequests(graph(lines)));

describe('attributePullRequests', () => {
  it('gives the commits of a merged branch the merge PR, not the commits already on main', () => {
    // a ─ b ─────── M(#15)
    //      \       /
    //       f1 ─ f2
    expect(attributed(['M: b f2 #15', 'f2: f1', 'f1: b', 'b: a', 'a:'])).toEqual({ M: 15, f2: 15, f1: 15 });
  });

  it('keeps a squash commit its own number and ignores merges without one', () => {
    expect(attributed(['L: s x', 'x: a', 's: a #12', 'a:'])).toEqual({ s: 12 });
  });

  it('does not give main commits merged into the branch to the PR', () => {
    // main: a ─ b ─ c ───────── M(#20)
    //        \       \         /
    // branch: f1 ─── F(main) ─ f2
    expect(attributed(['M: c f2 #20', 'f2: F', 'F: f1 c', 'c: b', 'f1: a', 'b: a', 'a:'])).toEqual({ M: 20, f2: 20, F: 20, f1: 20 });
  });

  it('gives nested merges to the innermost PR, whatever the input order', () => {
    // PR #3 merged into release (R3), release merged into main by PR #4.
    const lines = ['M4: a R3 #4', 'R3: r1 p1 #3', 'p1: r1', 'r1: a', 'a:'];
    const expected = { M4: 4, R3: 3, p1: 3, r1: 4 };
    expect(attributed(lines)).toEqual(expected);
    expect(attributed([...lines].reverse())).toEqual(expected);
  });

  it('gives a commit to the first PR that brought it in', () => {
    // #2 branched from #1's branch and was merged first; #1's later merge brings nothing new.
    expect(attributed(['M1: M2 f1 #1', 'M2: a f2 #2', 'f2: f1', 'f1: a', 'a:'])).toEqual({ M1: 1, M2: 2, f2: 2, f1: 2 });
  });

  it('stops at parents outside the list, as at the edge of a shallow clone', () => {
    expect(attributed(['M: b f1 #8', 'f1: gone', 'b: gone'])).toEqual({ M: 8, f1: 8 });
  });

  it('handles long histories without deep recursion', () => {
    const lines = ['M: c9999 f #1', 'f: c5000'];
    for (let i = 9999; i > 0; i--) lines.push(`c${i}: c${i - 1}`);
    lines.push('c0:');
    expect(attributed(lines)).toEqual({ M: 1, f: 1 });
  });
});
