/**
 * The authoring edits of an incident, one function per section. Each takes the open
 * document, what to write and the context (repo index, time, who), edits the YAML in place
 * and returns one line that says what it did. A request that cannot apply throws EditRefused.
 * Whether the result is valid is decided afterwards by `validate` on the edited repo.
 */
import type { RepoIndex } from '../repo-index.js';
import { isMemberOf } from '../repo-index.js';
import { CURRENT_STAGE, isOpen } from '../lifecycle.js';
import type { Audience, Incident, Status } from '../schema/incident.js';
import type { LedgerKind, RunbookStage } from '../schema/common.js';
import { EditRefused, type IncidentDoc } from './incident-doc.js';
import { planStatusChange, type StatusPlan } from './status.js';

export interface EditContext {
  idx: RepoIndex;
  /** When (ISO-8601, UTC): --at, or now. */
  at: string;
  /** Who (a login): --by, $SITREP_USER or the git user. Undefined when unknown. */
  by?: string;
}

/** Sections a closed incident still accepts (closed is frozen except for its review). */
export type Section =
  | 'ledger' | 'status' | 'fields' | 'impact' | 'mitigations' | 'updates' | 'root_cause' | 'remediation'
  | 'verification' | 'signoff' | 'escalations' | 'waivers' | 'review';

export function assertEditable(inc: Incident, section: Section): void {
  if (section === 'review' || section === 'status') return;
  if (!isOpen(inc.status)) {
    throw new EditRefused(`${inc.id} is ${inc.status}: a closed incident is frozen except for its review`, [
      `If the fault came back, open a new incident: sitrep new … --regression-of ${inc.id}`,
    ]);
  }
}

function actor(ctx: EditContext, what: string): string {
  if (!ctx.by) throw new EditRefused(`${what} needs to know who you are`, ['Pass --by LOGIN, or set SITREP_USER, or `git config sitrep.user LOGIN`.']);
  return ctx.by;
}

/** Drops undefined fields, keeping the schema's key order of the literal. */
function clean<T extends Record<string, unknown>>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && !(Array.isArray(v) && v.length === 0))) as T;
}

// ---------------------------------------------------------------- ledger

export interface LedgerInput { kind: LedgerKind; text: string; links?: string[] }

export function addLedgerEntry(doc: IncidentDoc, input: LedgerInput, ctx: EditContext): string {
  assertEditable(doc.data, 'ledger');
  const by = actor(ctx, 'a ledger entry');
  doc.edit.append(['ledger'], clean({ at: ctx.at, by, kind: input.kind, text: input.text, links: input.links }));
  return `ledger: ${input.kind} by ${by} at ${ctx.at}`;
}

// ---------------------------------------------------------------- status

export interface StatusInput { to: Status; reason?: string }

export function changeStatus(doc: IncidentDoc, input: StatusInput, ctx: EditContext): { summary: string; plan: StatusPlan } {
  const inc = doc.data;
  const decision = planStatusChange(ctx.idx, inc, { to: input.to, at: ctx.at, reason: input.reason });
  if (!decision.ok) throw new EditRefused(decision.message, decision.reasons);
  const { plan } = decision;
  if (plan.decision) {
    const by = actor(ctx, plan.move === 'back' ? 'a reopen (its decision entry)' : 'a decline (its decision entry)');
    doc.edit.append(['ledger'], { at: ctx.at, by, kind: 'decision', text: plan.decision });
  }
  doc.edit.set(['status'], plan.to);
  for (const [field, value] of Object.entries(plan.set)) doc.edit.set([field], value);
  for (const field of plan.remove) doc.edit.delete([field]);
  const parts = [`status: ${plan.from} → ${plan.to}`];
  const setFields = Object.keys(plan.set);
  if (setFields.length) parts.push(`${setFields.join(', ')} = ${ctx.at}`);
  if (plan.remove.length) parts.push(`removed ${plan.remove.join(', ')}`);
  if (plan.skipped.length) parts.push(`skipped ${plan.skipped.join(', ')} (waived)`);
  return { summary: parts.join('; '), plan };
}

// ---------------------------------------------------------------- header fields, roles, impact

export interface FieldsInput {
  title?: string;
  severity?: string;
  symptom?: string;
  started_at?: string;
  runbook?: string;
  channel?: string;
  regression_of?: string;
  datasets?: string[];
  roles?: { owner?: string; comms?: string; scribe?: string; tech_lead?: string };
}

