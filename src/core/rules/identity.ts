/** Ids are unique and match their file name and year folder. */
import { at } from '../finding.js';
import { stemOf } from '../schema/file-kinds.js';
import { validIncidents, type Rule } from './rule.js';

function duplicates<T>(items: readonly T[], id: (t: T) => string): Map<number, number> {
  const first = new Map<string, number>();
  const dup = new Map<number, number>();
  items.forEach((t, i) => {
    const k = id(t);
    if (first.has(k)) dup.set(i, first.get(k)!);
    else first.set(k, i);
  });
  return dup;
}

export const identity: Rule = {
  name: 'identity',
  run(ctx) {
    const { idx, report } = ctx;
    for (const { path, data } of validIncidents(ctx)) {
      const year = /^incidents\/(\d{4})\//.exec(path)?.[1];
      if (data.id !== stemOf(path)) report(at('ID_FILE_MISMATCH', path, ['id'], `id ${data.id} does not match the file name ${stemOf(path)}.yaml`, 'Rename the file or fix the id.'));
      else if (year && !data.id.includes(`-${year}-`)) report(at('ID_FILE_MISMATCH', path, ['id'], `id ${data.id} is in the year folder ${year}`, `Move it to incidents/${/-(\d{4})-/.exec(data.id)?.[1]}/.`));
      for (const [i, j] of duplicates(data.mitigations ?? [], (m) => m.id)) report(at('ENTRY_ID_DUPLICATE', path, ['mitigations', i, 'id'], `mitigation id ${data.mitigations![i].id} is already used by mitigations[${j}]`));
      const items = data.review?.action_items ?? [];
      for (const [i, j] of duplicates(items, (a) => a.id)) report(at('ENTRY_ID_DUPLICATE', path, ['review', 'action_items', i, 'id'], `action item id ${items[i].id} is already used by action_items[${j}]`));
    }
    for (const file of [...idx.model.domains, ...idx.model.runbooks]) {
      if (!file.valid) continue;
      const isDomain = 'domain' in file.data;
      const id = isDomain ? (file.data as { domain: { id: string } }).domain.id : (file.data as { id: string }).id;
      if (id !== stemOf(file.path)) report(at('ID_FILE_MISMATCH', file.path, isDomain ? ['domain', 'id'] : ['id'], `id ${id} does not match the file name ${stemOf(file.path)}.yaml`));
    }
    // Dataset ids are global across domain files.
    const seen = new Map<string, string>();
    for (const d of idx.model.domains.filter((x) => x.valid)) {
      d.data.datasets.forEach((ds, i) => {
        const prior = seen.get(ds.id);
        if (prior) report(at('ID_DUPLICATE', d.path, ['datasets', i, 'id'], `dataset ${ds.id} is already defined in ${prior}`));
        else seen.set(ds.id, d.path);
        const domainPart = ds.id.split('.')[0];
        if (domainPart !== d.data.domain.id) report(at('DATASET_DOMAIN_MISMATCH', d.path, ['datasets', i, 'id'], `dataset ${ds.id} starts with ${domainPart}, but this file is domain ${d.data.domain.id}`, `Name it ${d.data.domain.id}.${ds.id.split('.')[1] ?? ''}.`));
      });
    }
    const teams = idx.model.teams;
    if (teams?.valid) for (const [i, j] of duplicates(teams.data.teams, (t) => t.id)) report(at('ID_DUPLICATE', teams.path, ['teams', i, 'id'], `team ${teams.data.teams[i].id} is already defined at teams[${j}]`));
    const esc = idx.model.escalation;
    if (esc?.valid) {
      for (const key of ['policies', 'executives', 'vendors'] as const) {
        const list = esc.data[key] as { id: string }[];
        for (const [i, j] of duplicates(list, (x) => x.id)) report(at('ID_DUPLICATE', esc.path, [key, i, 'id'], `${key} id ${list[i].id} is already used at ${key}[${j}]`));
      }
    }
  },
};
