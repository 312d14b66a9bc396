/** Every reference in an incident resolves: taxonomy, domain, datasets, runbook, teams, logins, targets, regression_of. */
import { at, type Finding } from '../finding.js';
import { isKnownLogin } from '../repo-index.js';
import { resolveTarget } from '../targets.js';
import { didYouMean } from '../nearest.js';
import { validIncidents, type Rule } from './rule.js';
import type { Incident } from '../schema/incident.js';

type Ref = { path: (string | number)[]; value: string };

/** Every login field of an incident, with its path. */
export function loginRefs(inc: Incident): Ref[] {
  const out: Ref[] = [];
  const push = (path: (string | number)[], v: string | undefined) => { if (v) out.push({ path, value: v }); };
  for (const [role, login] of Object.entries(inc.roles ?? {})) push(['roles', role], login);
  inc.ledger?.forEach((e, i) => push(['ledger', i, 'by'], e.by));
  inc.updates?.forEach((e, i) => push(['updates', i, 'by'], e.by));
  inc.mitigations?.forEach((e, i) => push(['mitigations', i, 'owner'], e.owner));
  inc.verification?.forEach((e, i) => push(['verification', i, 'by'], e.by));
  inc.signoff?.forEach((e, i) => push(['signoff', i, 'by'], e.by));
  inc.escalations?.forEach((e, i) => push(['escalations', i, 'by'], e.by));
  push(['review', 'facilitator'], inc.review?.facilitator);
  inc.waivers?.forEach((e, i) => push(['waivers', i, 'approved_by'], e.approved_by));
  return out;
}

function teamRefs(inc: Incident): Ref[] {
  const out: Ref[] = [];
  inc.impact?.consumers?.forEach((t, i) => out.push({ path: ['impact', 'consumers', i], value: t }));
  inc.remediation?.forEach((r, i) => out.push({ path: ['remediation', i, 'owner'], value: r.owner }));
  inc.signoff?.forEach((s, i) => out.push({ path: ['signoff', i, 'team'], value: s.team }));
  inc.review?.action_items?.forEach((a, i) => out.push({ path: ['review', 'action_items', i, 'owner'], value: a.owner }));
  return out;
}

export const incidentReferences: Rule = {
  name: 'incident-references',
  run({ idx, report }) {
    const tax = idx.config?.taxonomy;
    const ids = (list: { id: string }[] | undefined) => (list ?? []).map((x) => x.id);
    const teamIds = [...idx.teams.keys()];
    for (const { path: file, data: inc } of validIncidents({ idx, report })) {
      const miss = (code: Finding['code'], path: (string | number)[], what: string, value: string, known: string[], hint?: string) =>
        report(at(code, file, path, `${what} \`${value}\` is not defined`, didYouMean(value, known) ?? hint));
      if (tax) {
        if (!ids(tax.severities).includes(inc.severity)) miss('REF_TAXONOMY', ['severity'], 'severity', inc.severity, ids(tax.severities), `Severities: ${ids(tax.severities).join(', ')}.`);
        if (!ids(tax.symptoms).includes(inc.symptom)) miss('REF_TAXONOMY', ['symptom'], 'symptom', inc.symptom, ids(tax.symptoms), `Symptoms: ${ids(tax.symptoms).join(', ')}.`);
        if (inc.root_cause && !ids(tax.root_cause_categories).includes(inc.root_cause.category)) miss('REF_TAXONOMY', ['root_cause', 'category'], 'root-cause category', inc.root_cause.category, ids(tax.root_cause_categories));
        inc.impact?.categories?.forEach((c, i) => { if (!ids(tax.impact_categories).includes(c)) miss('REF_TAXONOMY', ['impact', 'categories', i], 'impact category', c, ids(tax.impact_categories)); });
      }
      if (!idx.domains.has(inc.domain)) miss('REF_DOMAIN', ['domain'], 'domain', inc.domain, [...idx.domains.keys()]);
      inc.datasets.forEach((d, i) => { if (!idx.datasets.has(d)) miss('REF_DATASET', ['datasets', i], 'dataset', d, [...idx.datasets.keys()]); });
      const entered = inc.root_cause?.entered_at;
      if (entered && !idx.datasets.has(entered)) miss('REF_DATASET', ['root_cause', 'entered_at'], 'dataset', entered, [...idx.datasets.keys()]);
      if (inc.runbook && !idx.runbooks.has(inc.runbook)) miss('REF_RUNBOOK', ['runbook'], 'runbook', inc.runbook, [...idx.runbooks.keys()]);
      for (const r of teamRefs(inc)) if (!idx.teams.has(r.value)) miss('REF_TEAM', r.path, 'team', r.value, teamIds);
      for (const r of loginRefs(inc)) {
        if (!isKnownLogin(idx, r.value)) report(at('REF_LOGIN', file, r.path, `login \`${r.value}\` is not a member or lead of any team, nor an executive`, didYouMean(r.value, [...idx.teamsOfLogin.keys()])));
      }
      inc.escalations?.forEach((e, i) => {
        if (!resolveTarget(idx, e.to, Date.parse(e.at))?.known) report(at('REF_TARGET', file, ['escalations', i, 'to'], `escalation target \`${e.to}\` does not resolve`));
      });
      if (inc.regression_of && (!idx.incidentIds.has(inc.regression_of) || inc.regression_of === inc.id)) {
        report(at('REF_INCIDENT', file, ['regression_of'], `regression_of names \`${inc.regression_of}\`, which is ${inc.regression_of === inc.id ? 'this incident itself' : 'not an incident in this repo'}`));
      }
    }
  },
};
