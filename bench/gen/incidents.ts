/**
 * Incidents as timed plans. A plan knows when each thing happened (status changes, ledger
 * entries, updates, sign-offs, the review), and `renderIncident(plan, t)` writes the file as it
 * stood at time t. The working tree is the render at "now"; the git history renders the same
 * plans at earlier times, so every version in history is a valid incident too.
 */
import type { Status } from '../../src/core/schema/incident.js';
import { CURRENT_STAGE, FORWARD, STAGES_ENDED_BY, pathTo } from '../../src/core/lifecycle.js';
import type { RepoIndex } from '../../src/core/repo-index.js';
import { requiredSignoffs } from '../../src/core/signoff.js';
import { parseDuration } from '../../src/core/time.js';
import type { Incident } from '../../src/core/schema/incident.js';
import type { Rng } from './random.js';
import type { DatasetW, TeamW, World } from './world.js';
import { STAGE_EVIDENCE } from './world.js';
import * as T from './text.js';
import { day, flowList, flowMap, q, ts } from './yaml-text.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const OPEN: readonly Status[] = ['detected', 'triaged', 'contained', 'remediated', 'verified'];
type Kind = keyof typeof T.LEDGER;

interface Timed { t: number; line: string }

export interface IncidentPlan {
  id: string;
  path: string;
  severity: string;
  symptom: string;
  declined: boolean;
  drill: boolean;
  datasets: string[];
  domain: string;
  title: string;
  /** Statuses the incident passes through (pathTo its end status). */
  statuses: readonly Status[];
  /** When each of `statuses` was entered; Infinity for those never reached. */
  times: number[];
  /** acknowledged_at of a declined incident (shown once it is declined). */
  declinedAck?: number;
  started?: { value: number; shownAt: number };
  roles?: { shownAt: number; text: string; owner: string };
  channel: { shownAt: number; value: string };
  runbook: { shownAt: number; value: string };
  impact?: { shownAt: number; text: string };
  ledger: Timed[];
  updates: Timed[];
  escalations: Timed[];
  mitigations: { applied: number; rolledBack?: number; head: string; tail: string }[];
  rootCause?: { shownAt: number; text: string };
  remediation: { shownAt: number; items: { done?: number; head: string; tail: string }[] };
  verification: Timed[];
  signoff: Timed[];
  review?: { shownAt: number; due: string; held?: number; heldText: string; items: { done?: number; head: string; tail: string }[] };
  regressionOf?: string;
  /** Logins that acted, with when: commit authors for the history. */
  actors: { t: number; login: string }[];
}

export interface PlanOptions { incidents: number; ledgerPerIncident: number; start: number; now: number }

interface Boxes { ack: number; contain: number; resolve: number; update: number; review: number }

const minute = (ms: number) => Math.round(ms / MIN) * MIN;
const second = (ms: number) => Math.round(ms / 1000) * 1000;

export function statusAt(p: IncidentPlan, t: number): Status {
  let s = p.statuses[0];
  for (let k = 1; k < p.statuses.length; k++) if (p.times[k] <= t) s = p.statuses[k];
  return s;
}

