/** The shape of a `sitrep` command and the options every command shares. */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { CliIO } from './io.js';
import { UsageError } from './errors.js';
import { parseInstant } from '../core/time.js';
import { CONFIG_PATH } from '../core/schema/file-kinds.js';

type Options = NonNullable<ParseArgsConfig['options']>;

export interface CommandContext {
  io: CliIO;
  values: Record<string, string | boolean | string[] | undefined>;
  positionals: string[];
  /** The incident repo root (--root, or the nearest folder up from cwd with sitrep.config.yaml). */
  root: string;
}

export interface Command {
  name: string;
  summary: string;
  /** Usage lines shown by --help, after "sitrep ". */
  usage: string;
  options?: Options;
  /** Allowed --format values; the first is the default. */
  formats?: readonly string[];
  run(ctx: CommandContext): Promise<number>;
}

const COMMON: Options = {
  root: { type: 'string' },
  format: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
};

export function parseCommandArgs(cmd: Command, argv: string[], io: CliIO): CommandContext | 'help' {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: { ...COMMON, ...cmd.options }, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError(`${(e as Error).message.replace(/\. To specify.*$/s, '')}\nusage: sitrep ${cmd.usage}`);
  }
  const values = parsed.values as CommandContext['values'];
  if (values.help) return 'help';
  if (values.format !== undefined) {
    if (!cmd.formats) throw new UsageError(`sitrep ${cmd.name} has no --format option`);
    if (!cmd.formats.includes(String(values.format))) throw new UsageError(`--format must be one of ${cmd.formats.join(', ')}, not "${values.format}"`);
  } else if (cmd.formats) values.format = cmd.formats[0];
  const root = values.root ? resolve(io.cwd, String(values.root)) : findRoot(io.cwd);
  if (values.root && !existsSync(root)) throw new UsageError(`--root ${values.root}: no such folder`);
  return { io, values, positionals: parsed.positionals, root };
}

/** The nearest folder up from `start` that holds the config; `start` itself when none does. */
export function findRoot(start: string): string {
  let dir = resolve(start);
  for (;;) {
    if (existsSync(join(dir, CONFIG_PATH))) return dir;
    const up = dirname(dir);
    if (up === dir) return resolve(start);
    dir = up;
  }
}

/** --now / --since / --until: an ISO date or date-time. */
export function instantOption(ctx: CommandContext, name: string): number | undefined {
  const v = ctx.values[name];
  if (v === undefined) return undefined;
  const t = parseInstant(String(v));
  if (t === undefined) throw new UsageError(`--${name} must be an ISO-8601 date or date-time like 2025-08-03T06:00:00Z, not "${v}"`);
  return t;
}

export function stringOption(ctx: CommandContext, name: string): string | undefined {
  const v = ctx.values[name];
  return v === undefined ? undefined : String(v);
}

export function requireOption(ctx: CommandContext, name: string, usage: string): string {
  const v = stringOption(ctx, name);
  if (!v) throw new UsageError(`--${name} is required\nusage: sitrep ${usage}`);
  return v;
}
