/** References inside ownership, runbooks and the config resolve. */
import { at } from '../finding.js';
import { isKnownLogin } from '../repo-index.js';
import { resolveTarget } from '../targets.js';
import { didYouMean } from '../nearest.js';
import { SIGNOFF_ROLES } from '../schema/config.js';
import type { Rule } from './rule.js';

export const ownershipReferences: Rule = {
  name: 'ownership-references',
  run({ idx, report }) {
    const teamIds = [...idx.teams.keys()];
    const team = (file: string, path: (string | number)[], id: string) => {
      if (!idx.teams.has(id)) report(at('REF_TEAM', file, path, `team \`${id}\` is not defined in ownership/teams.yaml`, didYouMean(id, teamIds)));
    };
    const login = (file: string, path: (string | number)[], l: string) => {
      if (!isKnownLogin(idx, l)) report(at('REF_LOGIN', file, path, `login \`${l}\` is not a member or lead of any team, nor an executive`, didYouMean(l, [...idx.teamsOfLogin.keys()])));
    };

    const teams = idx.model.teams;
    if (teams?.valid) {
      teams.data.teams.forEach((t, i) => {
        if (t.escalation && !idx.policies.has(t.escalation)) report(at('REF_POLICY', teams.path, ['teams', i, 'escalation'], `escalation policy \`${t.escalation}\` is not defined in ownership/escalation.yaml`, didYouMean(t.escalation, [...idx.policies.keys()])));
        t.oncall?.rotation?.forEach((r, k) => {
          if (!t.members.includes(r.login) && !(t.leads ?? []).includes(r.login)) {
            report(at('REF_LOGIN', teams.path, ['teams', i, 'oncall', 'rotation', k, 'login'], `on-call login \`${r.login}\` is not a member or lead of team ${t.id}`, 'Add them to members, or fix the rotation.'));
          }
        });
      });
    }

    const esc = idx.model.escalation;
    if (esc?.valid) {
      esc.data.policies.forEach((p, i) => p.levels.forEach((l, k) => l.notify.forEach((t, n) => {
        if (!resolveTarget(idx, t, 0)?.known) report(at('REF_TARGET', esc.path, ['policies', i, 'levels', k, 'notify', n], `escalation target \`${t}\` does not resolve`));
      })));
    }

    for (const d of idx.model.domains.filter((x) => x.valid)) {
      team(d.path, ['domain', 'owner'], d.data.domain.owner);
      login(d.path, ['domain', 'steward'], d.data.domain.steward);
      d.data.datasets.forEach((ds, i) => {
        team(d.path, ['datasets', i, 'producer'], ds.producer);
        team(d.path, ['datasets', i, 'platform'], ds.platform);
        ds.consumers.forEach((c, k) => team(d.path, ['datasets', i, 'consumers', k], c));
        ds.upstream?.forEach((u, k) => {
          if (!idx.datasets.has(u)) report(at('REF_DATASET', d.path, ['datasets', i, 'upstream', k], `upstream dataset \`${u}\` is not defined`, didYouMean(u, [...idx.datasets.keys()])));
        });
        ds.runbooks?.forEach((r, k) => {
          if (!idx.runbooks.has(r)) report(at('REF_RUNBOOK', d.path, ['datasets', i, 'runbooks', k], `runbook \`${r}\` has no runbooks/${r}.yaml`, didYouMean(r, [...idx.runbooks.keys()])));
        });
      });
    }

    for (const r of idx.model.runbooks.filter((x) => x.valid)) {
      team(r.path, ['owner'], r.data.owner);
      const symptoms = (idx.config?.taxonomy.symptoms ?? []).map((s) => s.id);
      r.data.applies_to.symptoms?.forEach((s, k) => {
        if (idx.config && !symptoms.includes(s)) report(at('REF_TAXONOMY', r.path, ['applies_to', 'symptoms', k], `symptom \`${s}\` is not in the config taxonomy`, didYouMean(s, symptoms)));
      });
      r.data.applies_to.domains?.forEach((s, k) => {
        if (!idx.domains.has(s)) report(at('REF_DOMAIN', r.path, ['applies_to', 'domains', k], `domain \`${s}\` is not defined`, didYouMean(s, [...idx.domains.keys()])));
      });
      r.data.applies_to.datasets?.forEach((s, k) => {
        if (!idx.datasets.has(s)) report(at('REF_DATASET', r.path, ['applies_to', 'datasets', k], `dataset \`${s}\` is not defined`, didYouMean(s, [...idx.datasets.keys()])));
      });
    }

    const cfg = idx.model.config;
    if (cfg?.valid) {
      team(cfg.path, ['admins'], cfg.data.admins);
      const sevs = cfg.data.taxonomy.severities.map((s) => s.id);
      cfg.data.rollup.severities.forEach((s, k) => {
        if (!sevs.includes(s)) report(at('REF_TAXONOMY', cfg.path, ['rollup', 'severities', k], `severity \`${s}\` is not in taxonomy.severities`, didYouMean(s, sevs)));
      });
      cfg.data.taxonomy.severities.forEach((s, i) => s.signoff.forEach((role, k) => {
        if (!(SIGNOFF_ROLES as readonly string[]).includes(role) && !idx.teams.has(role)) {
          report(at('REF_TEAM', cfg.path, ['taxonomy', 'severities', i, 'signoff', k], `sign-off role \`${role}\` is neither a role (${SIGNOFF_ROLES.join(', ')}) nor a team id`, didYouMean(role, [...SIGNOFF_ROLES, ...teamIds])));
        }
      }));
    }
  },
};