export function setFields(doc: IncidentDoc, input: FieldsInput): string {
  assertEditable(doc.data, 'fields');
  const changed: string[] = [];
  const scalar = ['title', 'severity', 'symptom', 'started_at', 'runbook', 'channel', 'regression_of'] as const;
  for (const key of scalar) {
    const v = input[key];
    if (v !== undefined) { doc.edit.set([key], v); changed.push(`${key} = ${v}`); }
  }
  for (const d of input.datasets ?? []) {
    if (!doc.data.datasets.includes(d)) { doc.edit.append(['datasets'], d); changed.push(`datasets + ${d}`); }
  }
  for (const [role, login] of Object.entries(input.roles ?? {})) {
    if (login !== undefined) { doc.edit.set(['roles', role], login); changed.push(`roles.${role} = ${login}`); }
  }
  if (!changed.length) throw new EditRefused('nothing to set', ['Pass at least one option, e.g. --owner LOGIN or --started-at T.']);
  return changed.join('; ');
}

export interface ImpactInput { summary?: string; consumers?: string[]; external?: boolean; categories?: string[] }

export function setImpact(doc: IncidentDoc, input: ImpactInput): string {
  const inc = doc.data;
  assertEditable(inc, 'impact');
  if (!inc.impact && !input.summary) throw new EditRefused('the impact needs a summary first', ['sitrep impact <id> "who is affected and how"']);
  const changed: string[] = [];
  if (!inc.impact) {
    const value = clean({ summary: input.summary!, consumers: input.consumers, external: input.external, categories: input.categories });
    doc.edit.set(['impact'], value);
    changed.push(`impact: ${Object.keys(value).join(', ')}`);
  } else {
    if (input.summary !== undefined) { doc.edit.set(['impact', 'summary'], input.summary); changed.push('impact.summary'); }
    if (input.external !== undefined) { doc.edit.set(['impact', 'external'], input.external); changed.push(`impact.external = ${input.external}`); }
    for (const [key, values] of [['consumers', input.consumers], ['categories', input.categories]] as const) {
      for (const v of values ?? []) {
        if (!(doc.data.impact?.[key] ?? []).includes(v)) { doc.edit.append(['impact', key], v); changed.push(`impact.${key} + ${v}`); }
      }
    }
  }
  return changed.join('; ') || 'impact unchanged';
}

// ---------------------------------------------------------------- mitigations

export interface MitigationInput {
  action: string;
  reversible: boolean;
  rollback?: string;
  preconditions?: string[];
  postconditions?: string[];
  impact_assessment?: string;
  owner?: string;
  /** Apply it now as well. */
  apply?: boolean;
}

function nextId(prefix: string, ids: readonly string[]): string {
  let max = 0;
  for (const id of ids) {
    const m = new RegExp(`^${prefix}(\\d+)$`).exec(id);
    if (m) max = Math.max(max, Number(m[1]));
  }
  return `${prefix}${max + 1}`;
}

export function addMitigation(doc: IncidentDoc, input: MitigationInput, ctx: EditContext): { id: string; summary: string } {
  const inc = doc.data;
  assertEditable(inc, 'mitigations');
  const id = nextId('M', (inc.mitigations ?? []).map((m) => m.id));
  doc.edit.append(['mitigations'], clean({
    id,
    action: input.action,
    owner: input.owner,
    reversible: input.reversible,
    rollback: input.rollback,
    preconditions: input.preconditions,
    postconditions: input.postconditions,
    impact_assessment: input.impact_assessment,
    applied_at: input.apply ? ctx.at : undefined,
  }));
  if (input.apply) logChange(doc, ctx, `Applied mitigation ${id}: ${input.action}`);
  return { id, summary: `mitigation ${id} added${input.apply ? ` and applied at ${ctx.at}` : ''}` };
}

function mitigationIndex(inc: Incident, id: string): number {
  const i = (inc.mitigations ?? []).findIndex((m) => m.id === id);
  if (i < 0) throw new EditRefused(`${inc.id} has no mitigation ${id}`, [`Mitigations: ${(inc.mitigations ?? []).map((m) => m.id).join(', ') || 'none yet (sitrep mitigate <id> add …)'}.`]);
  return i;
}

/** A mitigation applied or rolled back is a change: the ledger records it (unless --no-log). */
function logChange(doc: IncidentDoc, ctx: EditContext & { noLog?: boolean }, text: string): void {
  if (ctx.noLog) return;
  const by = actor(ctx, 'recording the change in the ledger');
  doc.edit.append(['ledger'], { at: ctx.at, by, kind: 'change', text });
}

export function applyMitigation(doc: IncidentDoc, id: string, ctx: EditContext & { noLog?: boolean }): string {
  const inc = doc.data;
  assertEditable(inc, 'mitigations');
  const i = mitigationIndex(inc, id);
  const m = inc.mitigations![i];
  if (m.applied_at) throw new EditRefused(`mitigation ${id} was already applied at ${m.applied_at}`);
  doc.edit.set(['mitigations', i, 'applied_at'], ctx.at);
  logChange(doc, ctx, `Applied mitigation ${id}: ${m.action}`);
  return `mitigation ${id} applied at ${ctx.at}`;
}

