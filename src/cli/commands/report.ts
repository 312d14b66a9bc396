import type { Command } from '../command.js';
import { instantOption, stringOption } from '../command.js';
import { FsSource } from '../../io/fs-source.js';
import { validateRepo } from '../../core/validate.js';
import { isOpen } from '../../core/lifecycle.js';
import { computeWatch } from '../../core/watch.js';
import { formatCounts, formatDiagnostics } from '../print-diagnostics.js';
import { buildSiteInto, describeSite } from './site.js';

/** The main job (`npm start`): validate the repo, summarise it, and build the reports site into _site/. */
export const reportCommand: Command = {
  name: 'report',
  summary: 'The main job: validate the repo, print a summary of its incidents, and build the reports site (_site/).',
  usage: 'report [--out DIR] [--base-path /repo-name/] [--now T] [--root DIR]',
  options: { out: { type: 'string' }, 'base-path': { type: 'string' }, now: { type: 'string' } },
  async run(ctx) {
    const result = await validateRepo(new FsSource(ctx.root));
    const { io } = ctx;
    io.stdout(formatDiagnostics(result.diagnostics));
    const incidents = result.model.incidents.map((i) => i.data);
    const open = incidents.filter((i) => isOpen(i.status));
    io.stdout(`sitrep: ${ctx.root}\n`);
    io.stdout(`  validate: ${result.summary.files} files, ${formatCounts(result.summary.errors, result.summary.warnings)}\n`);
    const drills = incidents.filter((i) => i.drill).length;
    io.stdout(`  incidents: ${incidents.length} (${open.length} open, ${drills} drill${drills === 1 ? '' : 's'})\n`);
    for (const i of open) io.stdout(`    ${i.id}  ${i.severity}  ${i.status.padEnd(10)}  ${i.title}\n`);
    // What the escalation watch would raise now: the on-call person's first question.
    const now = instantOption(ctx, 'now') ?? Date.now();
    const watch = computeWatch(result.idx, now);
    io.stdout(`  watch at ${watch.now}: ${watch.summary.findings} finding${watch.summary.findings === 1 ? '' : 's'} in ${watch.summary.with_findings} incident${watch.summary.with_findings === 1 ? '' : 's'}${watch.incidents.length ? ` (${watch.incidents.map((w) => w.id).join(', ')}; details: sitrep watch)` : ''}\n`);
    const site = await buildSiteInto(ctx, { out: stringOption(ctx, 'out'), basePath: stringOption(ctx, 'base-path'), now, idx: result.idx });
    io.stdout(`  ${describeSite(ctx, site).replace(/\n(?=.)/g, '\n  ')}`);
    return result.summary.errors > 0 ? 1 : 0;
  },
};
