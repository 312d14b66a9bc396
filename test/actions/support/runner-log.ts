// Reads an Action's stdout the way the GitHub runner does (actions/runner, ActionCommandManager):
// a line whose trimmed text starts with `::` is a v2 workflow command, `##[name]` anywhere in a
// line is a v1 command, `::stop-commands::<token>` turns command processing off until `::<token>::`,
// and `::add-mask::<value>` hides the value in every later line of the log. Tests then assert
// which commands an Action issued and what the log shows.

export interface RunnerCommand {
  name: string;
  properties: Record<string, string>;
  message: string;
  /** The stdout line it came from. */
  line: string;
}

export interface RunnerLog {
  commands: RunnerCommand[];
  /** The log as people see it: command lines consumed, masks applied. */
  visible: string[];
  masks: string[];
}

/** The runner's unescaping of command data and properties. */
function unescapeData(s: string): string {
  return s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
}
function unescapeProperty(s: string): string {
  return s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%25/g, '%');
}

function parseV2(line: string): RunnerCommand | undefined {
  // .NET Trim() trims Unicode white space; the zero-width characters are not white space.
  const trimmed = line.replace(/^[\s\uFEFF\u00A0]+|[\s\uFEFF\u00A0]+$/g, '');
  if (!trimmed.startsWith('::')) return undefined;
  const end = trimmed.indexOf('::', 2);
  if (end < 0) return undefined;
  const info = trimmed.slice(2, end);
  const space = info.indexOf(' ');
  const name = space < 0 ? info : info.slice(0, space);
  const properties: Record<string, string> = {};
  if (space >= 0) {
    for (const pair of info.slice(space + 1).split(',')) {
      const eq = pair.indexOf('=');
      if (eq > 0) properties[pair.slice(0, eq).trim()] = unescapeProperty(pair.slice(eq + 1));
    }
  }
  return { name, properties, message: unescapeData(trimmed.slice(end + 2)), line };
}

function parseV1(line: string): RunnerCommand | undefined {
  const at = line.indexOf('##[');
  if (at < 0) return undefined;
  const close = line.indexOf(']', at);
  if (close < 0) return undefined;
  const info = line.slice(at + 3, close);
  const space = info.indexOf(' ');
  const name = space < 0 ? info : info.slice(0, space);
  if (!/^[a-z-]+$/.test(name)) return undefined;
  return { name, properties: {}, message: line.slice(close + 1), line };
}

export function readRunnerLog(stdout: string): RunnerLog {
  const commands: RunnerCommand[] = [];
  const visible: string[] = [];
  const masks: string[] = [];
  let stopToken: string | undefined;
  for (const line of stdout.split(/\r?\n/)) {
    const command = parseV2(line) ?? parseV1(line);
    if (stopToken !== undefined) {
      if (command && command.name === stopToken) {
        stopToken = undefined;
        commands.push(command);
        continue;
      }
      visible.push(mask(line, masks));
      continue;
    }
    if (command) {
      if (command.name === 'stop-commands') stopToken = command.message;
      else if (command.name === 'add-mask') masks.push(command.message);
      commands.push(command);
      // Annotations and groups show up in the log; masks and state do not.
      if (['error', 'warning', 'notice', 'debug'].includes(command.name)) visible.push(mask(`${command.name}: ${command.message}`, masks));
      continue;
    }
    visible.push(mask(line, masks));
  }
  return { commands, visible, masks };
}

function mask(line: string, masks: readonly string[]): string {
  return masks.reduce((l, m) => (m ? l.split(m).join('***') : l), line);
}
