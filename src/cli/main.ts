/** The `sitrep` command line: dispatch, help, and exit codes (0 ok, 1 findings or refused, 2 usage or internal). */
import { COMMANDS } from './registry.js';
import { parseCommandArgs } from './command.js';
import { processIO, type CliIO } from './io.js';
import { RefusedError, UsageError } from './errors.js';

export async function main(argv: string[], io: CliIO = processIO()): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(helpText());
    return name ? 0 : 2;
  }
  if (name === '--version') {
    io.stdout(`${typeof SITREP_VERSION === 'string' ? SITREP_VERSION : 'dev'}\n`);
    return 0;
  }
  const cmd = COMMANDS.find((c) => c.name === name);
  if (!cmd) {
    io.stderr(`sitrep: unknown command "${name}"\n\n${helpText()}`);
    return 2;
  }
  try {
    const ctx = parseCommandArgs(cmd, rest, io);
    if (ctx === 'help') {
      io.stdout(`usage: sitrep ${cmd.usage}\n\n${cmd.summary}\nDocs: docs/commands/${cmd.name}.md\n`);
      return 0;
    }
    return await cmd.run(ctx);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`sitrep ${cmd.name}: ${e.message}\n`);
      return 2;
    }
    if (e instanceof RefusedError) {
      io.stderr(`sitrep ${cmd.name}: ${e.message}\n${e.details.map((d) => `  - ${d}\n`).join('')}`);
      return 1;
    }
    // An internal error: say so plainly; the stack only on request.
    io.stderr(`sitrep ${cmd.name}: internal error: ${(e as Error)?.message ?? String(e)}\n${io.env.SITREP_DEBUG ? `${(e as Error)?.stack}\n` : 'Set SITREP_DEBUG=1 for details, and please report it.\n'}`);
    return 2;
  }
}

/** Set by the bundler from package.json. */
declare const SITREP_VERSION: string | undefined;

function helpText(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return `usage: sitrep <command> [options]\n\n${COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n')}\n\nEvery command takes --root DIR and --help. Docs: docs/commands/.\n`;
}
