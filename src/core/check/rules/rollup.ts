/**
 * Executive roll-up. An incident that meets the config's roll-up criteria (its severity is listed,
 * its impact is external, or it breaches a dataset contract, each as enabled in `rollup`) needs an
 * `escalations` entry to an `exec:` target dated within the acknowledge box (detected_at +
 * acknowledge). Before the box ends, a missing escalation is not yet an error.
 * Contract breach: time to detect (detected_at − started_at) over any affected dataset's
 * `time_to_detect`, or time to resolve (resolved_at, or now while unresolved, − detected_at) over
 * its `time_to_repair`. A declined incident closed within the box needs none.
 * Incidents already closed in base are frozen and not checked again.
 */
import type { Incident } from '../../schema/incident.js';
import type { RepoIndex } from '../../repo-index.js';
import { severityOf } from '../../repo-index.js';
import { parseTarget } from '../../targets.js';
import { parseDuration, parseInstant, toIso } from '../../time.js';
import type { YamlPath } from '../../finding.js';
import type { ChangeRule } from '../types.js';
import { isClosedStatus, statusOf, validHead } from '../values.js';

export interface RollupReason { why: string; path: YamlPath }

/** Why an incident must roll up to an executive, per the config; empty when it need not. */
export function rollupReasons(idx: RepoIndex, inc: Incident, now: number): RollupReason[] {
  const r = idx.config?.rollup;
  if (!r) return [];
  const out: RollupReason[] = [];
  if (r.severities.includes(inc.severity)) out.push({ why: `severity ${inc.severity} always rolls up`, path: ['severity'] });
  if (r.external_impact && inc.impact?.external === true) out.push({ why: 'its impact is external', path: ['impact', 'external'] });
  if (r.contract_breach) {
    const started = parseInstant(inc.started_at);
    const detected = parseInstant(inc.detected_at);
    const resolved = parseInstant(inc.resolved_at) ?? (isClosedStatus(inc.status) ? undefined : now);
    for (const id of inc.datasets) {
      const contract = idx.datasets.get(id)?.dataset.contract;
      const ttd = parseDuration(contract?.time_to_detect);
      const ttr = parseDuration(contract?.time_to_repair);
      if (ttd !== undefined && started !== undefined && detected !== undefined && detected - started > ttd) {
        out.push({ why: `time to detect breaches the ${id} contract (${contract!.time_to_detect})`, path: ['detected_at'] });
      }
      if (ttr !== undefined && detected !== undefined && resolved !== undefined && resolved - detected > ttr) {
        out.push({ why: `time to resolve breaches the ${id} contract (${contract!.time_to_repair})`, path: inc.resolved_at ? ['resolved_at'] : ['detected_at'] });
      }
    }
  }
  return out;
}

export const rollup: ChangeRule = {
  name: 'rollup',
  run(ctx) {
    for (const c of ctx.changes) {
      const inc = validHead(c);
      if (!inc || isClosedStatus(statusOf(c.base))) continue;
      const reasons = rollupReasons(ctx.head, inc, ctx.now);
      if (!reasons.length) continue;
      const detected = parseInstant(inc.detected_at);
      const ack = parseDuration(severityOf(ctx.head, inc.severity)?.time_boxes.acknowledge);
      if (detected === undefined || ack === undefined) continue;
      const deadline = detected + ack;
      const execs = (inc.escalations ?? []).map((e, i) => ({ e, i })).filter(({ e }) => parseTarget(e.to)?.kind === 'exec');
      if (execs.some(({ e }) => (parseInstant(e.at) ?? Infinity) <= deadline)) continue;
      const closedEarly = inc.status === 'declined' && (parseInstant(inc.closed_at) ?? Infinity) <= deadline;
      if (closedEarly || (!execs.length && ctx.now <= deadline)) continue;
      // A late escalation is reported at its time; a missing one at what makes the incident roll up.
      const place: YamlPath = execs.length ? ['escalations', execs[0].i, 'at'] : reasons[0].path;
      ctx.report({
        code: 'ROLLUP_MISSING', file: c.head!.path, place: { path: place },
        message: execs.length
          ? `${c.id} must roll up to an executive (${reasons.map((r) => r.why).join('; ')}), but its exec: escalation is after the acknowledge box (due ${toIso(deadline)})`
          : `${c.id} must roll up to an executive (${reasons.map((r) => r.why).join('; ')}): no escalation to an exec: target by ${toIso(deadline)} (detected_at + acknowledge)`,
        waivable: { change: c },
      });
    }
  },
};
