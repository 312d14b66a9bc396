/**
 * Who must review a pull request, decided from its changed files and two models of the repo:
 * the **base** (the branch it merges into) and the **head** (the PR's own version).
 *
 * Ownership always comes from the base, so a PR cannot pick its own reviewers: a dataset's
 * producer, a team's GitHub handle, a domain's owner and a runbook's owner are looked up in
 * the base. The head only says *what* the PR touches (its incidents, their datasets and
 * severity); a file new in the PR has no base owner, so the config's admins team owns it.
 *
 *   incident file                    its owner (roles.owner), the producer teams of its datasets,
 *                                    and their platform teams at severities with route_platform
 *   ownership/teams.yaml, escalation the config's admins team
 *   sitrep.config.yaml               the config's admins team
 *   ownership/domains/<id>.yaml      the domain's owner team and its steward
 *   runbooks/<id>.yaml               the runbook's owner team
 *   .github/, dist/ (machinery)      the config's admins team: they enforce the checks
 *
 * Pure: the adapter (src/actions/route) fetches the files and the models, and turns the
 * result into review requests with `planReviewRequests`.
 */
import type { Incident } from './schema/incident.js';
import type { RepoIndex } from './repo-index.js';
import { severityOf } from './repo-index.js';
import { CONFIG_PATH, ESCALATION_PATH, TEAMS_PATH, kindOf, stemOf } from './schema/file-kinds.js';

/** One changed file, as the PR's file list gives it. */
export interface ChangedPath {
  path: string;
  status: 'added' | 'removed' | 'modified' | 'renamed' | 'copied' | 'changed' | 'unchanged';
  /** The path on the base side, for renames and copies. */
  previousPath?: string;
}

export interface RoutedTeam {
  /** The sitrep team id (ownership/teams.yaml). */
  id: string;
  /** Its GitHub handle, "@org/slug", from the base ownership. */
  github: string;
}

/** Why someone was asked to review. */
export interface RouteReason {
  kind: 'user' | 'team';
  /** A login, or a team id. */
  who: string;
  /** The file that brought them in. */
  file: string;
  /** What they are there for: "incident owner", "producer of orders.fct_orders", ... */
  role: string;
}

/** Something routing could not resolve (a team new in the PR, an incident without owner). */
export interface RouteGap {
  file: string;
  message: string;
}

export interface Routing {
  /** Logins, in the order they were first routed. */
  users: string[];
  teams: RoutedTeam[];
  reasons: RouteReason[];
  gaps: RouteGap[];
}

const sameLogin = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** The incident in a model by its file path, when the file loaded. */
function incidentAt(idx: RepoIndex, path: string): Incident | undefined {
  const found = idx.model.incidents.find((i) => i.path === path);
  const data = found?.data as Incident | undefined;
  return data && typeof data === 'object' ? data : undefined;
}

class RoutingBuilder {
  readonly users: string[] = [];
  readonly teams: RoutedTeam[] = [];
  readonly reasons: RouteReason[] = [];
  readonly gaps: RouteGap[] = [];

  constructor(private readonly base: RepoIndex) {}

  user(login: string | undefined, file: string, role: string): void {
    if (typeof login !== 'string' || !login) return;
    if (!this.users.some((u) => sameLogin(u, login))) this.users.push(login);
    if (!this.reasons.some((r) => r.kind === 'user' && sameLogin(r.who, login) && r.file === file && r.role === role)) {
      this.reasons.push({ kind: 'user', who: login, file, role });
    }
  }

  /** A team by id, resolved to its GitHub handle in the base ownership. */
  team(id: string | undefined, file: string, role: string): void {
    if (typeof id !== 'string' || !id) return;
    const team = this.base.teams.get(id);
    if (!team || typeof team.github !== 'string') {
      this.gap(file, `team \`${id}\` (${role}) is not in the base ownership, so it cannot be asked to review`);
      return;
    }
    if (!this.teams.some((t) => t.id === id)) this.teams.push({ id, github: team.github });
    if (!this.reasons.some((r) => r.kind === 'team' && r.who === id && r.file === file && r.role === role)) {
      this.reasons.push({ kind: 'team', who: id, file, role });
    }
  }

  admins(file: string, role: string): void {
    const admins = this.base.config?.admins;
    if (admins) this.team(admins, file, role);
    else this.gap(file, `the base has no config with an \`admins\` team to own ${role}`);
  }

  gap(file: string, message: string): void {
    if (!this.gaps.some((g) => g.file === file && g.message === message)) this.gaps.push({ file, message });
  }
}

