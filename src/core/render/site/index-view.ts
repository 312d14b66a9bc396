/**
 * The part of an incident that the site's shared pages read: the index, the dashboard, the feed,
 * the domain, dataset, team and runbook pages and data/*.json. The incident pages are rendered
 * where the files were read (src/site/shard.ts); only this view travels to the thread that builds
 * the shared pages, so 10,000 full ledgers are never held twice. test/render/site-shards.test.ts
 * checks that the shared pages come out the same from the view as from the whole incident.
 */
import type { Incident } from '../../schema/incident.js';
import { metricsView } from '../../metrics/load.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

export function siteIndexView(data: Incident): Incident {
  const d = data as unknown as Obj;
  const view = metricsView(d) as unknown as Obj;
  // The metrics view keeps what the metrics and time boxes read; the summaries and the feed read these too.
  for (const k of ['symptom', 'runbook', 'updates'] as const) if (d[k] !== undefined) view[k] = d[k];
  if (isObj(d.roles)) view.roles = { owner: d.roles.owner };
  else if (d.roles !== undefined) view.roles = d.roles;
  return view as unknown as Incident;
}
