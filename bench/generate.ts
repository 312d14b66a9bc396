/**
 * A deterministic synthetic incident repo, for `npm run bench`.
 *
 *   generateRepo(dir, { incidents, years, ledgerPerIncident, datasets, teams })
 *     writes the config (a copy of this repo's), ownership, runbooks and incidents/<year>/<id>.yaml,
 *     in every status, each carrying what its status requires, so `sitrep validate` finds 0 errors.
 *   generateHistory(dir, { commits })
 *     turns it into a git repository whose history opens each incident, moves it through its
 *     statuses and appends to its ledger, with real people and dates in time order: one
 *     `git fast-import` process fed one stream, not a git process per commit.
 *
 * Same options, same seed → the same bytes. No Math.random.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { once } from 'node:events';
import { buildIndex, type RepoIndex } from '../src/core/repo-index.js';
import type { RepoModel } from '../src/core/model.js';
import type { Status } from '../src/core/schema/incident.js';
import { parseYaml } from '../src/core/yaml/parse.js';
import { Rng } from './gen/random.js';
import { buildWorld, type World } from './gen/world.js';
import { changeTimes, planIncidents, renderIncident, statusAt, type IncidentPlan } from './gen/incidents.js';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** Bump when the generator's output changes, so cached bench repos are made again. */
export const GENERATOR_VERSION = 1;
const MANIFEST = '.sitrep-bench.json';
const DAY = 24 * 3600_000;

export interface GenerateOptions {
  incidents?: number;
  /** Years of incidents, ending in the year of `now`. */
  years?: number;
  ledgerPerIncident?: number;
  datasets?: number;
  teams?: number;
  seed?: string;
  /** The generated repo's "now": the last incident is detected a day before it. */
  now?: string;
  /** The config to copy; this repo's own by default. */
  configPath?: string;
}

export type ResolvedOptions = Required<GenerateOptions>;

export interface GenerateSummary {
  dir: string;
  options: ResolvedOptions;
  incidents: number;
  files: number;
  bytes: number;
  byStatus: Record<string, number>;
  seconds: number;
}

export function resolveOptions(o: GenerateOptions = {}): ResolvedOptions {
  return {
    incidents: o.incidents ?? 10_000,
    years: o.years ?? 5,
    ledgerPerIncident: o.ledgerPerIncident ?? 30,
    datasets: o.datasets ?? 200,
    teams: o.teams ?? 30,
    seed: o.seed ?? 'sitrep-bench',
    now: o.now ?? '2026-11-01T00:00:00Z',
    configPath: o.configPath ?? join(ROOT, 'sitrep.config.yaml'),
  };
}

interface Built { opts: ResolvedOptions; world: World; idx: RepoIndex; plans: IncidentPlan[]; now: number; start: number }

/** The last build, so generateHistory right after generateRepo in one process does not plan everything again. */
let lastBuild: { key: string; built: Built } | undefined;

function build(opts: ResolvedOptions): Built {
  const key = JSON.stringify(opts);
  if (lastBuild?.key === key) return lastBuild.built;
  const built = buildFresh(opts);
  lastBuild = { key, built };
  return built;
}

function buildFresh(opts: ResolvedOptions): Built {
  const now = Date.parse(opts.now);
  if (Number.isNaN(now)) throw new Error(`generate: now must be an ISO date-time, not ${opts.now}`);
  const start = Date.UTC(new Date(now).getUTCFullYear() - opts.years + 1, 0, 1);
  const rng = new Rng(opts.seed);
  const world = buildWorld(rng.fork('world'), {
    datasets: opts.datasets, teams: opts.teams, start, end: now, configText: readFileSync(opts.configPath, 'utf8'),
  });
  // The generator asks the product's own index (sign-off roles) about the files it wrote, read by the product's parser.
  const located = <T>(path: string) => {
    const parsed = parseYaml(path, world.files.get(path)!);
    if (!parsed.ok) throw new Error(`generate: wrote unreadable YAML in ${path}: ${parsed.findings[0]?.message}`);
    return { path, data: parsed.value as T, valid: true };
  };
  const paths = [...world.files.keys()];
  const model: RepoModel = {
    label: 'generator',
    config: located('sitrep.config.yaml'),
    teams: located('ownership/teams.yaml'),
    escalation: located('ownership/escalation.yaml'),
    domains: paths.filter((p) => p.startsWith('ownership/domains/')).map((p) => located(p)),
    runbooks: paths.filter((p) => p.startsWith('runbooks/')).map((p) => located(p)),
    incidents: [],
    incidentPaths: [],
    filesRead: 0,
  };
  const idx = buildIndex(model);
  const plans = planIncidents(world, idx, rng.fork('incidents'), { incidents: opts.incidents, ledgerPerIncident: opts.ledgerPerIncident, start, now });
  return { opts, world, idx, plans, now, start };
}