/** Phase one: who, what and when for every incident; phase two fills in what happened. */
export function planIncidents(w: World, idx: RepoIndex, rng: Rng, o: PlanOptions): IncidentPlan[] {
  const sevs = w.config.taxonomy.severities;
  const sevWeights = [0.04, 0.18, 0.45, 0.33];
  const boxes = new Map<string, Boxes>(sevs.map((s) => [s.id, {
    ack: parseDuration(s.time_boxes.acknowledge)!, contain: parseDuration(s.time_boxes.contain)!,
    resolve: parseDuration(s.time_boxes.resolve)!, update: parseDuration(s.time_boxes.update_every)!,
    review: parseDuration(s.time_boxes.review_within)!,
  }]));
  const symptoms = w.config.taxonomy.symptoms.map((s) => s.id);
  const symptomWeight: Record<string, number> = { freshness: 0.35, volume: 0.15, schema: 0.12, accuracy: 0.18, duplication: 0.1, availability: 0.07, privacy: 0.03 };
  // Some datasets break far more often than others (Zipf over a shuffled order).
  const zipfOrder = rng.fork('zipf').sample(w.datasets, w.datasets.length);
  const zipfCum: number[] = [];
  zipfOrder.forEach((_, k) => zipfCum.push((zipfCum[k - 1] ?? 0) + 1 / Math.pow(k + 1, 0.8)));
  const pickDataset = (r: Rng) => {
    const x = r.next() * zipfCum[zipfCum.length - 1];
    let lo = 0;
    let hi = zipfCum.length - 1;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (zipfCum[mid] > x) hi = mid; else lo = mid + 1; }
    return zipfOrder[lo];
  };

  // Detection times: one per slot over [start, now - 1 day), so they are spread and sorted.
  const span = o.now - DAY - o.start;
  const drafts = Array.from({ length: o.incidents }, (_, i) => {
    const r = rng.fork(`incident/${i}`);
    const detected = minute(o.start + ((i + r.next()) * span) / o.incidents);
    const severity = r.weighted(sevs.map((s, k) => [s.id, sevWeights[k] ?? 0.2] as const));
    const primary = pickDataset(r);
    const declined = r.chance(0.06);
    const symptom = r.weighted(symptoms.map((s) => [s, symptomWeight[s] ?? 0.1] as const));
    return { i, r, detected, severity, symptom, primary, declined, stuckAt: -1, box: boxes.get(severity)! };
  });

  // Its own stream, so asking for a timeline twice (status checks below) gives the same answer.
  const timeline = (d: (typeof drafts)[number]) => {
    const { detected: det, box } = d;
    const r = rng.fork(`timeline/${d.i}`);
    const ack = Math.max(det + MIN, minute(det + r.lognormal(0.35 * box.ack, 0.8)));
    if (d.declined) return { statuses: pathTo('declined'), times: [det, Math.max(ack + 5 * MIN, minute(ack + r.lognormal(2 * HOUR, 0.8)))], ack };
    const con = Math.max(ack + 2 * MIN, minute(det + r.lognormal(0.4 * box.contain, 0.7)));
    const rem = Math.max(con + 5 * MIN, minute(con + r.lognormal(0.3 * box.resolve, 0.8)));
    const res = Math.max(rem + 5 * MIN, minute(rem + r.lognormal(0.1 * box.resolve, 0.8)));
    const clo = Math.max(res + 10 * MIN, minute(res + r.lognormal((d.severity === sevs[0]?.id ? 2 : 1) * DAY, 0.9)));
    const times = [det, ack, con, rem, res, clo];
    if (d.stuckAt >= 0) for (let k = d.stuckAt + 1; k < times.length; k++) times[k] = Infinity;
    return { statuses: FORWARD, times, ack };
  };
  // Stuck incidents: some recent ones wait at a stage for weeks (a few hundred open in 10,000).
  for (const d of drafts) {
    if (!d.declined && o.now - d.detected < 365 * DAY && d.r.chance(0.12)) d.stuckAt = d.r.weighted([[0, 0.05], [1, 0.2], [2, 0.3], [3, 0.25], [4, 0.2]] as const);
  }
  // Every status is present once there are enough incidents, so every code path gets exercised.
  if (drafts.length >= 7) {
    const statusOf = (d: (typeof drafts)[number]) => {
      const tl = timeline(d);
      let s = tl.statuses[0];
      tl.times.forEach((t, k) => { if (t <= o.now) s = tl.statuses[k]; });
      return s;
    };
    const present = new Set(drafts.map(statusOf));
    if (!present.has('declined')) drafts[Math.floor(drafts.length / 2)].declined = true;
    let j = drafts.length - 1;
    for (const s of OPEN) {
      if (present.has(s)) continue;
      while (j > 0 && (drafts[j].declined || statusOf(drafts[j]) !== 'closed')) j--;
      if (j <= 0) break;
      drafts[j].stuckAt = FORWARD.indexOf(s);
      j--;
    }
  }

  const perYear = new Map<string, number>();
  const lastClosed = new Map<string, { id: string; closed: number }[]>();
  return drafts.map((d) => {
    const year = new Date(d.detected).getUTCFullYear();
    const n = (perYear.get(String(year)) ?? 0) + 1;
    perYear.set(String(year), n);
    const id = `${w.config.incidents?.id_prefix ?? 'INC'}-${year}-${String(n).padStart(4, '0')}`;
    const tl = timeline(d);
    const plan = fillIncident(w, idx, d.r, {
      id, year, severity: d.severity, symptom: d.symptom, box: d.box, primary: d.primary, declined: d.declined,
      statuses: tl.statuses, times: tl.times, ack: tl.ack, o, prior: lastClosed.get(d.primary.id) ?? [],
    });
    const closedAt = plan.times[plan.times.length - 1];
    if (!d.declined && Number.isFinite(closedAt)) {
      const list = lastClosed.get(d.primary.id) ?? [];
      list.push({ id, closed: closedAt });
      lastClosed.set(d.primary.id, list);
    }
    return plan;
  });
}

