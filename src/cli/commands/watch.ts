import type { Command } from '../command.js';
import { instantOption } from '../command.js';
import { RefusedError } from '../errors.js';
import { FsSource } from '../../io/fs-source.js';
import { validateRepo } from '../../core/validate.js';
import { computeWatch, type WatchFinding, type WatchResult } from '../../core/watch.js';
import { formatDuration, toIso } from '../../core/time.js';
import { formatDiagnostics } from '../print-diagnostics.js';

/** `sitrep watch`: overdue time boxes, late updates, missing reviews and overdue action items, with whom to tell. */
export const watchCommand: Command = {
  name: 'watch',
  summary: 'Escalation watch: overrun time boxes, late updates, missing reviews, overdue action items, and who must be told.',
  usage: 'watch [--now T] [--format text|json] [--fail-on-findings] [--root DIR]',
  formats: ['text', 'json'],
  options: { now: { type: 'string' }, 'fail-on-findings': { type: 'boolean' } },
  async run(ctx) {
    const now = instantOption(ctx, 'now') ?? Date.now();
    const result = await validateRepo(new FsSource(ctx.root));
    if (!result.model.config) throw new RefusedError(`no sitrep.config.yaml in ${ctx.root}`, ['Run it inside an incident repo, or pass --root DIR.']);
    const errors = result.diagnostics.filter((d) => d.severity === 'error');
    const watch = computeWatch(result.idx, now);
    if (ctx.values.format === 'json') {
      ctx.io.stdout(`${JSON.stringify({ diagnostics: errors, ...watch }, null, 2)}\n`);
    } else {
      if (errors.length) ctx.io.stderr(`${formatDiagnostics(errors)}(files with errors are not watched)\n\n`);
      ctx.io.stdout(formatWatch(watch, now));
    }
    return ctx.values['fail-on-findings'] && (watch.summary.findings > 0 || errors.length > 0) ? 1 : 0;
  },
};

const hhmm = (iso: string) => iso.replace(/:00Z$/, 'Z');

function describeFinding(f: WatchFinding, now: number): string[] {
  const lines = [`  ${f.message}; overdue by ${formatDuration(f.overdue_seconds * 1000)}`];
  const e = f.escalation;
  if (e) {
    const level = e.level ? `level ${e.level} of ${e.levels} since ${hhmm(e.since!)} (after ${e.after})` : 'no level yet';
    const next = e.next ? `; level ${e.next.level} at ${hhmm(e.next.at)} (in ${formatDuration(Date.parse(e.next.at) - now)})` : '';
    lines.push(`    escalation: policy ${e.policy} of ${e.team} (${e.via}), ${level}${next}`);
  } else {
    lines.push('    escalation: no policy (neither the producer team nor the owner team names one)');
  }
  const mentions = [...f.people.map((p) => `@${p}`), ...f.teams];
  lines.push(`    tell: ${mentions.join(', ') || '(nobody resolvable)'}${f.channels.length ? `  via ${f.channels.join(', ')}` : ''}`);
  lines.push(`    targets: ${f.notify.map((t) => t.target + (t.known ? '' : ' (unknown)')).join(', ') || '-'}`);
  return lines;
}

export function formatWatch(w: WatchResult, now: number): string {
  const out: string[] = [];
  const { summary: s } = w;
  if (!w.incidents.length) {
    out.push(`sitrep watch at ${toIso(now)}: nothing overdue (${s.open} open of ${s.incidents} incidents)`);
    return `${out.join('\n')}\n`;
  }
  out.push(`sitrep watch at ${toIso(now)}: ${s.findings} finding${s.findings === 1 ? '' : 's'} in ${s.with_findings} incident${s.with_findings === 1 ? '' : 's'} (${s.open} open of ${s.incidents})`);
  for (const inc of w.incidents) {
    out.push('', `${inc.id}  ${inc.severity}  ${inc.status}${inc.drill ? '  [drill]' : ''}  ${inc.title}`, `  file: ${inc.file}${inc.owner ? `  owner: @${inc.owner}` : ''}`);
    for (const f of inc.findings) out.push(...describeFinding(f, now));
  }
  return `${out.join('\n')}\n`;
}
