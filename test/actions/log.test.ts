// What an Action prints, read as the runner reads it: untrusted text never becomes a command.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { log, logUntrusted, neutralise } from '../../src/actions/shared/log.js';
import { readRunnerLog } from './support/runner-log.js';

const HOSTILE = [
  '::set-output name=pwned::1',
  '  ::add-mask::everything',
  '\u200B::set-env name=X::1',
  '\uFEFF::add-path::/tmp/evil',
  'text then ##[set-output name=v1;]1',
  '#\u200B#[add-mask]x',
  '::stop-commands::guess',
  '::guess::',
  '::error file=a.yaml::forged annotation',
].join('\n');

function capture(run: () => void): string {
  let out = '';
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  try {
    run();
  } finally {
    spy.mockRestore();
  }
  return out;
}

afterEach(() => vi.restoreAllMocks());

describe('neutralise', () => {
  it('leaves no line the runner reads as a command, and keeps the text readable', () => {
    const safe = neutralise(HOSTILE);
    expect(readRunnerLog(safe).commands).toEqual([]);
    expect(safe).toContain('\\::set-output name=pwned::1');
    expect(safe).toContain('#\\#[set-output');
    expect(safe).not.toMatch(/[\u200B\uFEFF]/);
  });
});

describe('logUntrusted', () => {
  it('prints the text between stop-commands and a random resume token: the runner processes nothing inside', () => {
    const out = capture(() => logUntrusted(HOSTILE, 'hostile text follows'));
    const parsed = readRunnerLog(out);
    const names = parsed.commands.map((c) => c.name);
    expect(names).toHaveLength(2);
    expect(names[0]).toBe('stop-commands');
    expect(names[1]).toBe(parsed.commands[0].message);
    expect(parsed.commands[0].message).toMatch(/^sitrep-[0-9a-f]{32}$/);
    expect(parsed.visible.join('\n')).toContain('set-output name=pwned');
    // Two runs, two tokens.
    const again = readRunnerLog(capture(() => logUntrusted('x')));
    expect(again.commands[0].message).not.toBe(parsed.commands[0].message);
  });
});

describe('log', () => {
  it('keeps our message on one line, whatever it quotes', () => {
    const out = capture(() => log(`route: skipped ${HOSTILE}`));
    expect(out.trimEnd().split('\n')).toHaveLength(1);
    expect(readRunnerLog(out).commands).toEqual([]);
  });
});