interface FillInput {
  id: string; year: number; severity: string; symptom: string; box: Boxes; primary: DatasetW; declined: boolean;
  statuses: readonly Status[]; times: number[]; ack: number; o: PlanOptions; prior: { id: string; closed: number }[];
}

function fillIncident(w: World, idx: RepoIndex, r: Rng, f: FillInput): IncidentPlan {
  const { primary, times, statuses, box, o } = f;
  const det = times[0];
  const producer = w.team.get(primary.producer)!;
  const platform = w.team.get(primary.platform)!;
  const other = (team: TeamW, not: string[]) => {
    const pool = team.members.filter((m) => !not.includes(m));
    return pool.length ? r.pick(pool) : team.members[0];
  };
  const owner = onCallAt(producer, f.ack) ?? r.pick(producer.members);
  const detector = onCallAt(producer, det) ?? owner;
  const comms = other(producer, [owner]);
  const techLead = r.chance(0.5) ? r.pick(platform.members) : other(producer, [owner, comms]);
  const scribe = r.chance(0.4) ? other(producer, [owner, comms, techLead]) : undefined;
  const downstream = r.sample(primary.downstream, r.weighted([[0, 0.6], [1, 0.3], [2, 0.1]] as const));
  const datasets = [primary.id, ...downstream];
  const consumerTeam = primary.consumers.length ? w.team.get(r.pick(primary.consumers))! : platform;
  const vars: T.TextVars = {
    ds: primary.id,
    up: primary.upstream.length ? r.pick(primary.upstream) : primary.id,
    job: `${primary.domain}__${primary.name}`,
    col: T.columnName(r),
    vendor: r.pick(w.vendors).name,
    team: consumerTeam.id,
    channel: `#${f.id.toLowerCase()}`,
  };
  const title = `${primary.id}: ${r.pick(T.TITLES[f.symptom] ?? T.TITLES.freshness)(r, vars)}`;
  const drill = !f.declined && r.chance(0.015);

  // When the incident is over (or, for a stuck one, when its last recorded work stops).
  const lastK = times.reduce((acc, t, k) => (Number.isFinite(t) ? k : acc), 0);
  const final = statuses[lastK];
  const isEnded = final === 'closed' || final === 'declined';
  const stuckEnd = isEnded ? times[lastK] : Math.min(times[lastK] + Math.max(HOUR, r.lognormal(5 * DAY, 1)), Math.max(o.now, times[lastK] + HOUR));
  const end = isEnded ? times[lastK] : stuckEnd;
  const reached = (s: Status) => Number.isFinite(times[statuses.indexOf(s)] ?? Infinity) && statuses.includes(s);
  const timeOf = (s: Status) => times[statuses.indexOf(s)];
  const within = (a: number, b: number) => second(a + r.between(0.05, 0.95) * (b - a));
  const actors: { t: number; login: string }[] = [{ t: det, login: detector }];

  const plan: IncidentPlan = {
    id: f.id, path: `incidents/${f.year}/${f.id}.yaml`, severity: f.severity, symptom: f.symptom, declined: f.declined, drill,
    datasets, domain: primary.domain, title, statuses, times,
    channel: { shownAt: r.chance(0.5) ? det : f.ack, value: vars.channel },
    runbook: { shownAt: f.ack, value: w.runbookFor.get(f.symptom) ?? w.runbooks[0].id },
    ledger: [], updates: [], escalations: [], mitigations: [], remediation: { shownAt: Infinity, items: [] },
    verification: [], signoff: [], actors,
  };
  if (f.declined) plan.declinedAck = f.ack;
  if (!f.declined) {
    const value = minute(det - Math.max(MIN, r.lognormal(primary.tier === 1 ? 40 * MIN : 2 * HOUR, 1)));
    plan.started = { value, shownAt: r.chance(0.7) || !reached('remediated') ? det : timeOf('remediated') };
  }
  const roles = flowMap([['owner', q(owner)], ['comms', q(comms)], ['scribe', scribe && q(scribe)], ['tech_lead', q(techLead)]]);
  plan.roles = { shownAt: r.chance(0.5) ? det : f.ack, text: roles, owner };
  const external = !f.declined && r.chance(f.severity === w.config.taxonomy.severities[0]?.id ? 0.15 : 0.05);
  const cats = w.config.taxonomy.impact_categories.map((c) => c.id);
  const categories = r.sample(cats, r.int(1, 2));
  if (external && cats.includes('customer-facing') && !categories.includes('customer-facing')) categories.push('customer-facing');
  const impactConsumers = r.sample(primary.consumers, r.int(1, Math.min(3, Math.max(1, primary.consumers.length))));
  plan.impact = {
    shownAt: f.ack,
    text: `impact:\n  summary: ${JSON.stringify(`${impactConsumers.join(', ') || 'Consumers'} cannot trust ${primary.id}${downstream.length ? ` or ${downstream.join(', ')}` : ''} until it is fixed.`)}\n`
      + (impactConsumers.length ? `  consumers: ${flowList(impactConsumers)}\n` : '')
      + `  external: ${external}\n  categories: ${flowList(categories)}\n`,
  };

  // Ledger: spread over the stages, with each stage's evidence before the incident leaves it.
  const intervals: { a: number; b: number; stage: string; need: Kind[] }[] = [];
  for (let k = 0; k < statuses.length; k++) {
    const a = times[k];
    if (!Number.isFinite(a)) break;
    const next = statuses[k + 1];
    const nextT = next ? times[k + 1] : Infinity;
    if (!next && isEnded) break;
    const b = Number.isFinite(nextT) ? nextT : stuckEnd;
    if (b - a < 2000) continue;
    const need = new Set<Kind>();
    if (Number.isFinite(nextT) && next) {
      for (const stage of STAGES_ENDED_BY[next]) for (const kind of STAGE_EVIDENCE[stage]) need.add(kind);
      if (next === 'declined') need.add('decision');
    }
    intervals.push({ a, b, stage: CURRENT_STAGE[statuses[k]], need: [...need] });
  }
  const total = Math.max(intervals.reduce((n, iv) => n + iv.need.length, 0) + 1, Math.round(o.ledgerPerIncident * r.between(0.8, 1.2)));
  const extra = total - intervals.reduce((n, iv) => n + iv.need.length, 0);
  const weights = intervals.map((iv) => 1 + Math.log1p((iv.b - iv.a) / HOUR));
  const counts = intervals.map((iv) => iv.need.length);
  for (let e = 0; e < extra && intervals.length; e++) counts[r.weighted(weights.map((wt, k) => [k, wt] as const))]++;
  const mix: Record<string, readonly (readonly [Kind, number])[]> = {
    triage: [['hypothesis', 0.4], ['evidence', 0.3], ['note', 0.3]],
    containment: [['change', 0.4], ['evidence', 0.2], ['note', 0.3], ['decision', 0.1]],
    root_cause: [['evidence', 0.4], ['hypothesis', 0.2], ['change', 0.2], ['note', 0.2]],
    verification: [['evidence', 0.5], ['note', 0.3], ['change', 0.2]],
    closure: [['note', 0.5], ['decision', 0.3], ['evidence', 0.2]],
  };
  const writers = [owner, owner, owner, comms, techLead, ...(scribe ? [scribe, scribe] : []), r.pick(producer.members)];
  intervals.forEach((iv, k) => {
    const n = counts[k];
    const at = Array.from({ length: n }, () => within(iv.a, iv.b)).sort((x, y) => x - y);
    const kinds: Kind[] = Array.from({ length: n }, () => r.weighted(mix[iv.stage] ?? mix.triage));
    const slots = r.sample([...kinds.keys()], iv.need.length);
    iv.need.forEach((kind, j) => { kinds[slots[j]] = kind; });
    for (let j = 0; j < n; j++) {
      const kind = kinds[j];
      const by = k === 0 && j === 0 ? detector : r.pick(writers);
      let text: string;
      if (kind === 'decision' && iv.need.includes('decision') && j === slots[iv.need.indexOf('decision')]) {
        text = r.pick(f.declined ? T.DECLINE_DECISION : T.CLOSE_DECISION)(r, vars);
      } else text = r.pick(T.LEDGER[kind])(r, vars);
      const links = kind === 'evidence' && r.chance(0.6) ? `, links: ${flowList([`https://dashboards.acme.example/d/${r.hex(8)}/${primary.name}`])}` : '';
      plan.ledger.push({ t: at[j], line: `  - { at: ${ts(at[j])}, by: ${q(by)}, kind: ${kind}, text: ${JSON.stringify(text)}${links} }\n` });
      actors.push({ t: at[j], login: by });
    }
  });

  // Stakeholder updates, about one per update_every while open.
  const audiences: [string, number][] = [['consumers', 0.55], ['internal', 0.3]];
  if (f.severity === w.config.taxonomy.severities[0]?.id) audiences.push(['exec', 0.25]);
  if (external) audiences.push(['external', 0.2]);
  const cap = r.int(3, 7);
  for (let t = second(det + r.between(0.3, 0.9) * box.update); t < end && plan.updates.length < cap; t = second(t + box.update * r.between(0.5, 1.2))) {
    const stage = CURRENT_STAGE[statusAtTimes(statuses, times, t)];
    let audience = r.weighted(audiences);
    if (audience === 'external' && t < f.ack) audience = 'consumers';
    const text = r.pick(T.UPDATES[stage] ?? T.UPDATES.triage)(r, vars);
    plan.updates.push({ t, line: `  - { at: ${ts(t)}, audience: ${audience}, stage: ${stage}, by: ${q(comms)}, text: ${JSON.stringify(text)} }\n` });
    actors.push({ t, login: comms });
  }

  // Escalations: the executive roll-up within the acknowledge box, and a few others.
  const rollup = w.config.rollup;
  if (rollup.severities.includes(f.severity) || (rollup.external_impact && external)) {
    const t = second(det + r.between(0.2, 0.8) * box.ack);
    plan.escalations.push({ t, line: `  - { at: ${ts(t)}, to: ${q('exec:vp-data')}, reason: ${JSON.stringify(`${f.severity}${external ? ', external impact' : ''}: ${primary.id}`)}, by: ${q(detector)} }\n` });
  }
  if (reached('contained') && !f.declined && r.chance(0.15)) {
    const t = within(f.ack, timeOf('contained'));
    const to = r.chance(0.5) ? `vendor:${r.pick(w.vendors).id}` : `oncall:${platform.id}`;
    plan.escalations.push({ t, line: `  - { at: ${ts(t)}, to: ${q(to)}, reason: ${JSON.stringify('Need help from the people who run the platform underneath.')}, by: ${q(owner)} }\n` });
  }
  plan.escalations.sort((a, b) => a.t - b.t);

  // Mitigations before containment: sometimes a first attempt that was rolled back.
  if (reached('contained')) {
    const con = timeOf('contained');
    const gap = con - f.ack;
    const kinds = r.sample(T.MITIGATIONS, 2);
    const mk = (n: number, applied: number, rolledBack?: number) => {
      const m = kinds[n - 1];
      const reversible = rolledBack !== undefined || r.chance(0.65);
      let head = `  - id: M${n}\n    action: ${JSON.stringify(m.action(r, vars))}\n    owner: ${q(r.chance(0.5) ? owner : techLead)}\n    reversible: ${reversible}\n`;
      if (reversible) {
        head += `    rollback: ${JSON.stringify(m.rollback(r, vars))}\n    preconditions: [${JSON.stringify(m.pre)}]\n    postconditions: [${JSON.stringify(m.post(r, vars))}]\n`;
        head += `    impact_assessment: ${JSON.stringify('Consumers see stale numbers until it is undone.')}\n`;
      }
      head += `    applied_at: ${ts(applied)}\n`;
      plan.mitigations.push({ applied, rolledBack, head, tail: rolledBack !== undefined ? `    rolled_back_at: ${ts(rolledBack)}\n` : '' });
    };
    if (gap > 10 * MIN && r.chance(0.3)) {
      const a1 = second(f.ack + r.between(0.05, 0.3) * gap);
      mk(1, a1, second(a1 + r.between(0.1, 0.3) * gap));
      mk(2, second(f.ack + r.between(0.65, 1) * gap));
    } else mk(1, second(f.ack + r.between(0.5, 1) * gap));
  }

  if (reached('remediated')) {
    const con = timeOf('contained');
    const rem = timeOf('remediated');
    const close = reached('closed') ? timeOf('closed') : undefined;
    const cats = w.config.taxonomy.root_cause_categories.map((c) => c.id).filter((c) => c !== 'false-alarm');
    const category = r.pick(cats);
    const entered = vars.up;
    plan.rootCause = {
      shownAt: rem,
      text: `root_cause:\n  summary: ${JSON.stringify(r.pick(T.ROOT_CAUSES[category] ?? T.ROOT_CAUSES['pipeline-bug'])(r, vars))}\n  category: ${q(category)}\n  entered_at: ${q(entered)}\n`,
    };
    plan.remediation.shownAt = rem;
    const fixes = r.sample(T.REMEDIATIONS, r.int(1, 3));
    for (let k = 0; k < fixes.length; k++) {
      let done: number | undefined;
      if (k === 0 || r.chance(0.5)) done = within(con, rem);
      else if (close !== undefined) done = r.chance(0.6) ? within(rem, close) : undefined;
      else done = r.chance(0.5) ? second(rem + r.between(0.5, 10) * DAY) : undefined;
      const ownerTeam = r.chance(0.8) ? producer.id : platform.id;
      const link = `https://github.com/acme-data/pipelines/pull/${r.int(1000, 99999)}`;
      plan.remediation.items.push({
        done,
        head: `  - { action: ${JSON.stringify(fixes[k](r, vars))}, owner: ${q(ownerTeam)}, `,
        tail: `, link: ${q(link)} }\n`,
      });
    }
  }

  if (reached('verified')) {
    const rem = timeOf('remediated');
    const res = timeOf('verified');
    const nChecks = r.int(1, 3);
    const checks = r.sample(T.CHECKS, nChecks);
    const at = checks.map(() => within(rem, res)).sort((a, b) => a - b);
    checks.forEach((c, k) => {
      const by = r.chance(0.6) ? r.pick(consumerTeam.members) : r.pick(producer.members);
      plan.verification.push({ t: at[k], line: `  - { check: ${JSON.stringify(c.check(r, vars))}, baseline: ${JSON.stringify(c.baseline)}, result: ${JSON.stringify(c.result(r, vars))}, passed: true, evidence: ${q(`https://dashboards.acme.example/d/${r.hex(8)}/verify`)}, by: ${q(by)}, at: ${ts(at[k])} }\n` });
      actors.push({ t: at[k], login: by });
    });
  }

  // Sign-offs: one per required team (the config's roles for the severity), by a member.
  if (reached('verified') && !f.declined) {
    const res = timeOf('verified');
    const close = reached('closed') ? timeOf('closed') : undefined;
    const required = requiredSignoffs(idx, { severity: f.severity, datasets, roles: { owner } } as Incident);
    // A stuck verified incident is waiting for its last sign-off.
    const signed = close !== undefined ? required : required.slice(0, -1);
    const upTo = close ?? Math.max(res + HOUR, Math.min(stuckEnd, o.now));
    const at = signed.map(() => within(res, upTo)).sort((a, b) => a - b);
    signed.forEach(({ team }, k) => {
      const tm = w.team.get(team)!;
      const by = r.chance(0.7) ? r.pick(tm.leads) : r.pick(tm.members);
      plan.signoff.push({ t: at[k], line: `  - { team: ${q(team)}, by: ${q(by)}, at: ${ts(at[k])} }\n` });
      actors.push({ t: at[k], login: by });
    });
  }

  if (reached('closed')) {
    const sev = w.config.taxonomy.severities.find((s) => s.id === f.severity);
    if (sev?.review_required || r.chance(0.15)) {
      const close = timeOf('closed');
      const held = second(close + Math.max(HOUR, r.lognormal(0.5 * box.review, 0.5)));
      const facilitator = r.chance(0.5) ? r.pick(producer.leads) : r.pick(platform.leads);
      let heldText = `  held_at: ${ts(held)}\n  facilitator: ${q(facilitator)}\n  doc: ${q(`https://docs.acme.example/reviews/${f.id.toLowerCase()}`)}\n  learnings:\n`;
      for (const l of r.sample(T.LEARNINGS, r.int(1, 3))) heldText += `    - ${JSON.stringify(l(r, vars))}\n`;
      const items: NonNullable<IncidentPlan['review']>['items'] = [];
      const actions = r.sample(T.ACTIONS, r.int(1, 4));
      for (let k = 1; k <= actions.length; k++) {
        const due = held + r.int(14, 60) * DAY;
        const done = r.chance(0.7) ? second(held + r.between(0.2, 1.3) * (due - held)) : undefined;
        const team = r.pick([producer.id, platform.id, consumerTeam.id]);
        items.push({
          done,
          head: `    - { id: A${k}, action: ${JSON.stringify(actions[k - 1](r, vars))}, owner: ${q(team)}, due: ${day(due)}, `,
          tail: `, type: ${r.pick(['prevent', 'detect', 'mitigate', 'process'])} }\n`,
        });
      }
      plan.review = { shownAt: close, due: day(close + box.review), held, heldText, items };
      actors.push({ t: held, login: facilitator });
    }
  }

  // A regression: the same dataset broke again within half a year of an earlier close.
  const recent = f.prior.filter((p) => p.closed < det && det - p.closed < 180 * DAY);
  if (recent.length && r.chance(0.04)) plan.regressionOf = recent[recent.length - 1].id;
  actors.sort((a, b) => a.t - b.t);
  return plan;
}

/**
 * The on-call login at time t: the last hand-over whose `from` ≤ t, as `oncallAt` in
 * src/core/repo-index.ts defines it, by binary search over the generator's numeric rotation
 * (the core's linear scan with Date.parse cost seconds over 10,000 incidents).
 */
function onCallAt(team: TeamW, t: number): string | undefined {
  const rot = team.rotation;
  let lo = 0;
  let hi = rot.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (rot[mid].from <= t) { found = mid; lo = mid + 1; } else hi = mid - 1;
  }
  return found >= 0 ? rot[found].login : undefined;
}

function statusAtTimes(statuses: readonly Status[], times: number[], t: number): Status {
  let s = statuses[0];
  for (let k = 1; k < statuses.length; k++) if (times[k] <= t) s = statuses[k];
  return s;
}

const HEADER = '# yaml-language-server: $schema=../../schemas/incident.schema.json\n';
const TS_FIELDS = ['acknowledged_at', 'contained_at', 'remediated_at', 'resolved_at', 'closed_at'] as const;

/** The incident file as it stood at time t. */
export function renderIncident(p: IncidentPlan, t: number): string {
  const status = statusAt(p, t);
  let s = `${HEADER}id: ${p.id}\ntitle: ${JSON.stringify(p.title)}\nseverity: ${q(p.severity)}\nstatus: ${status}\nsymptom: ${q(p.symptom)}\n`;
  s += `domain: ${q(p.domain)}\ndatasets: ${flowList(p.datasets)}\ndrill: ${p.drill}\n`;
  if (p.impact && p.impact.shownAt <= t) s += p.impact.text;
  if (p.started && p.started.shownAt <= t) s += `started_at: ${ts(p.started.value)}\n`;
  s += `detected_at: ${ts(p.times[0])}\n`;
  if (p.declined) {
    if (status === 'declined') s += `acknowledged_at: ${ts(p.declinedAck!)}\nclosed_at: ${ts(p.times[1])}\n`;
  } else {
    for (let k = 1; k < p.times.length; k++) if (p.times[k] <= t) s += `${TS_FIELDS[k - 1]}: ${ts(p.times[k])}\n`;
  }
  if (p.roles && p.roles.shownAt <= t) s += `roles: ${p.roles.text}\n`;
  if (p.channel.shownAt <= t) s += `channel: ${q(p.channel.value)}\n`;
  if (p.runbook.shownAt <= t) s += `runbook: ${q(p.runbook.value)}\n`;
  s += timedList('ledger', p.ledger, t);
  if (p.mitigations.length && p.mitigations[0].applied <= t) {
    s += 'mitigations:\n';
    for (const m of p.mitigations) {
      if (m.applied > t) break;
      s += m.head + (m.rolledBack !== undefined && m.rolledBack <= t ? m.tail : '');
    }
  }
  s += timedList('updates', p.updates, t);
  if (p.rootCause && p.rootCause.shownAt <= t) s += p.rootCause.text;
  if (p.remediation.shownAt <= t) {
    s += 'remediation:\n';
    for (const it of p.remediation.items) s += `${it.head}${it.done !== undefined && it.done <= t ? `status: done, done_at: ${ts(it.done)}` : 'status: open'}${it.tail}`;
  }
  s += timedList('verification', p.verification, t);
  s += timedList('signoff', p.signoff, t);
  s += timedList('escalations', p.escalations, t);
  if (p.review && p.review.shownAt <= t) {
    s += `review:\n  due: ${p.review.due}\n`;
    if (p.review.held !== undefined && p.review.held <= t) {
      s += p.review.heldText;
      s += '  action_items:\n';
      for (const it of p.review.items) s += `${it.head}${it.done !== undefined && it.done <= t ? `status: done, done_at: ${ts(it.done)}` : 'status: open'}${it.tail}`;
    }
  }
  if (p.regressionOf) s += `regression_of: ${p.regressionOf}\n`;
  return s;
}

function timedList(key: string, items: readonly Timed[], t: number): string {
  if (!items.length || items[0].t > t) return '';
  let s = `${key}:\n`;
  for (const it of items) {
    if (it.t > t) break;
    s += it.line;
  }
  return s;
}

/** Every time at which the rendered file changes, in order (for the history). */
export function changeTimes(p: IncidentPlan, now: number): number[] {
  const set = new Set<number>();
  const add = (t: number | undefined) => { if (t !== undefined && Number.isFinite(t) && t <= now) set.add(t); };
  p.times.forEach(add);
  for (const list of [p.ledger, p.updates, p.escalations, p.verification, p.signoff]) for (const it of list) add(it.t);
  for (const m of p.mitigations) { add(m.applied); add(m.rolledBack); }
  add(p.started?.shownAt); add(p.roles?.shownAt); add(p.channel.shownAt); add(p.runbook.shownAt); add(p.impact?.shownAt);
  add(p.rootCause?.shownAt);
  for (const it of p.remediation.items) add(it.done);
  if (p.review) {
    add(p.review.held);
    for (const it of p.review.items) if (p.review.held !== undefined && it.done !== undefined && it.done >= p.review.held) add(it.done);
  }
  return [...set].sort((a, b) => a - b);
}
