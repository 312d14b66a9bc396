/**
 * `npm run bench`: generates synthetic incident repos (cached in .bench/), then times sitrep as
 * fresh processes against baselines measured in the same run, and prints one table.
 *
 *   npm run bench                      10,000 and 1,000 incidents, best of 3
 *   npm run bench -- --quick           2,000 and 200 incidents (a smoke run for CI)
 *   npm run bench -- --fresh           make the repos again instead of using .bench/
 *   npm run bench -- --runs 5          best of 5
 *   npm run bench -- --section validate,check
 *   npm run bench -- --cli dist/cli.js time an already built CLI instead of bundling the working tree
 *   npm run bench -- --list            the sections
 *
 * It prints figures and targets; a missed target is reported, not an error. It exits non-zero
 * only when it cannot run (a generator failure, a command that crashes or exits 2).
 * Docs: docs/bench.md.
 */
import { parseArgs } from 'node:util';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadavg } from 'node:os';
import { ROOT } from './generate.js';
import { buildCli, buildScript } from './harness/compile.js';
import { describeMachine, machine } from './harness/machine.js';
import { ensureRepo } from './harness/repos.js';
import { formatProgress, formatTable } from './harness/table.js';
import { CannotRun, timeCold } from './harness/time-cold.js';
import type { BenchContext, BenchRepo, BenchSection, Row, TimeColdOptions } from './harness/types.js';

const SIZES = { full: { large: 10_000, small: 1_000 }, quick: { large: 2_000, small: 200 } } as const;

interface Loaded { file: string; section?: BenchSection; error?: string }

/**
 * Every bench/sections/<name>.ts, or only the named ones. A file that fails to load (a section
 * still being written, a command that does not exist yet) is reported; the others still run.
 */