export function rollbackMitigation(doc: IncidentDoc, id: string, ctx: EditContext & { noLog?: boolean }): string {
  const inc = doc.data;
  assertEditable(inc, 'mitigations');
  const i = mitigationIndex(inc, id);
  const m = inc.mitigations![i];
  if (!m.reversible) throw new EditRefused(`mitigation ${id} is not reversible`, ['Record what was done instead as a new mitigation or a ledger change.']);
  if (!m.applied_at) throw new EditRefused(`mitigation ${id} was never applied`, [`sitrep mitigate ${inc.id} apply ${id}`]);
  if (m.rolled_back_at) throw new EditRefused(`mitigation ${id} was already rolled back at ${m.rolled_back_at}`);
  doc.edit.set(['mitigations', i, 'rolled_back_at'], ctx.at);
  logChange(doc, ctx, `Rolled back mitigation ${id}: ${m.rollback ?? m.action}`);
  return `mitigation ${id} rolled back at ${ctx.at}`;
}

// ---------------------------------------------------------------- stakeholder updates

export interface UpdateInput { audience: Audience; text: string; stage?: RunbookStage }

export function addUpdate(doc: IncidentDoc, input: UpdateInput, ctx: EditContext): string {
  const inc = doc.data;
  assertEditable(inc, 'updates');
  const stage = input.stage ?? CURRENT_STAGE[inc.status];
  doc.edit.append(['updates'], clean({ at: ctx.at, audience: input.audience, stage, by: ctx.by, text: input.text }));
  return `update to ${input.audience} (${stage}) at ${ctx.at}`;
}

// ---------------------------------------------------------------- root cause, remediation, verification

export interface RootCauseInput { summary?: string; category?: string; entered_at?: string }

export function setRootCause(doc: IncidentDoc, input: RootCauseInput): string {
  const inc = doc.data;
  assertEditable(inc, 'root_cause');
  if (!inc.root_cause && (!input.summary || !input.category)) {
    throw new EditRefused('a root cause needs a summary and a category', ['sitrep root-cause <id> "what went wrong" --category <root-cause category>']);
  }
  const value = clean({ summary: input.summary, category: input.category, entered_at: input.entered_at });
  if (!Object.keys(value).length) throw new EditRefused('nothing to set', ['Pass the summary, --category or --entered-at.']);
  doc.edit.set(['root_cause'], value);
  return `root_cause: ${Object.keys(value).join(', ')}`;
}

export interface RemediationInput { action: string; owner: string; link?: string; done?: boolean }

export function addRemediation(doc: IncidentDoc, input: RemediationInput, ctx: EditContext): string {
  const inc = doc.data;
  assertEditable(inc, 'remediation');
  const n = (inc.remediation ?? []).length + 1;
  doc.edit.append(['remediation'], clean({
    action: input.action, owner: input.owner, status: input.done ? 'done' : 'open', done_at: input.done ? ctx.at : undefined, link: input.link,
  }));
  return `remediation ${n} added (${input.owner}, ${input.done ? 'done' : 'open'})`;
}

export function completeRemediation(doc: IncidentDoc, n: number, input: { link?: string }, ctx: EditContext): string {
  const inc = doc.data;
  assertEditable(inc, 'remediation');
  const list = inc.remediation ?? [];
  const item = list[n - 1];
  if (!item) throw new EditRefused(`${inc.id} has no remediation action ${n}`, [`It has ${list.length}; they are numbered from 1 in file order.`]);
  if (item.status === 'done') throw new EditRefused(`remediation action ${n} is already done`);
  doc.edit.set(['remediation', n - 1, 'status'], 'done');
  doc.edit.set(['remediation', n - 1, 'done_at'], ctx.at);
  if (input.link) doc.edit.set(['remediation', n - 1, 'link'], input.link);
  return `remediation ${n} done at ${ctx.at}`;
}

export interface VerificationInput { check: string; passed: boolean; baseline?: string; result?: string; evidence?: string }

export function addVerification(doc: IncidentDoc, input: VerificationInput, ctx: EditContext): string {
  const inc = doc.data;
  assertEditable(inc, 'verification');
  doc.edit.append(['verification'], clean({
    check: input.check, baseline: input.baseline, result: input.result, passed: input.passed, evidence: input.evidence, by: ctx.by, at: ctx.at,
  }));
  return `verification check ${(inc.verification ?? []).length + 1} ${input.passed ? 'passed' : 'FAILED'}`;
}

// ---------------------------------------------------------------- sign-off, escalations, waivers

