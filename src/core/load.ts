/**
 * Reads an incident repo from a FileSource into the typed model: decode → parse → structure.
 * Positions are not kept: findings carry YAML paths, resolved later only for files that have any.
 */
import type { FileSource } from './source.js';
import type { Finding } from './finding.js';
import type { RepoModel, Located } from './model.js';
import { CONFIG_PATH, ESCALATION_PATH, TEAMS_PATH, MANAGED_ROOTS, kindOf, type FileKind } from './schema/file-kinds.js';
import { decodeYamlBytes, DEFAULT_MAX_FILE_BYTES } from './yaml/decode.js';
import { parseYaml } from './yaml/parse.js';
import { checkStructure } from './structure.js';
import type { Config } from './schema/config.js';

export interface LoadOptions {
  /** Which incident files to read; all by default. Others are still listed in incidentPaths. */
  includeIncident?: (path: string) => boolean;
  /** Skip structure validation (bulk readers that trust a validated repo). */
  skipStructure?: boolean;
}

export interface LoadResult {
  model: RepoModel;
  findings: Finding[];
}

/** Reads in parallel batches: I/O overlaps, memory stays bounded. */
const READ_BATCH = 64;

export async function loadRepo(source: FileSource, opts: LoadOptions = {}): Promise<LoadResult> {
  const findings: Finding[] = [];
  const model: RepoModel = { label: source.label, domains: [], runbooks: [], incidents: [], incidentPaths: [], filesRead: 0 };
  const paths = await source.list(MANAGED_ROOTS);

  const plan: { path: string; kind: FileKind }[] = [];
  for (const path of paths) {
    const spec = kindOf(path);
    if (spec) {
      if (spec.kind === 'incident') model.incidentPaths.push(path);
      if (spec.kind !== 'incident' || !opts.includeIncident || opts.includeIncident(path)) plan.push({ path, kind: spec.kind });
    } else if (/\.ya?ml$/.test(path) && path !== CONFIG_PATH) {
      findings.push({ code: 'FILE_UNEXPECTED', file: path, place: { line: 1, column: 1 }, message: `${path} is not where the layout expects a file, so it is ignored` });
    }
  }

  // The config comes first: its limits apply to every other file.
  const configEntry = plan.find((p) => p.kind === 'config');
  let maxBytes = DEFAULT_MAX_FILE_BYTES;
  if (configEntry) {
    const cfg = await readOne(source, configEntry.path, 'config', maxBytes, opts, findings);
    if (cfg) {
      model.config = cfg as Located<Config>;
      maxBytes = model.config.data.limits?.max_file_bytes ?? maxBytes;
    }
    model.filesRead++;
  } else {
    findings.push({ code: 'CONFIG_MISSING', file: CONFIG_PATH, place: { line: 1, column: 1 }, message: `no ${CONFIG_PATH} in ${source.label}` });
  }
  for (const required of [TEAMS_PATH, ESCALATION_PATH]) {
    if (!paths.includes(required)) findings.push({ code: 'OWNERSHIP_MISSING', file: required, place: { line: 1, column: 1 }, message: `no ${required} in ${source.label}` });
  }

  const rest = plan.filter((p) => p.kind !== 'config');
  for (let i = 0; i < rest.length; i += READ_BATCH) {
    const batch = rest.slice(i, i + READ_BATCH);
    const loaded = await Promise.all(batch.map((p) => readOne(source, p.path, p.kind, maxBytes, opts, findings)));
    batch.forEach((p, k) => {
      model.filesRead++;
      const file = loaded[k];
      if (file) attach(model, p.kind, file);
    });
  }
  return { model, findings };
}

async function readOne(
  source: FileSource, path: string, kind: FileKind, maxBytes: number, opts: LoadOptions, findings: Finding[],
): Promise<Located<unknown> | undefined> {
  const bytes = await source.read(path);
  if (!bytes) return undefined;
  const decoded = decodeYamlBytes(path, bytes, maxBytes);
  if (!decoded.ok) { findings.push(decoded.finding); return undefined; }
  const parsed = parseYaml(path, decoded.text);
  if (!parsed.ok) { findings.push(...parsed.findings); return undefined; }
  const value = parsed.value;
  if (value === null || value === undefined) {
    findings.push({ code: 'FILE_EMPTY', file: path, place: { line: 1, column: 1 }, message: `${path} has no content` });
    return undefined;
  }
  if (typeof value !== 'object' || Array.isArray(value)) {
    findings.push({ code: 'FILE_NOT_MAPPING', file: path, place: { path: [] }, message: `${path} must be a mapping of fields, found ${Array.isArray(value) ? 'a list' : `a ${typeof value}`}` });
    return undefined;
  }
  const structural = opts.skipStructure ? [] : checkStructure(kind, path, value);
  findings.push(...structural);
  return { path, data: value, valid: structural.length === 0 };
}

function attach(model: RepoModel, kind: FileKind, file: Located<unknown>): void {
  switch (kind) {
    case 'teams': model.teams = file as RepoModel['teams']; break;
    case 'escalation': model.escalation = file as RepoModel['escalation']; break;
    case 'domain': model.domains.push(file as RepoModel['domains'][number]); break;
    case 'runbook': model.runbooks.push(file as RepoModel['runbooks'][number]); break;
    case 'incident': model.incidents.push(file as RepoModel['incidents'][number]); break;
    case 'config': model.config = file as RepoModel['config']; break;
  }
}
