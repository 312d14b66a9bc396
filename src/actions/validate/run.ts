/**
 * validate: `sitrep check` of a pull request against its base. Annotations at file, line and
 * column (at most 10 of each kind, GitHub's limit per step), the full list HTML-escaped in the
 * job summary with the sign-offs and waivers the gate will verify and the time-box overruns, and
 * a failure when there is any error. Without a base (a push that creates a branch, a manual
 * run) it validates the whole head tree instead.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as core from '@actions/core';
import { validateRepo } from '../../core/validate.js';
import type { Diagnostic } from '../../core/diagnostics.js';
import type { CheckChangeResult } from '../../core/check/index.js';
import { GitTreeSource } from '../../git/index.js';
import { readEnv, readEvent, incidentRoot, pullRequestOfEvent, shaOf, ActionInputError } from '../shared/env.js';
import { stringInput, timeInput } from '../shared/inputs.js';
import { annotate, diagnosticsSection } from '../shared/annotations.js';
import { Summary } from '../shared/summary.js';
import { log, logUntrusted } from '../shared/log.js';
import { fail, runAction } from '../shared/run.js';
import { checkPullRequest } from '../shared/repo.js';

const ZERO_SHA = /^0{40}$/;

function diagnosticLines(ds: readonly Diagnostic[]): string {
  return ds.map((d) => `${d.file}:${d.line}:${d.column}  ${d.severity}  ${d.code}  ${d.message}`).join('\n');
}

function claimsSection(summary: Summary, result: CheckChangeResult): void {
  if (result.signoff_required.length) {
    summary.heading('Sign-offs the gate will verify', 3).table(
      ['Incident', 'Team', 'Role', 'Claimed by', 'Eligible (base ownership)'],
      result.signoff_required.map((s) => [s.incident, s.team, s.role, s.claimed_by ?? '(none)', s.members.join(', ')]),
    );
  }
  if (result.waivers_required.length) {
    summary.heading('Waivers the gate will verify', 3).table(
      ['Incident', 'Rule', 'Stage', 'Approved by'],
      result.waivers_required.map((w) => [w.incident, w.rule, w.stage ?? '', w.approved_by || '(none)']),
    );
  }
  if (result.overruns.length) {
    summary.heading('Time boxes overrun', 3).table(
      ['Incident', 'Box', 'Due', 'Overdue by', 'Escalation level'],
      result.overruns.map((o) => [o.incident, o.box, o.due, o.overdue_by, o.escalation ? `${o.escalation.level} (${o.escalation.policy})` : '']),
    );
  }
}

export async function run(): Promise<void> {
  await runAction('validate', async () => {
    const env = readEnv();
    const event = await readEvent(env);
    const { dir, prefix } = incidentRoot(env, stringInput('root', '.'));
    const pr = pullRequestOfEvent(event);
    const now = timeInput('now');
    const headInput = stringInput('head');
    const baseInput = stringInput('base');
    if (headInput && !shaOf(headInput) && !/^[\w./-]+$/.test(headInput)) throw new ActionInputError('input `head` must be a commit sha or ref');
    if (baseInput && !shaOf(baseInput) && !/^[\w./-]+$/.test(baseInput)) throw new ActionInputError('input `base` must be a commit sha or ref');
    const head = headInput || pr?.headSha || shaOf(event.after) || env.sha || 'HEAD';
    const before = shaOf(event.before);
    const base = baseInput || pr?.baseSha || (before && !ZERO_SHA.test(before) ? before : undefined);

    const summary = new Summary().heading('sitrep validate');
    let diagnostics: Diagnostic[];
    let result: CheckChangeResult | undefined;
    if (base) {
      const checked = await checkPullRequest(dir, base, head, now);
      result = checked.result;
      diagnostics = result.diagnostics;
      summary.paragraph(`Checked the change from ${base.slice(0, 12)} to ${head.slice(0, 12)}: ${result.summary.files} incident-repo file(s), ${result.summary.incidents} incident(s).`);
    } else {
      const source = await GitTreeSource.open(dir, head);
      try {
        diagnostics = (await validateRepo(source)).diagnostics;
      } finally {
        await source.close();
      }
      summary.paragraph(`No base to compare with: validated every file at ${head.slice(0, 12)}.`);
    }

    const counts = annotate(diagnostics, prefix);
    if (diagnostics.length) logUntrusted(diagnosticLines(diagnostics), `validate: ${counts.errors} error(s), ${counts.warnings} warning(s)`);
    else log('validate: no findings');
    diagnosticsSection(summary, diagnostics, counts);
    if (result) claimsSection(summary, result);
    await summary.write();

    const resultFile = join(env.tempDir, 'sitrep-validate.json');
    await writeFile(resultFile, `${JSON.stringify(result ?? { diagnostics }, null, 2)}\n`);
    core.setOutput('errors', String(counts.errors));
    core.setOutput('warnings', String(counts.warnings));
    core.setOutput('signoff-required', String(result?.signoff_required.length ?? 0));
    core.setOutput('waivers-required', String(result?.waivers_required.length ?? 0));
    core.setOutput('result-file', resultFile);
    if (counts.errors > 0) fail(`validate: ${counts.errors} error(s); see the annotations and the job summary`);
  });
}
