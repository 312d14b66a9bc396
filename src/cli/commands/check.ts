/** `sitrep check`: the change checks of a PR, on base → head read straight from git. */
import type { Command } from '../command.js';
import { instantOption, requireOption, stringOption } from '../command.js';
import { UsageError } from '../errors.js';
import { formatCounts, formatDiagnostics } from '../print-diagnostics.js';
import { checkChange, type CheckChangeResult } from '../../core/check/index.js';
import type { CheckResult } from '../../core/schema/check-result.js';
import { formatDuration, toIso } from '../../core/time.js';
import { GitError, isGitRepo } from '../../git/run-git.js';
import { openPullRequestChange, type PullRequestChange } from '../../git/pull-request-change.js';

const USAGE = 'check --base <ref> [--head <ref>] [--now T] [--format text|json] [--root DIR]';

export const checkCommand: Command = {
  name: 'check',
  summary: 'Check a PR: lifecycle moves, append-only ledger, claims and roll-ups on base → head.',
  usage: USAGE,
  formats: ['text', 'json'],
  options: { base: { type: 'string' }, head: { type: 'string' }, now: { type: 'string' } },
  async run(ctx) {
    const baseRef = requireOption(ctx, 'base', USAGE);
    const headRef = stringOption(ctx, 'head') ?? 'HEAD';
    const nowOption = instantOption(ctx, 'now');
    if (!(await isGitRepo(ctx.root))) throw new UsageError(`${ctx.root} is not inside a git repository; check reads base and head from git`);

    let change: PullRequestChange;
    try {
      change = await openPullRequestChange(ctx.root, baseRef, headRef);
    } catch (e) {
      // A ref that does not resolve is the user's to fix: say which, without a stack.
      if (e instanceof GitError) throw new UsageError(e.message);
      throw e;
    }
    try {
      const headTime = Date.parse(change.head.time);
      const now = nowOption ?? headTime;
      const result = await checkChange(change.base.source, change.head.source, change.changed, {
        now, headTime, findOpenIncidents: change.openCandidates,
      });
      const out: CheckResult = {
        diagnostics: result.diagnostics,
        summary: result.summary,
        base: { ref: change.base.ref, commit: change.base.commit, tip: change.base.tip },
        head: { ref: change.head.ref, commit: change.head.commit, time: change.head.time },
        now: toIso(now),
        changed: result.changed,
        signoff_required: result.signoff_required,
        waivers_required: result.waivers_required,
        overruns: result.overruns,
      };
      ctx.io.stdout(ctx.values.format === 'json' ? `${JSON.stringify(out, null, 2)}\n` : formatText(out, result));
      return result.summary.errors > 0 ? 1 : 0;
    } finally {
      await change.close();
    }
  },
};

function formatText(out: CheckResult, result: CheckChangeResult): string {
  const lines: string[] = [];
  if (out.signoff_required.length) {
    lines.push('Sign-offs required (the gate Action checks them against approvals on the head commit):');
    for (const s of out.signoff_required) {
      lines.push(`  ${s.incident}  ${s.team} (${s.role})  claimed by ${s.claimed_by ?? '(nobody)'}  may sign: ${s.members.join(', ') || '(nobody in base)'}`);
    }
  }
  if (out.waivers_required.length) {
    lines.push('Waivers required (the gate Action checks the approver\'s approval):');
    for (const w of out.waivers_required) {
      lines.push(`  ${w.incident}  ${w.rule}${w.stage ? ` stage ${w.stage}` : ''}  approved by ${w.approved_by || '(nobody)'}${w.added ? '  (added)' : ''}${w.used ? '  (used)' : ''}`);
    }
  }
  if (out.overruns.length) {
    lines.push(`Time boxes overdue at ${out.now}:`);
    for (const o of out.overruns) {
      const e = o.escalation;
      const esc = !e ? 'no escalation policy' : e.level === 0 ? `policy ${e.policy}: no level yet` : `level ${e.level} of ${e.policy}: ${e.notify.join(', ')}`;
      lines.push(`  ${o.incident}  ${o.box}  overdue by ${formatDuration(o.overdue_seconds * 1000)} (due ${o.due})  ${esc}`);
    }
  }
  const { files, incidents, errors, warnings } = result.summary;
  const head = `${out.base.ref} (${out.base.commit.slice(0, 7)}) → ${out.head.ref} (${out.head.commit.slice(0, 7)})`;
  const body = formatDiagnostics(out.diagnostics);
  return `${body}${body && lines.length ? '\n' : ''}${lines.map((l) => `${l}\n`).join('')}${body || lines.length ? '\n' : ''}check ${head}: ${files} file${files === 1 ? '' : 's'} changed, ${incidents} incident${incidents === 1 ? '' : 's'}: ${formatCounts(errors, warnings)}\n`;
}