async function loadSections(only?: readonly string[]): Promise<Loaded[]> {
  const dir = join(ROOT, 'bench', 'sections');
  const files = readdirSync(dir).filter((x) => x.endsWith('.ts')).sort();
  const out: Loaded[] = [];
  for (const f of files) {
    const name = f.replace(/\.ts$/, '');
    if (only && !only.includes(name)) continue;
    try {
      const mod = (await import(pathToFileURL(join(dir, f)).href)) as { default?: BenchSection };
      if (!mod.default?.name || typeof mod.default.run !== 'function') out.push({ file: name, error: `bench/sections/${f} must export default { name, run(ctx) }` });
      else out.push({ file: name, section: mod.default });
    } catch (e) {
      out.push({ file: name, error: `bench/sections/${f} failed to load: ${(e as Error).message}` });
    }
  }
  const order = (l: Loaded) => l.section?.order ?? 100;
  return out.sort((a, b) => order(a) - order(b) || a.file.localeCompare(b.file));
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      fresh: { type: 'boolean', default: false },
      runs: { type: 'string', default: '3' },
      section: { type: 'string', multiple: true },
      cli: { type: 'string' },
      'commits-per-incident': { type: 'string', default: '2' },
      list: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  process.chdir(ROOT);
  if (values.help) {
    process.stdout.write('usage: npm run bench -- [--quick] [--fresh] [--runs N] [--section a,b] [--cli PATH] [--commits-per-incident N] [--list]\nDocs: docs/bench.md\n');
    return 0;
  }
  const wanted = values.section?.flatMap((s) => s.split(',')).map((s) => s.trim()).filter(Boolean);
  const known = readdirSync(join(ROOT, 'bench', 'sections')).filter((f) => f.endsWith('.ts')).map((f) => f.replace(/\.ts$/, ''));
  const unknown = wanted?.filter((w) => !known.includes(w)) ?? [];
  if (unknown.length) throw new CannotRun(`unknown section ${unknown.join(', ')}; known: ${known.join(', ')}`);
  const sections = await loadSections(wanted);
  if (values.list) {
    for (const l of sections) process.stdout.write(`${l.file.padEnd(12)} ${l.section?.summary ?? l.error ?? ''}\n`);
    return 0;
  }
  const runs = Number(values.runs);
  const perIncident = Number(values['commits-per-incident']);
  if (!Number.isInteger(runs) || runs < 1) throw new CannotRun(`--runs must be a whole number ≥ 1, not ${values.runs}`);
  if (!Number.isInteger(perIncident) || perIncident < 2) throw new CannotRun('--commits-per-incident must be a whole number ≥ 2');

  const benchDir = join(ROOT, '.bench');
  const m = machine();
  const sizes = values.quick ? SIZES.quick : SIZES.full;
  const log = (msg: string) => process.stdout.write(`${msg}\n`);
  log(`sitrep bench${values.quick ? ' (quick)' : ''}: best of ${runs} cold runs\n${describeMachine(m)}\n`);

  const buildDir = join(benchDir, 'build');
  let cli: string;
  if (values.cli) cli = resolve(values.cli);
  else {
    const t0 = performance.now();
    cli = await buildCli(ROOT, buildDir);
    log(`built the CLI from the working tree into ${cli} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }

  const repos = {} as Record<BenchRepo['key'], BenchRepo>;
  for (const key of ['small', 'large'] as const) {
    repos[key] = await ensureRepo(ROOT, benchDir, { key, options: { incidents: sizes[key] }, commitsPerIncident: perIncident }, values.fresh, log);
  }

  const rows: Row[] = [];
  const scripts = new Map<string, Promise<string>>();
  const ctx: BenchContext = {
    root: ROOT,
    quick: values.quick,
    runs,
    repos,
    node: process.execPath,
    cli,
    timeCold: (cmd, args, opts: TimeColdOptions = {}) => timeCold(cmd, args, { runs, ...opts }),
    sitrep: (args, opts = {}) => timeCold(process.execPath, [cli, ...args], { runs, ...opts }),
    script(name) {
      if (!scripts.has(name)) scripts.set(name, buildScript(ROOT, join('bench', 'baselines', `${name}.ts`), join(buildDir, 'baselines', `${name}.mjs`)));
      return scripts.get(name)!;
    },
    baselines: {},
    scratch(name) {
      const dir = join(benchDir, 'scratch', name);
      mkdirSync(dir, { recursive: true });
      return dir;
    },
    row(r) {
      rows.push(r);
      log(formatProgress(r));
    },
    log,
  };

  log('\nbaseline: read and parse every managed file with yaml (one process, sequential)');
  const baseline = await ctx.script('read-parse-yaml');
  const small = await ctx.timeCold(process.execPath, [baseline, repos.small.dir]);
  const large = await ctx.timeCold(process.execPath, [baseline, repos.large.dir]);
  ctx.baselines.readParseYaml = { small, large };
  for (const [key, t] of [['small', small], ['large', large]] as const) {
    ctx.row({ section: 'baseline', name: 'read+parse (yaml)', size: repos[key].incidents, seconds: t.seconds, cpuSeconds: t.cpuSeconds, rssMB: t.rssMB, note: `${(repos[key].bytes / 1024 ** 2).toFixed(0)} MB in ${repos[key].files.toLocaleString('en-US')} files` });
  }

  // A section that cannot run is reported and the others still run; the exit code says so at the end.
  const failed: string[] = [];
  for (const { file, section, error } of sections) {
    if (!section) {
      failed.push(file);
      log(`\n${file}: cannot load: ${error}`);
      continue;
    }
    log(`\n${section.name}${section.summary ? `: ${section.summary}` : ''}`);
    try {
      await section.run(ctx);
    } catch (e) {
      failed.push(section.name);
      const err = e as Error;
      log(`  ${section.name} cannot run: ${e instanceof CannotRun ? err.message : err?.stack ?? String(e)}`);
    }
  }

  const targeted = rows.filter((r) => r.pass !== undefined);
  const missed = targeted.filter((r) => !r.pass);
  const table = formatTable(rows);
  const load = loadavg().map((x) => x.toFixed(2)).join(' ');
  log(`\n${table}\n\n${targeted.length - missed.length} of ${targeted.length} targets met${missed.length ? `; missed: ${missed.map((r) => `${r.section} ${r.name}`).join(', ')}` : ''}. Load at end: ${load}.`);
  mkdirSync(benchDir, { recursive: true });
  writeFileSync(join(benchDir, 'results.json'), `${JSON.stringify({ date: new Date().toISOString(), quick: values.quick, runs, machine: m, loadAtEnd: loadavg(), repos, rows }, null, 2)}\n`);
  writeFileSync(join(benchDir, 'results.md'), `${describeMachine(m)}\n\n${table}\n`);
  log(`Written: .bench/results.json, .bench/results.md`);
  if (failed.length) {
    log(`Could not run: ${failed.join(', ')}`);
    return 1;
  }
  return 0;
}

main().then(
  (code) => { process.exitCode = code; },
  (e: unknown) => {
    process.stderr.write(`bench: ${e instanceof CannotRun ? e.message : (e as Error)?.stack ?? String(e)}\n`);
    process.exitCode = 1;
  },
);