function writeFile(dir: string, path: string, text: string, made: Set<string>): number {
  const abs = join(dir, path);
  const parent = dirname(abs);
  if (!made.has(parent)) { mkdirSync(parent, { recursive: true }); made.add(parent); }
  const bytes = Buffer.from(text, 'utf8');
  writeFileSync(abs, bytes);
  return bytes.length;
}

/** Writes the repo into `dir`, which must be empty, missing, or an earlier generated repo's folder. */
export function generateRepo(dir: string, options: GenerateOptions = {}): GenerateSummary {
  const t0 = performance.now();
  if (existsSync(dir) && readdirSync(dir).length && !existsSync(join(dir, MANIFEST))) {
    throw new Error(`generate: ${dir} is not empty and was not made by the generator; refusing to write into it`);
  }
  if (existsSync(join(dir, 'incidents'))) throw new Error(`generate: ${dir} already holds a generated repo; use a fresh folder`);
  const opts = resolveOptions(options);
  const b = build(opts);
  const made = new Set<string>();
  let bytes = 0;
  let files = 0;
  for (const [path, text] of b.world.files) { bytes += writeFile(dir, path, text, made); files++; }
  const byStatus: Record<string, number> = {};
  for (const p of b.plans) {
    bytes += writeFile(dir, p.path, renderIncident(p, b.now), made);
    files++;
    const s = statusAt(p, b.now);
    byStatus[s] = (byStatus[s] ?? 0) + 1;
  }
  writeFileSync(join(dir, MANIFEST), `${JSON.stringify({ generator: GENERATOR_VERSION, options: opts }, null, 2)}\n`);
  return { dir, options: opts, incidents: b.plans.length, files, bytes, byStatus, seconds: (performance.now() - t0) / 1000 };
}

export interface HistoryOptions {
  /**
   * Commits to write, the setup commit included. At least 2 per incident (the version that opened it, then
   * its latest); extra commits go round the incidents, each taking its next status change, then its ledger
   * appends, until the budget or the candidates run out. Default: 2 per incident.
   */
  commits?: number;
}

export interface HistorySummary { commits: number; seconds: number; maxCommits: number }

interface Snapshot { plan: number; at: number; time: number; message: string; author: string }

