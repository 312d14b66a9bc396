import type { Command } from '../command.js';
import { instantOption } from '../command.js';
import { UsageError } from '../errors.js';
import { FsSource } from '../../io/fs-source.js';
import { loadForMetrics } from '../../core/metrics/load.js';
import { buildIndex } from '../../core/repo-index.js';
import { toDiagnostics } from '../../core/diagnostics.js';
import { computeMetrics, type MetricsHistory } from '../../core/metrics/compute.js';
import { metricsCsv, metricsTable } from '../../core/metrics/format.js';
import type { MetricsResult } from '../../core/schema/metrics.js';
import { isGitRepo } from '../../git/index.js';
import { readStatusHistory } from '../../git/incident-history.js';
import { formatDiagnostics } from '../print-diagnostics.js';

const DAY = 86_400_000;

/** `sitrep metrics`: durations, rates, adherence, contract breaches and open incidents by age (docs/metrics.md). */
export const metricsCommand: Command = {
  name: 'metrics',
  summary: 'Incident metrics: durations, regression and reopen rates, adherence, contract breaches, open incidents by age.',
  usage: 'metrics [--since DATE] [--until DATE] [--now T] [--format table|json|csv] [--root DIR]',
  formats: ['table', 'json', 'csv'],
  options: { since: { type: 'string' }, until: { type: 'string' }, now: { type: 'string' } },
  async run(ctx) {
    if (ctx.positionals.length) throw new UsageError(`metrics takes no arguments\nusage: sitrep ${metricsCommand.usage}`);
    const now = instantOption(ctx, 'now') ?? Date.now();
    const since = instantOption(ctx, 'since');
    let until = instantOption(ctx, 'until');
    // A calendar date names the whole day: --until 2025-08-31 includes the 31st.
    if (until !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(String(ctx.values.until))) until += DAY;
    if (since !== undefined && until !== undefined && until <= since) throw new UsageError('--until must be after --since');

    const source = new FsSource(ctx.root);
    const git = await isGitRepo(ctx.root);
    // The history pass and the bulk read of the head files run side by side.
    const [{ model, findings }, status] = await Promise.all([
      loadForMetrics(source),
      git ? readStatusHistory(ctx.root) : Promise.resolve(undefined),
    ]);
    const history: MetricsHistory = status
      ? { available: true, partial: status.partial, commits: status.commitsRead, movedBack: new Set([...status.incidents.values()].filter((f) => f.movedBack.length > 0).map((f) => f.id)) }
      : { available: false, partial: false, commits: 0, movedBack: new Set() };
    const body = computeMetrics({ idx: buildIndex(model), now, since, until, history });
    const diagnostics = await toDiagnostics(findings, { head: source });

    const format = String(ctx.values.format);
    if (format === 'json') {
      const result: MetricsResult = { diagnostics, ...body };
      ctx.io.stdout(`${JSON.stringify(result, null, 2)}\n`);
    } else {
      ctx.io.stdout(format === 'csv' ? metricsCsv(body) : metricsTable(body));
      if (diagnostics.length) ctx.io.stderr(`${formatDiagnostics(diagnostics)}${diagnostics.length} file problem(s): those files are left out of the metrics.\n`);
    }
    return 0;
  },
};