export function addSignoff(doc: IncidentDoc, input: { team: string }, ctx: EditContext): string {
  const inc = doc.data;
  assertEditable(inc, 'signoff');
  const by = actor(ctx, 'a sign-off');
  if (!ctx.idx.teams.has(input.team)) throw new EditRefused(`team ${input.team} is not defined in ownership/teams.yaml`);
  if (!isMemberOf(ctx.idx, input.team, by)) throw new EditRefused(`${by} cannot sign off for ${input.team}: not a member or lead of it`, ['Ask a member of the team to run it (or pass --by with their login; the gate checks their approval on the PR).']);
  const prior = (inc.signoff ?? []).find((s) => s.team === input.team);
  if (prior) throw new EditRefused(`${input.team} has already signed off (${prior.by} at ${prior.at})`);
  doc.edit.append(['signoff'], { team: input.team, by, at: ctx.at });
  return `sign-off claim for ${input.team} by ${by}; the gate checks ${by}'s approval on the PR`;
}

export function addEscalation(doc: IncidentDoc, input: { to: string[]; reason: string }, ctx: EditContext): string {
  assertEditable(doc.data, 'escalations');
  for (const to of input.to) doc.edit.append(['escalations'], clean({ at: ctx.at, to, reason: input.reason, by: ctx.by }));
  return `escalated to ${input.to.join(', ')} at ${ctx.at}`;
}

export interface WaiverInput { rule: string; stage?: Status; reason: string; approved_by: string }

export function addWaiver(doc: IncidentDoc, input: WaiverInput): string {
  assertEditable(doc.data, 'waivers');
  doc.edit.append(['waivers'], clean({ rule: input.rule, stage: input.stage, reason: input.reason, approved_by: input.approved_by }));
  return `waiver of ${input.rule}${input.stage ? ` (skipping ${input.stage})` : ''}, approved by ${input.approved_by}: the gate checks the approval`;
}

// ---------------------------------------------------------------- review

export function scheduleReview(doc: IncidentDoc, input: { due?: string; facilitator?: string; doc?: string }): string {
  const inc = doc.data;
  if (!inc.review && !input.due) throw new EditRefused('a review needs a due date', ['sitrep review <id> schedule --due 2025-08-10']);
  const value = clean({ due: input.due, facilitator: input.facilitator, doc: input.doc });
  if (!Object.keys(value).length) throw new EditRefused('nothing to set', ['Pass --due, --facilitator or --doc.']);
  doc.edit.set(['review'], value);
  return `review: ${Object.entries(value).map(([k, v]) => `${k} = ${v}`).join(', ')}`;
}

function requireReview(inc: Incident): NonNullable<Incident['review']> {
  if (!inc.review) throw new EditRefused(`${inc.id} has no review yet`, [`sitrep review ${inc.id} schedule --due <date>`]);
  return inc.review;
}

export function holdReview(doc: IncidentDoc, input: { facilitator?: string; doc?: string }, ctx: EditContext): string {
  const review = requireReview(doc.data);
  if (review.held_at) throw new EditRefused(`the review was already held at ${review.held_at}`);
  doc.edit.set(['review'], clean({ held_at: ctx.at, facilitator: input.facilitator, doc: input.doc }));
  return `review held at ${ctx.at}`;
}

export function addLearning(doc: IncidentDoc, text: string): string {
  requireReview(doc.data);
  doc.edit.append(['review', 'learnings'], text);
  return 'learning added';
}

export interface ActionItemInput { action: string; owner: string; due: string; type: 'prevent' | 'detect' | 'mitigate' | 'process'; link?: string }

export function addActionItem(doc: IncidentDoc, input: ActionItemInput): { id: string; summary: string } {
  const review = requireReview(doc.data);
  const id = nextId('A', (review.action_items ?? []).map((a) => a.id));
  doc.edit.append(['review', 'action_items'], clean({
    id, action: input.action, owner: input.owner, due: input.due, status: 'open', type: input.type, link: input.link,
  }));
  return { id, summary: `action item ${id} (${input.type}) for ${input.owner}, due ${input.due}` };
}

export function completeActionItem(doc: IncidentDoc, id: string, input: { link?: string }, ctx: EditContext): string {
  const review = requireReview(doc.data);
  const items = review.action_items ?? [];
  const i = items.findIndex((a) => a.id === id);
  if (i < 0) throw new EditRefused(`the review has no action item ${id}`, [`Action items: ${items.map((a) => a.id).join(', ') || 'none'}.`]);
  if (items[i].status === 'done') throw new EditRefused(`action item ${id} is already done`);
  doc.edit.set(['review', 'action_items', i, 'status'], 'done');
  doc.edit.set(['review', 'action_items', i, 'done_at'], ctx.at);
  if (input.link) doc.edit.set(['review', 'action_items', i, 'link'], input.link);
  return `action item ${id} done at ${ctx.at}`;
}

