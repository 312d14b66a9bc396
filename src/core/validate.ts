/** `validate`: load the whole repo, check structure, run the rules, report on the asked paths. */
import type { FileSource } from './source.js';
import type { Finding } from './finding.js';
import { loadRepo, type LoadOptions } from './load.js';
import { buildIndex, type RepoIndex } from './repo-index.js';
import { RULES } from './rules/index.js';
import type { Rule } from './rules/rule.js';
import { toDiagnostics, countBySeverity, type Diagnostic } from './diagnostics.js';
import type { RepoModel } from './model.js';

export interface ValidateResult {
  diagnostics: Diagnostic[];
  summary: { files: number; incidents: number; errors: number; warnings: number };
  model: RepoModel;
  idx: RepoIndex;
}

/** Runs rules; a rule that throws becomes one INTERNAL finding instead of a crash. */
export function runRules(idx: RepoIndex, rules: readonly Rule[] = RULES): Finding[] {
  const findings: Finding[] = [];
  for (const rule of rules) {
    try {
      rule.run({ idx, report: (f) => findings.push(f) });
    } catch (e) {
      findings.push({ code: 'INTERNAL', file: idx.model.config?.path ?? 'sitrep.config.yaml', place: { line: 1, column: 1 }, message: `rule ${rule.name} failed: ${(e as Error).message}` });
    }
  }
  return findings;
}

export interface ValidateOptions extends LoadOptions {
  /** Report only findings in these files or folders (the whole repo is still read for references). */
  only?: readonly string[];
}

export async function validateRepo(source: FileSource, opts: ValidateOptions = {}): Promise<ValidateResult> {
  const { model, findings } = await loadRepo(source, opts);
  const idx = buildIndex(model);
  findings.push(...runRules(idx));
  const only = opts.only?.map((p) => p.replace(/^\.\//, '').replace(/\/$/, ''));
  const wanted = only?.length ? findings.filter((f) => only.some((p) => f.file === p || f.file.startsWith(`${p}/`))) : findings;
  const diagnostics = await toDiagnostics(wanted, { head: source });
  return {
    diagnostics,
    summary: { files: model.filesRead, incidents: model.incidents.length, ...countBySeverity(diagnostics) },
    model,
    idx,
  };
}
