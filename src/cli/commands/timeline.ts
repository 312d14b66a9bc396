import type { Command } from '../command.js';
import { UsageError } from '../errors.js';
import { FsSource } from '../../io/fs-source.js';
import { loadRepo } from '../../core/load.js';
import { stemOf } from '../../core/schema/file-kinds.js';
import { didYouMean } from '../../core/nearest.js';
import { parseDuration } from '../../core/time.js';
import { toDiagnostics } from '../../core/diagnostics.js';
import type { Finding } from '../../core/finding.js';
import type { Incident } from '../../core/schema/incident.js';
import type { TimelineResult } from '../../core/schema/timeline.js';
import { buildTimeline, timelineMarkdown, timelineMermaid } from '../../core/timeline.js';
import { isGitRepo } from '../../git/index.js';
import { readIncidentHistory } from '../../git/incident-history.js';
import { formatDiagnostics } from '../print-diagnostics.js';

const DEFAULT_TOLERANCE = 'PT5M';

/** `sitrep timeline <id>`: declared timestamps, ledger, updates and the recording commits, in order. */
export const timelineCommand: Command = {
  name: 'timeline',
  summary: 'The timeline of one incident: declared times, ledger, updates and the commits that recorded them.',
  usage: 'timeline <id|path> [--format md|json|mermaid] [--root DIR]',
  formats: ['md', 'json', 'mermaid'],
  async run(ctx) {
    const [wanted, ...extra] = ctx.positionals;
    if (!wanted || extra.length) throw new UsageError(`give one incident id or file path\nusage: sitrep ${timelineCommand.usage}`);
    const id = stemOf(wanted);
    const source = new FsSource(ctx.root);
    const { model, findings } = await loadRepo(source, { includeIncident: (p) => stemOf(p) === id });
    const path = model.incidentPaths.find((p) => stemOf(p) === id);
    if (!path) {
      const hint = didYouMean(id, model.incidentPaths.map(stemOf));
      throw new UsageError(`no incident ${id} under incidents/ in ${ctx.root}${hint ? `: ${hint}` : ''}`);
    }
    const file = model.incidents.find((i) => i.path === path);
    const own = findings.filter((f) => f.file === path && f.severity !== 'warning');
    if (!file || typeof file.data !== 'object') {
      ctx.io.stderr(formatDiagnostics(await toDiagnostics(own, { head: source })));
      return 1;
    }
    const inc = file.data as Incident;
    const git = await isGitRepo(ctx.root);
    const history = git ? await readIncidentHistory(ctx.root, path) : undefined;
    const tolerance = parseDuration(model.config?.data.clock_tolerance ?? DEFAULT_TOLERANCE) ?? parseDuration(DEFAULT_TOLERANCE)!;
    const timeline = buildTimeline(inc, history?.commits, { clockToleranceMs: tolerance, partial: history?.partial });

    const warnings: Finding[] = timeline.warnings.map((w) => ({
      code: w.code, file: path, place: w.path ? { path: w.path } : { line: 1, column: 1 }, message: w.message, severity: 'warning',
    }));
    // Structure problems of the file itself, so a broken field explains a missing event.
    const diagnostics = await toDiagnostics([...own, ...warnings], { head: source });

    const format = String(ctx.values.format);
    if (format === 'json') {
      const result: TimelineResult = {
        diagnostics,
        incident: { id: String(inc.id ?? id), path, title: String(inc.title ?? ''), status: String(inc.status ?? ''), severity: String(inc.severity ?? '') },
        history: { available: git, partial: history?.partial ?? false, commits: history?.commits.length ?? 0, paths: history?.paths ?? [path] },
        events: timeline.events,
      };
      ctx.io.stdout(`${JSON.stringify(result, null, 2)}\n`);
    } else if (format === 'mermaid') {
      ctx.io.stdout(timelineMermaid(timeline, { title: `${inc.id ?? id} ${inc.title ?? ''}` }));
      if (diagnostics.length) ctx.io.stderr(formatDiagnostics(diagnostics));
    } else {
      ctx.io.stdout(`## Timeline of ${inc.id ?? id}: ${String(inc.title ?? '').replace(/\n/g, ' ')}\n\n`);
      ctx.io.stdout(timelineMarkdown(timeline, { repositoryUrl: model.config?.data.site?.repository_url }));
      if (!git) ctx.io.stdout('\n_Not a git repository: the recording commits are not shown._\n');
      if (own.length) ctx.io.stderr(formatDiagnostics(diagnostics.filter((d) => d.severity === 'error')));
    }
    return own.length ? 1 : 0;
  },
};