/** Turns a repo made by generateRepo into a git repository with a realistic history ending in its files. */
export async function generateHistory(dir: string, options: HistoryOptions = {}): Promise<HistorySummary> {
  const t0 = performance.now();
  if (existsSync(join(dir, '.git'))) throw new Error(`generate: ${dir} already has a git history`);
  const manifest = JSON.parse(readFileSync(join(dir, MANIFEST), 'utf8')) as { options: ResolvedOptions };
  const b = build(manifest.options);
  const rng = new Rng(`${b.opts.seed}/history`);

  // Candidate snapshots per incident: when it was opened, each status change, a ledger append
  // between status changes, and its latest state. A snapshot at time e shows everything up to e.
  const perPlan = b.plans.map((p) => {
    const ct = changeTimes(p, b.now);
    const lastAtOrBefore = (limit: number) => { let e = ct[0]; for (const t of ct) if (t <= limit) e = t; return e; };
    const reachedTimes = p.times.filter((t) => t <= b.now);
    const marks = reachedTimes.map((t, k) => lastAtOrBefore(Math.min(t + 10 * 60_000, (p.times[k + 1] ?? Infinity) - 1)));
    const final = ct[ct.length - 1];
    const first = marks[0] !== final ? marks[0] : ct[0];
    const optional: number[] = [];
    for (const m of marks.slice(1)) if (m !== first && m !== final && !optional.includes(m)) optional.push(m);
    const bounds = [first, ...optional, final];
    const appends: number[] = [];
    for (let k = 0; k + 1 < bounds.length; k++) {
      const inside = ct.filter((t) => t > bounds[k] && t < bounds[k + 1]);
      if (inside.length) appends.push(inside[Math.floor(inside.length / 2)]);
    }
    return { mandatory: first === final ? [final] : [first, final], optional: [...optional, ...appends] };
  });
  const maxCommits = 1 + perPlan.reduce((n, s) => n + s.mandatory.length + s.optional.length, 0);
  const base = 1 + perPlan.reduce((n, s) => n + s.mandatory.length, 0);
  let extra = Math.max(0, (options.commits ?? base) - base);
  const chosen = perPlan.map((s) => [...s.mandatory]);
  for (let round = 0; extra > 0; round++) {
    let took = false;
    for (let i = 0; i < perPlan.length && extra > 0; i++) {
      const e = perPlan[i].optional[round];
      if (e !== undefined) { chosen[i].push(e); extra--; took = true; }
    }
    if (!took) break;
  }

  const snapshots: Snapshot[] = [];
  b.plans.forEach((p, i) => {
    const times = chosen[i].sort((x, y) => x - y);
    let prevTime = 0;
    let prevStatus: Status | undefined;
    for (const at of times) {
      const time = Math.max(at + rng.int(60, 20 * 60) * 1000, prevTime + 1000);
      prevTime = time;
      const status = statusAt(p, at);
      let author = p.actors[0].login;
      for (const a of p.actors) if (a.t <= at) author = a.login;
      const what = prevStatus === undefined
        ? `open, ${p.severity} ${p.symptom} on ${p.datasets[0]}`
        : status !== prevStatus ? status
          : p.review?.held !== undefined && p.review.held <= at && status === 'closed' ? 'post-incident review' : 'ledger and updates';
      snapshots.push({ plan: i, at, time, author, message: `${p.id}: ${what}` });
      prevStatus = status;
    }
  });
  snapshots.sort((x, y) => x.time - y.time || x.plan - y.plan || x.at - y.at);

  const env = gitEnv();
  const git = (args: string[]) => {
    const r = spawnSync('git', args, { cwd: dir, env, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`generate: git ${args.join(' ')} failed: ${r.stderr || r.error}`);
    return r.stdout;
  };
  git(['init', '-q', '-b', 'main']);
  mkdirSync(join(dir, '.git', 'info'), { recursive: true });
  writeFileSync(join(dir, '.git', 'info', 'exclude'), `/${MANIFEST}\n`);

  // Level-1 zlib: about 13% less CPU in fast-import for a pack a few percent larger.
  const fi = spawn('git', ['-c', 'pack.compression=1', 'fast-import', '--quiet', '--done'], { cwd: dir, env, stdio: ['pipe', 'ignore', 'pipe'] });
  let stderr = '';
  fi.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
  const exited = once(fi, 'close');
  const out = fi.stdin;
  const write = async (chunk: string | Buffer) => { if (!out.write(chunk)) await once(out, 'drain'); };
  const data = (text: string) => { const buf = Buffer.from(text, 'utf8'); return [`data ${buf.length}\n`, buf] as const; };
  const who = (login: string) => `${b.world.people.get(login)?.name ?? login} <${login}@users.noreply.github.com>`;
  const stamp = (ms: number) => `${Math.floor(ms / 1000)} +0000`;
  const commit = async (author: string, time: number, message: string, files: [string, string][]) => {
    await write(`commit refs/heads/main\nauthor ${who(author)} ${stamp(time)}\ncommitter GitHub <noreply@github.com> ${stamp(time)}\n`);
    for (const part of data(`${message}\n`)) await write(part);
    for (const [path, text] of files) {
      await write(`M 100644 inline ${path}\n`);
      for (const part of data(text)) await write(part);
    }
    await write('\n');
  };
  try {
    const admin = b.world.team.get(b.world.config.admins)!.leads[0];
    await commit(admin, b.start - 14 * DAY, 'Set up the incident repo: config, ownership and runbooks', [...b.world.files]);
    let pr = 100;
    for (const s of snapshots) {
      const p = b.plans[s.plan];
      await commit(s.author, s.time, `${s.message} (#${++pr})`, [[p.path, renderIncident(p, s.at)]]);
    }
    await write('done\n');
    out.end();
  } catch (e) {
    out.destroy();
    throw new Error(`generate: writing to git fast-import failed: ${(e as Error).message}\n${stderr}`);
  }
  const [code] = (await exited) as [number | null];
  if (code !== 0) throw new Error(`generate: git fast-import exited with ${code}: ${stderr}`);
  git(['reset', '-q']);
  lastBuild = undefined;
  return { commits: snapshots.length + 1, seconds: (performance.now() - t0) / 1000, maxCommits };
}

/** Git with no user or system config (signing, hooks, default branch), and no GIT_* from a parent process. */
export function gitEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('GIT_')) env[k] = v;
  return { ...env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1', GIT_TERMINAL_PROMPT: '0' };
}
