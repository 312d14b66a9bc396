/**
 * The bulk read behind `sitrep metrics`: the config and ownership through the loader (no structure
 * check), then every incident file decoded and parsed the same way, and cut down right away to the
 * fields the metrics read. Ten thousand incidents then hold a few MB instead of their full ledgers,
 * which keeps the garbage collector out of the way. Pure: it reads through a FileSource.
 */
import type { FileSource } from '../source.js';
import type { Finding } from '../finding.js';
import type { Incident } from '../schema/incident.js';
import type { RepoModel } from '../model.js';
import { loadRepo } from '../load.js';
import { decodeYamlBytes, DEFAULT_MAX_FILE_BYTES } from '../yaml/decode.js';
import { parseYaml } from '../yaml/parse.js';

const READ_BATCH = 64;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

const KEEP = ['id', 'title', 'severity', 'status', 'domain', 'datasets', 'drill', 'started_at', 'detected_at', 'acknowledged_at',
  'contained_at', 'remediated_at', 'resolved_at', 'closed_at', 'regression_of'] as const;

/** The fields of an incident that the metrics (and the time boxes they use) read; everything else is dropped. */
export function metricsView(data: Obj): Incident {
  const out: Obj = {};
  for (const k of KEEP) if (data[k] !== undefined) out[k] = data[k];
  if (Array.isArray(data.updates)) out.updates = data.updates.map((u) => (isObj(u) ? { at: u.at } : u));
  if (isObj(data.root_cause)) out.root_cause = { category: data.root_cause.category };
  if (isObj(data.review)) {
    const r = data.review;
    out.review = {
      due: r.due, held_at: r.held_at,
      ...(Array.isArray(r.action_items) ? { action_items: r.action_items.map((a) => (isObj(a) ? { due: a.due, status: a.status, done_at: a.done_at } : a)) } : {}),
    };
  } else if (data.review !== undefined) out.review = data.review;
  return out as unknown as Incident;
}

/** The model the metrics need: ownership and config in full, incidents as their metrics view. */
export async function loadForMetrics(source: FileSource): Promise<{ model: RepoModel; findings: Finding[] }> {
  const { model, findings } = await loadRepo(source, { skipStructure: true, includeIncident: () => false });
  const maxBytes = model.config?.data.limits?.max_file_bytes ?? DEFAULT_MAX_FILE_BYTES;
  const paths = model.incidentPaths;
  for (let i = 0; i < paths.length; i += READ_BATCH) {
    const batch = paths.slice(i, i + READ_BATCH);
    const bytes = await Promise.all(batch.map((p) => source.read(p)));
    batch.forEach((path, k) => {
      model.filesRead++;
      const b = bytes[k];
      if (!b) return;
      const decoded = decodeYamlBytes(path, b, maxBytes);
      if (!decoded.ok) { findings.push(decoded.finding); return; }
      const parsed = parseYaml(path, decoded.text);
      if (!parsed.ok) { findings.push(...parsed.findings); return; }
      if (!isObj(parsed.value)) {
        findings.push({ code: parsed.value == null ? 'FILE_EMPTY' : 'FILE_NOT_MAPPING', file: path, place: { line: 1, column: 1 }, message: `${path} is not a mapping of fields` });
        return;
      }
      model.incidents.push({ path, data: metricsView(parsed.value), valid: true });
    });
  }
  return { model, findings };
}
