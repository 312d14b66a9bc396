/**
 * The sign-off gate (DOMAIN.md, "Claims"): sign-offs and waivers in the YAML are claims, and
 * only real PR approvals make them count. For each claim the gate requires that:
 *
 * - the **latest** decisive review of the named person is APPROVED. Decisive means APPROVED,
 *   CHANGES_REQUESTED or DISMISSED: a later request for changes or a dismissal cancels an
 *   approval, a plain comment does not (as on GitHub itself). Pending reviews are not submitted;
 * - that approval was given on the PR's **head** commit: an approval of an older commit says
 *   nothing about what the PR adds after it;
 * - the person is eligible in the **base** ownership (a member or lead of the signing team; for
 *   a waiver, someone the base ownership knows), so a PR that adds its author to a team gains
 *   no sign-off power;
 * - the person is not the PR's author: nobody approves their own claim.
 *
 * Logins compare case-insensitively, as GitHub's do. Pure: the gate Action supplies the reviews.
 */
import { isKnownLogin, isMemberOf, type RepoIndex } from './repo-index.js';
import type { SignoffRequired, WaiverRequired } from './check/types.js';

/** A review as the GitHub port returns it (src/github/port.ts has the same shape). */
export interface GateReview {
  id: number;
  user: string;
  state: 'APPROVED' | 'CHANGES_REQUESTED' | 'COMMENTED' | 'DISMISSED' | 'PENDING';
  commitId: string | null;
  submittedAt: string | null;
}

/** One claim the gate must verify. */
export type GateClaim =
  | {
      kind: 'signoff';
      incident: string;
      file: string;
      team: string;
      role: string;
      /** The login the incident names, or null when it names nobody yet. */
      by: string | null;
      /** Who may sign for the team in the base ownership. */
      eligible: readonly string[];
    }
  | {
      kind: 'waiver';
      incident: string;
      file: string;
      rule: string;
      stage: string | null;
      by: string;
      eligible: readonly string[];
    };

export interface GateInput {
  claims: readonly GateClaim[];
  /** Every review of the PR, in any order. */
  reviews: readonly GateReview[];
  author: string;
  headSha: string;
}

export type GateProblem =
  | 'no-claim'
  | 'author'
  | 'not-eligible'
  | 'no-review'
  | 'not-approved'
  | 'stale-approval';

export interface GateItem {
  claim: GateClaim;
  ok: boolean;
  /** Why it does not count yet; absent when ok. */
  problem?: GateProblem;
  /** One sentence for people: what is missing and how to fix it. */
  message: string;
  /** The review that decided it, if any. */
  review?: GateReview;
}

export interface GateVerdict {
  passed: boolean;
  items: GateItem[];
  /** The items that do not count yet. */
  missing: GateItem[];
}

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
const DECISIVE: ReadonlySet<GateReview['state']> = new Set(['APPROVED', 'CHANGES_REQUESTED', 'DISMISSED']);

/** The latest submitted decisive review of `login`: by submission time, then by id (GitHub's order). */
export function latestDecisiveReview(reviews: readonly GateReview[], login: string): GateReview | undefined {
  const own = reviews.filter((r) => same(r.user, login) && DECISIVE.has(r.state) && r.submittedAt !== null);
  own.sort((a, b) => Date.parse(a.submittedAt!) - Date.parse(b.submittedAt!) || a.id - b.id);
  return own[own.length - 1];
}

/** What a claim is, for messages: "sign-off of team orders-data for INC-2025-0042". */
export function describeClaim(claim: GateClaim): string {
  return claim.kind === 'signoff'
    ? `sign-off of team ${claim.team} (${claim.role}) for ${claim.incident}`
    : `waiver of ${claim.rule}${claim.stage ? ` (stage ${claim.stage})` : ''} for ${claim.incident}`;
}

function judge(claim: GateClaim, input: GateInput): GateItem {
  const what = describeClaim(claim);
  const fail = (problem: GateProblem, message: string, review?: GateReview): GateItem => ({ claim, ok: false, problem, message, ...(review ? { review } : {}) });
  const by = claim.by;
  if (!by) return fail('no-claim', `${what}: the incident names nobody; add a member of ${claim.kind === 'signoff' ? `team ${claim.team}` : 'an eligible team'} who then approves this PR`);
  if (same(by, input.author)) return fail('author', `${what}: ${by} opened this pull request, and nobody can approve their own claim; another eligible person must sign and approve`);
  if (!claim.eligible.some((l) => same(l, by))) {
    const who = claim.kind === 'signoff' ? `a member or lead of team ${claim.team}` : 'eligible to approve this waiver';
    return fail('not-eligible', `${what}: ${by} is not ${who} in the base branch's ownership (changes in this PR do not count)`);
  }
  const review = latestDecisiveReview(input.reviews, by);
  if (!review) return fail('no-review', `${what}: ${by} has not approved this pull request`);
  if (review.state !== 'APPROVED') {
    const state = review.state === 'DISMISSED' ? 'was dismissed' : 'requests changes';
    return fail('not-approved', `${what}: ${by}'s latest review ${state}; ${by} must approve again`, review);
  }
  if (review.commitId !== input.headSha) {
    const seen = review.commitId ? review.commitId.slice(0, 7) : 'an unknown commit';
    return fail('stale-approval', `${what}: ${by} approved ${seen}, not the head commit ${input.headSha.slice(0, 7)}; ${by} must approve the latest commit`, review);
  }
  return { claim, ok: true, message: `${what}: approved by ${by} on ${input.headSha.slice(0, 7)}`, review };
}

export function gateVerdict(input: GateInput): GateVerdict {
  const items = input.claims.map((claim) => judge(claim, input));
  const missing = items.filter((i) => !i.ok);
  return { passed: missing.length === 0, items, missing };
}

/**
 * The claims of a `check` result. Check computes eligibility in the ownership of the PR's merge
 * base; the gate also requires it in `base`, the ownership of the base branch as it is now. A
 * head can be built on an old commit of the base branch, whose ownership still lists someone
 * since removed: that person must not regain sign-off power through it.
 *
 * - a sign-off: the team's members and leads in check's base, who are still members or leads now;
 * - a waiver the PR adds or uses: its approver, when the base ownership knows them (a member or
 *   lead of a team, or an executive: the rule check applies).
 */
export function gateClaims(
  signoffs: readonly SignoffRequired[],
  waivers: readonly WaiverRequired[],
  base: RepoIndex,
): GateClaim[] {
  const claims: GateClaim[] = signoffs.map((s) => ({
    kind: 'signoff', incident: s.incident, file: s.file, team: s.team, role: s.role, by: s.claimed_by,
    eligible: s.members.filter((login) => isMemberOf(base, s.team, login)),
  }));
  for (const w of waivers) {
    claims.push({
      kind: 'waiver', incident: w.incident, file: w.file, rule: w.rule, stage: w.stage,
      by: w.approved_by, eligible: w.approved_by && isKnownLogin(base, w.approved_by) ? [w.approved_by] : [],
    });
  }
  return claims;
}
