import type { Command, CommandContext } from '../command.js';
import { instantOption, requireOption, stringOption } from '../command.js';
import { RefusedError, UsageError } from '../errors.js';
import { FsSource } from '../../io/fs-source.js';
import { writeFileAtomic } from '../../io/atomic-write.js';
import { loadTemplates as loadTemplatesFrom, TemplateFolderError } from '../../io/template-overrides.js';
import { sourceOverlap } from '../../io/output-path.js';
import { SiteWriteError } from '../../io/site-writer.js';
import { loadRepo } from '../../core/load.js';
import { buildIndex } from '../../core/repo-index.js';
import { stemOf } from '../../core/schema/file-kinds.js';
import { AUDIENCES, type Audience, type Incident } from '../../core/schema/incident.js';
import { didYouMean } from '../../core/nearest.js';
import { toDiagnostics } from '../../core/diagnostics.js';
import { severityOf as findingSeverity } from '../../core/finding.js';
import { TemplateError, type Templates } from '../../core/render/templates.js';
import { renderUpdate } from '../../core/render/update.js';
import { describeMissing, renderNotice } from '../../core/render/notice.js';
import { isGitRepo } from '../../git/index.js';
import { readIncidentHistory } from '../../git/incident-history.js';
import { formatDiagnostics } from '../print-diagnostics.js';
import { resolve } from 'node:path';

const USAGE = 'render update <id> --audience internal|consumers|exec|external [--format md|html] [--out FILE] [--now T] [--root DIR]\n       sitrep render notice <id> [--format md|html] [--out FILE] [--root DIR]';

/** The built-in templates with the repo's overrides (config `templates:`); override problems refuse the command. */
export async function loadTemplates(ctx: CommandContext, folder: string | undefined): Promise<Templates> {
  try {
    const { templates, warnings } = await loadTemplatesFrom(ctx.root, folder);
    for (const w of warnings) ctx.io.stderr(`sitrep: warning: ${w}\n`);
    return templates;
  } catch (e) {
    throw refusalOf(e);
  }
}

/** Template and output-path problems as the CLI's refusal; anything else unchanged. */
export function refusalOf(e: unknown): unknown {
  if (e instanceof TemplateFolderError || e instanceof SiteWriteError) return new RefusedError(e.message);
  if (e instanceof TemplateError) return new RefusedError(e.message, e.problems);
  return e;
}

/** Output never goes into the repo's source folders (incidents/, ownership/, runbooks/, the config, templates). */
export function refuseSourcePath(ctx: CommandContext, abs: string, templatesFolder?: string): void {
  const overlap = sourceOverlap(ctx.root, abs, templatesFolder);
  if (overlap) throw new RefusedError(overlap);
}

/** `sitrep render update|notice <id>`: a stakeholder update or the close notice, as markdown or html. */
export const renderCommand: Command = {
  name: 'render',
  summary: 'Render a stakeholder update for an audience, or the close notice, as markdown (safe for GitHub) or html.',
  usage: USAGE,
  formats: ['md', 'html'],
  options: {
    audience: { type: 'string' },
    out: { type: 'string' },
    now: { type: 'string' },
  },
  async run(ctx) {
    const [what, wanted, ...extra] = ctx.positionals;
    if ((what !== 'update' && what !== 'notice') || !wanted || extra.length) throw new UsageError(`give what to render (update or notice) and one incident id\nusage: sitrep ${USAGE}`);
    let audience: Audience | undefined;
    if (what === 'update') {
      const a = requireOption(ctx, 'audience', USAGE);
      if (!(AUDIENCES as readonly string[]).includes(a)) throw new UsageError(`--audience must be one of ${AUDIENCES.join(', ')}, not "${a}"`);
      audience = a as Audience;
    } else if (ctx.values.audience !== undefined) {
      throw new UsageError('--audience is for `render update`; the close notice has one form');
    }
    const now = instantOption(ctx, 'now') ?? Date.now();
    const format = ctx.values.format === 'html' ? 'html' : 'md';

    const id = stemOf(wanted);
    const source = new FsSource(ctx.root);
    const { model, findings } = await loadRepo(source, { includeIncident: (p) => stemOf(p) === id });
    const path = model.incidentPaths.find((p) => stemOf(p) === id);
    if (!path) {
      const hint = didYouMean(id, model.incidentPaths.map(stemOf));
      throw new UsageError(`no incident ${id} under incidents/ in ${ctx.root}${hint ? `: ${hint}` : ''}`);
    }
    const file = model.incidents.find((i) => i.path === path);
    const errors = findings.filter((f) => f.file === path && findingSeverity(f) === 'error');
    if (!file || !file.valid || errors.length) {
      ctx.io.stderr(formatDiagnostics(await toDiagnostics(errors, { head: source })));
      throw new RefusedError(`${path} has errors; fix them (sitrep validate ${path}) before rendering it`);
    }
    const idx = buildIndex(model);
    const inc = file.data as Incident;
    const templates = await loadTemplates(ctx, model.config?.data.templates);

    let content: string;
    if (what === 'update') {
      content = renderUpdate(idx, inc, audience!, { format, now, templates });
    } else {
      const history = (await isGitRepo(ctx.root)) ? await readIncidentHistory(ctx.root, path).catch(() => undefined) : undefined;
      const result = renderNotice(idx, inc, { format, now, templates, commits: history?.commits, partial: history?.partial });
      if (!result.ok) throw new RefusedError(`${inc.id} is not ready to close; the close notice needs:`, describeMissing(result.missing));
      content = result.content;
    }
    const out = stringOption(ctx, 'out');
    if (out) {
      const abs = resolve(ctx.io.cwd, out);
      refuseSourcePath(ctx, abs, model.config?.data.templates);
      await writeFileAtomic(abs, content);
      ctx.io.stderr(`sitrep: wrote ${abs}\n`);
    } else {
      ctx.io.stdout(content);
    }
    return 0;
  },
};