function routeIncident(r: RoutingBuilder, base: RepoIndex, head: RepoIndex, file: string, basePath: string | undefined): void {
  // Both versions count: removing a dataset from an incident concerns its producer too.
  const versions = [incidentAt(head, file), basePath ? incidentAt(base, basePath) : undefined].filter((i): i is Incident => i !== undefined);
  if (versions.length === 0) {
    r.gap(file, 'the incident could not be read in either version, so only path-based owners apply');
    return;
  }
  for (const inc of versions) r.user(inc.roles?.owner, file, 'incident owner');
  if (!versions.some((inc) => inc.roles?.owner)) r.gap(file, 'the incident names no owner (roles.owner)');

  const datasets: string[] = [];
  for (const inc of versions) for (const d of Array.isArray(inc.datasets) ? inc.datasets : []) if (typeof d === 'string' && !datasets.includes(d)) datasets.push(d);
  // The platform is asked at the severities the base config names, in either version.
  const platform = versions.some((inc) => severityOf(base, inc.severity)?.route_platform === true);
  for (const id of datasets) {
    const entry = base.datasets.get(id);
    if (!entry) {
      r.gap(file, `dataset \`${id}\` is not in the base ownership, so its producer cannot be routed from it`);
      continue;
    }
    r.team(entry.dataset.producer, file, `producer of ${id}`);
    if (platform) r.team(entry.dataset.platform, file, `platform of ${id}`);
  }
}

function routeDomain(r: RoutingBuilder, base: RepoIndex, file: string, basePath: string | undefined): void {
  const id = stemOf(basePath ?? file);
  const domain = base.model.domains.find((d) => d.path === (basePath ?? file))?.data?.domain;
  if (!domain || typeof domain !== 'object') {
    r.admins(file, 'a domain file new in this PR');
    return;
  }
  r.team(domain.owner, file, `owner of domain ${domain.id ?? id}`);
  r.user(domain.steward, file, `steward of domain ${domain.id ?? id}`);
}

function routeRunbook(r: RoutingBuilder, base: RepoIndex, file: string, basePath: string | undefined): void {
  const runbook = base.model.runbooks.find((x) => x.path === (basePath ?? file))?.data;
  if (!runbook || typeof runbook !== 'object' || typeof runbook.owner !== 'string') {
    r.admins(file, 'a runbook new in this PR');
    return;
  }
  r.team(runbook.owner, file, `owner of runbook ${runbook.id ?? stemOf(file)}`);
}

/** Routes one path; `basePath` is where the file was in the base (itself, or the old name of a rename). */
function routePath(r: RoutingBuilder, base: RepoIndex, head: RepoIndex, path: string, basePath: string | undefined): void {
  if (path === CONFIG_PATH || path === TEAMS_PATH || path === ESCALATION_PATH) {
    r.admins(path, `the admins' file ${path}`);
    return;
  }
  switch (kindOf(path)?.kind) {
    case 'incident': routeIncident(r, base, head, path, basePath); break;
    case 'domain': routeDomain(r, base, path, basePath); break;
    case 'runbook': routeRunbook(r, base, path, basePath); break;
    default: break; // not an incident-repo file: CODEOWNERS covers the rest
  }
}

export interface RouteOptions {
  /**
   * Changed files of the machinery that enforces the process (workflows, the Actions and their
   * bundles: `.github/`, `dist/`): a PR that edits them could weaken the checks, so the config's
   * admins team reviews them.
   */
  machinery?: readonly string[];
}

/** Paths of the enforcing machinery, relative to the git repository's top. */
export function isMachineryPath(path: string): boolean {
  return path.startsWith('.github/') || path.startsWith('dist/');
}

/** Who must review a PR that changes `changed`, with the base ownership deciding every owner. */
export function routeReviews(changed: readonly ChangedPath[], base: RepoIndex, head: RepoIndex, opts: RouteOptions = {}): Routing {
  const r = new RoutingBuilder(base);
  for (const path of opts.machinery ?? []) r.admins(path, 'the workflows and Actions that enforce the checks');
  for (const file of changed) {
    if (file.status === 'unchanged') continue;
    const existedInBase = file.status !== 'added' && file.status !== 'copied';
    const basePath = file.previousPath ?? (existedInBase ? file.path : undefined);
    routePath(r, base, head, file.path, basePath);
    // A rename that moves a file out of its kind (or moves an admins' file) removes it from its
    // old place: that place's owners are asked too. Within one kind, `basePath` already reads
    // the base version at its old path.
    const old = file.previousPath;
    if (old && old !== file.path && (kindOf(old)?.kind !== kindOf(file.path)?.kind || old === TEAMS_PATH || old === ESCALATION_PATH)) {
      routePath(r, base, base, old, old);
    }
  }
  return { users: r.users, teams: r.teams, reasons: r.reasons, gaps: r.gaps };
}

