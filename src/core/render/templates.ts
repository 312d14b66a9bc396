/**
 * The template registry: the built-in Handlebars templates of src/templates/, with a repo's
 * overrides (config `templates:`; the CLI reads the folder and passes the texts in).
 *
 * Escaping is on everywhere. Two Handlebars environments compile the templates:
 * - `.md` templates: every `{{value}}` goes through `escapeMarkdown` (safe in GitHub comments);
 * - everything else (`.html`, `.xml`, `.css`): every `{{value}}` goes through `escapeHtml`.
 * Only helpers return pre-escaped output (a SafeString), and only from values they escaped
 * themselves. `{{{triple}}}` and `{{& value}}` are refused in every template, built-in or override.
 */
import Handlebars from 'handlebars';
import { BUILTIN_TEMPLATES } from '../../templates/index.js';
import { escapeHtml, escapeMarkdown } from './escape.js';
import { registerHelpers, type Flavour } from './helpers.js';
import type { LinkContext } from './links.js';

export type TemplateName = keyof typeof BUILTIN_TEMPLATES & string;
export const TEMPLATE_NAMES = Object.keys(BUILTIN_TEMPLATES).sort() as TemplateName[];

export function flavourOf(name: string): Flavour {
  return name.endsWith('.md') ? 'md' : 'html';
}

export class TemplateError extends Error {
  override readonly name = 'TemplateError';
  constructor(message: string, readonly problems: string[]) {
    super(message);
  }
}

type HandlebarsEnv = typeof Handlebars;
/** The compiler class is public API (handlebarsjs.com "JavaScriptCompiler") but missing from the type definitions. */
type WithCompiler = HandlebarsEnv & { JavaScriptCompiler: new () => object };

/**
 * A Handlebars environment whose `{{ }}` calls our escape function. The compiler hook is
 * Handlebars' documented extension point (a JavaScriptCompiler subclass); nested programs
 * (`#each`, `#if`) are compiled by `prototype.compiler`, so it points at the subclass too.
 */
function escapingEnv(escape: (v: unknown) => string): HandlebarsEnv {
  const env = Handlebars.create() as WithCompiler;
  const Base = env.JavaScriptCompiler;
  class EscapingCompiler extends Base {}
  const proto = EscapingCompiler.prototype as unknown as {
    compiler: unknown;
    appendEscaped(this: { pushSource(s: unknown): void; appendToBuffer(parts: unknown[]): unknown; popStack(): unknown }): void;
  };
  proto.compiler = EscapingCompiler;
  proto.appendEscaped = function appendEscaped() {
    this.pushSource(this.appendToBuffer(['helpers.__sitrep.escape(', this.popStack(), ')']));
  };
  env.JavaScriptCompiler = EscapingCompiler;
  // Not a function, so Handlebars does not wrap it as a helper; only the compiled code calls it.
  const escapeValue = (v: unknown): string => {
    if (v && typeof (v as { toHTML?: unknown }).toHTML === 'function') return (v as { toHTML(): string }).toHTML();
    if (v === undefined || v === null || v === false) return '';
    return escape(v);
  };
  env.registerHelper('__sitrep', { escape: escapeValue } as unknown as Handlebars.HelperDelegate);
  return env;
}

/** Problems that make a template unsafe or broken: parse errors and unescaped output. */
export function lintTemplate(name: string, source: string): string[] {
  let ast: hbs.AST.Program;
  try {
    ast = Handlebars.parse(source);
  } catch (e) {
    return [`${name}: ${(e as Error).message.split('\n')[0]}`];
  }
  const problems: string[] = [];
  const visit = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    const n = node as { type?: string; escaped?: boolean; loc?: { start: { line: number } }; path?: { original?: string } };
    if (n.type === 'MustacheStatement' && n.escaped === false) {
      problems.push(`${name}:${n.loc?.start.line ?? '?'}: unescaped output {{{${n.path?.original ?? ''}}}} is not allowed; use {{${n.path?.original ?? ''}}} (helpers that build markup return it already escaped)`);
    }
    for (const v of Object.values(node)) {
      if (Array.isArray(v)) v.forEach(visit);
      else if (v && typeof v === 'object' && v !== n.loc) visit(v);
    }
  };
  visit(ast);
  return problems;
}

export interface RenderOptions {
  /** How helpers link people, teams and pages (site pages, or a standalone document). */
  links: LinkContext;
}

export interface Templates {
  render(name: TemplateName, view: object, opts: RenderOptions): string;
  /** Names of templates that came from the repo's override folder. */
  readonly overridden: readonly string[];
}

export interface CreateTemplatesResult {
  templates: Templates;
  /** Override files that match no template name (ignored). */
  warnings: string[];
}

/**
 * The registry. `overrides` maps template names (the file name under the override folder without
 * `.hbs`, e.g. `notice.md`, `site/incident.html`) to their source. Throws TemplateError when an
 * override does not parse or uses unescaped output.
 */
export function createTemplates(overrides: Record<string, string> = {}): CreateTemplatesResult {
  const warnings: string[] = [];
  const sources: Record<string, string> = { ...BUILTIN_TEMPLATES };
  const problems: string[] = [];
  const overridden: string[] = [];
  for (const [name, source] of Object.entries(overrides)) {
    if (!(name in BUILTIN_TEMPLATES)) {
      warnings.push(`template override ${name}.hbs matches no template and is ignored; known names: ${TEMPLATE_NAMES.join(', ')}`);
      continue;
    }
    problems.push(...lintTemplate(name, source));
    sources[name] = source;
    overridden.push(name);
  }
  if (problems.length) throw new TemplateError(`${problems.length} problem${problems.length === 1 ? '' : 's'} in the template overrides`, problems);

  const envs: Record<Flavour, HandlebarsEnv> = { md: escapingEnv(escapeMarkdown), html: escapingEnv(escapeHtml) };
  for (const flavour of ['md', 'html'] as const) {
    registerHelpers(envs[flavour], flavour);
    for (const [name, source] of Object.entries(sources)) if (flavourOf(name) === flavour) envs[flavour].registerPartial(name, source);
  }
  const compiled = new Map<string, Handlebars.TemplateDelegate>();
  const compile = (name: TemplateName) => {
    let t = compiled.get(name);
    if (!t) {
      t = envs[flavourOf(name)].compile(sources[name], { strict: false, preventIndent: true });
      compiled.set(name, t);
    }
    return t;
  };
  return {
    warnings,
    templates: {
      overridden,
      render(name, view, opts) {
        return compile(name)(view, { data: { sitrep: opts.links } });
      },
    },
  };
}
