/** The bench harness: cold runs report what they measured, and a command that cannot run stops the bench. No timing assertions. */
import { describe, expect, it } from 'vitest';
import { CannotRun, cpuRatio, hasGnuTime, timeCold } from '../../bench/harness/time-cold.js';
import { formatTable } from '../../bench/harness/table.js';

describe('bench harness', () => {
  it('times a fresh process: one figure per run, the best kept, its output and peak RSS', async () => {
    const t = await timeCold(process.execPath, ['-e', 'const a = Buffer.alloc(64 * 1024 * 1024, 1); console.log(a.length)'], { runs: 2 });
    expect(t.all).toHaveLength(2);
    expect(t.seconds).toBe(Math.min(...t.all));
    expect(t.stdout.trim()).toBe(String(64 * 1024 * 1024));
    expect(t.code).toBe(0);
    expect(t.rssMB).toBeGreaterThan(64);
    expect(t.rssSource).toBe(hasGnuTime() ? 'gnu-time' : 'proc-poll');
    if (hasGnuTime()) expect(t.cpuSeconds).toBeGreaterThanOrEqual(0);
  });

  it('accepts the exit codes it is told mean "it ran", and stops on any other with the stderr', async () => {
    const ok = await timeCold(process.execPath, ['-e', 'process.exit(1)'], { runs: 1, okCodes: [0, 1] });
    expect(ok.code).toBe(1);
    await expect(timeCold(process.execPath, ['-e', 'console.error("boom"); process.exit(2)'], { runs: 1 })).rejects.toThrow(CannotRun);
    await expect(timeCold(process.execPath, ['-e', 'console.error("boom"); process.exit(2)'], { runs: 1 })).rejects.toThrow(/exited with 2\nboom/);
  });

  it('compares CPU seconds only when both sides have them', () => {
    const t = (cpuSeconds?: number) => ({ seconds: 1, all: [1], cpuSeconds, code: 0, stdout: '', stderr: '' });
    expect(cpuRatio(t(3), t(2))).toBe(1.5);
    expect(cpuRatio(t(undefined), t(2))).toBeUndefined();
    expect(cpuRatio(t(3), t(0))).toBeUndefined();
  });

  it('prints a Markdown table with a result only for rows that have a target', () => {
    const table = formatTable([
      { section: 'baseline', name: 'read+parse (yaml)', size: 10_000, seconds: 12.345, rssMB: 117.4 },
      { section: 'validate', name: 'validate', size: 10_000, seconds: 6.2, ratio: 0.5, vs: 'read+parse', target: '≤ 1.5×', pass: true },
      { section: 'validate', name: 'peak RSS', rssMB: 2000, target: '< 1024 MB', pass: false },
    ]);
    const lines = table.split('\n');
    expect(lines).toHaveLength(5);
    expect(lines[0]).toMatch(/^\| section +\| measurement +\| incidents \| seconds \|/);
    expect(lines[2]).toContain('10,000');
    expect(lines[2]).toContain('12.3');
    expect(lines[3]).toContain('0.50× read+parse');
    expect(lines[3]).toMatch(/\| pass +\|$/);
    expect(lines[4]).toMatch(/\| FAIL +\|$/);
  });
});