/** "@org/slug" → { org, slug }, or undefined when it is not a team handle. */
export function parseTeamHandle(handle: string): { org: string; slug: string } | undefined {
  const m = /^@([A-Za-z0-9][A-Za-z0-9-]*)\/([A-Za-z0-9][A-Za-z0-9._-]*)$/.exec(handle);
  return m ? { org: m[1], slug: m[2] } : undefined;
}

// ---------------------------------------------------------------------------- review requests

/** What GitHub already knows about the PR's reviewers. */
export interface ReviewState {
  /** The PR author: GitHub refuses a review request from them (422). */
  author: string;
  /** The repository's owner: only teams of that organisation can be asked. */
  org: string;
  /** Pending review requests. */
  requested: { users: readonly string[]; teams: readonly string[] };
  /** Logins who have submitted a review (any state). */
  reviewedBy: readonly string[];
  /** Per routed user login: whether they can review (a collaborator). Missing means unknown: asked. */
  collaborators: ReadonlyMap<string, boolean>;
}

export interface SkippedReviewer {
  kind: 'user' | 'team';
  /** A login or "@org/slug". */
  who: string;
  why: string;
}

export interface ReviewRequestPlan {
  /** Logins to request now. */
  users: string[];
  /** Team slugs to request now. */
  teams: string[];
  /** Routed and already requested or already reviewed: nothing to do. */
  satisfied: { kind: 'user' | 'team'; who: string; why: string }[];
  /** Routed but not requestable. */
  skipped: SkippedReviewer[];
}

/** The routed users whose collaborator status the adapter must look up: all but the author. */
export function usersToCheck(routing: Routing, author: string): string[] {
  return routing.users.filter((u) => !sameLogin(u, author));
}

/**
 * Turns routing into the requests still to make. Idempotent by construction: whoever is already
 * requested, or has already reviewed, is not asked again, so a second run requests nobody. A
 * team counts as reviewed once one of its base members or leads has reviewed (GitHub drops the
 * team's request when a member reviews for it, and asking again would be noise).
 */
export function planReviewRequests(routing: Routing, state: ReviewState, base: RepoIndex): ReviewRequestPlan {
  const plan: ReviewRequestPlan = { users: [], teams: [], satisfied: [], skipped: [] };
  const has = (list: readonly string[], login: string) => list.some((x) => sameLogin(x, login));
  for (const login of routing.users) {
    if (sameLogin(login, state.author)) {
      plan.skipped.push({ kind: 'user', who: login, why: 'is the pull request author (GitHub refuses that request)' });
    } else if (has(state.requested.users, login)) {
      plan.satisfied.push({ kind: 'user', who: login, why: 'already requested' });
    } else if (has(state.reviewedBy, login)) {
      plan.satisfied.push({ kind: 'user', who: login, why: 'already reviewed' });
    } else if (state.collaborators.get(login) === false) {
      plan.skipped.push({ kind: 'user', who: login, why: 'is not a collaborator of this repository, so GitHub cannot ask them to review' });
    } else {
      plan.users.push(login);
    }
  }
  for (const team of routing.teams) {
    const handle = parseTeamHandle(team.github);
    if (!handle) {
      plan.skipped.push({ kind: 'team', who: team.github, why: `is not a GitHub team handle (@org/slug) for team ${team.id}` });
      continue;
    }
    if (handle.org.toLowerCase() !== state.org.toLowerCase()) {
      plan.skipped.push({ kind: 'team', who: team.github, why: `belongs to ${handle.org}, not ${state.org}: only the repository's organisation's teams can review` });
      continue;
    }
    const members = base.teams.get(team.id);
    const people = [...(members?.members ?? []), ...(members?.leads ?? [])];
    const reviewer = state.reviewedBy.find((login) => people.some((p) => sameLogin(p, login)));
    if (state.requested.teams.some((t) => t.toLowerCase() === handle.slug.toLowerCase())) {
      plan.satisfied.push({ kind: 'team', who: team.github, why: 'already requested' });
    } else if (reviewer) {
      plan.satisfied.push({ kind: 'team', who: team.github, why: `already reviewed by member ${reviewer}` });
    } else if (!plan.teams.includes(handle.slug)) {
      plan.teams.push(handle.slug);
    }
  }
  return plan;
}
