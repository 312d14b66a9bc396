import type { Command } from '../command.js';
import { UsageError } from '../errors.js';
import { FsSource } from '../../io/fs-source.js';
import { CONFIG_PATH, kindOf, stemOf } from '../../core/schema/file-kinds.js';
import type { Config } from '../../core/schema/config.js';
import type { FileSource } from '../../core/source.js';
import { decodeYamlBytes } from '../../core/yaml/decode.js';
import { parseYaml } from '../../core/yaml/parse.js';
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

/** One file, decoded and parsed; findings when it cannot be read. The schema check is `validate`'s job. */
async function readYaml(source: FileSource, path: string): Promise<{ value?: unknown; findings: Finding[] }> {
  const bytes = await source.read(path);
  if (!bytes) return { findings: [] };
  const decoded = decodeYamlBytes(path, bytes);
  if (!decoded.ok) return { findings: [decoded.finding] };
  const parsed = parseYaml(path, decoded.text);
  return parsed.ok ? { value: parsed.value ?? undefined, findings: [] } : { findings: parsed.findings };
}

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
    // Only the config and this one file are read: a timeline costs the same in a repo of 10 or 10,000 incidents.
    const paths = (await source.list(['incidents'])).filter((p) => kindOf(p)?.kind === 'incident');
    const path = paths.find((p) => stemOf(p) === id);
    if (!path) {
      const hint = didYouMean(id, paths.map(stemOf));
      throw new UsageError(`no incident ${id} under incidents/ in ${ctx.root}${hint ? `: ${hint}` : ''}`);
    }
    const config = await readYaml(source, CONFIG_PATH);
    const read = await readYaml(source, path);
    if (!read.value || typeof read.value !== 'object' || Array.isArray(read.value)) {
      const own = read.findings;
      if (read.value !== undefined) own.push({ code: 'FILE_NOT_MAPPING', file: path, place: { path: [] }, message: `${path} must be a mapping of fields` });
      ctx.io.stderr(formatDiagnostics(await toDiagnostics(own, { head: source })));
      return 1;
    }
    const cfg = (config.value ?? {}) as Partial<Config>;
    const inc = read.value as Incident;
    const git = await isGitRepo(ctx.root);
    const history = git ? await readIncidentHistory(ctx.root, path) : undefined;
    const tolerance = parseDuration(cfg.clock_tolerance ?? DEFAULT_TOLERANCE) ?? parseDuration(DEFAULT_TOLERANCE)!;
    const timeline = buildTimeline(inc, history?.commits, { clockToleranceMs: tolerance, partial: history?.partial });

    const warnings: Finding[] = timeline.warnings.map((w) => ({
      code: w.code, file: path, place: w.path ? { path: w.path } : { line: 1, column: 1 }, message: w.message, severity: 'warning',
    }));
    const diagnostics = await toDiagnostics(warnings, { head: source });

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
      ctx.io.stdout(timelineMarkdown(timeline, { repositoryUrl: cfg.site?.repository_url }));
      if (!git) ctx.io.stdout('\n_Not a git repository: the recording commits are not shown._\n');
    }
    return 0;
  },
};
