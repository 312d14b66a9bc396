/** What a bench section gets and gives. A section is one file in bench/sections/ exporting a BenchSection as default. */

/** One timed thing, measured as fresh processes. */
export interface Timing {
  /** Best (lowest) wall-clock seconds over the runs. */
  seconds: number;
  /** Every run's seconds, in order. */
  all: number[];
  /** User + system CPU seconds of the best run (GNU time only). Steadier than wall time on a busy machine. */
  cpuSeconds?: number;
  /** Highest peak RSS over the runs, in MB (MiB), or undefined when it could not be measured. */
  rssMB?: number;
  /** How the RSS was measured: GNU time's %M, or polling /proc (a lower bound). */
  rssSource?: 'gnu-time' | 'proc-poll';
  /** Exit code of the last run. */
  code: number;
  /** stdout of the last run (when captured). */
  stdout: string;
  stderr: string;
}

export interface TimeColdOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Runs to take the best of; the bench's --runs by default. */
  runs?: number;
  /** Exit codes that mean "it ran" (default [0]); any other code stops the bench: it cannot run. */
  okCodes?: readonly number[];
  /** Keep stdout (default true); turn off for commands that print a lot. */
  captureStdout?: boolean;
}

/** A generated incident repo (a git repository with history). */
export interface BenchRepo {
  /** `large` is the 10,000-incident repo (2,000 with --quick), `small` the 1,000 one (200). */
  key: 'large' | 'small';
  dir: string;
  incidents: number;
  files: number;
  bytes: number;
  commits: number;
  byStatus: Record<string, number>;
}

/** One line of the results table. Leave out what does not apply. */
export interface Row {
  section: string;
  name: string;
  /** Incidents in the repo measured, or a label. */
  size?: number | string;
  seconds?: number;
  cpuSeconds?: number;
  rssMB?: number;
  /** seconds / the baseline's seconds (or any other ratio the target is written in). */
  ratio?: number;
  /** cpuSeconds / the baseline's cpuSeconds: the same comparison, steadier on a shared machine. */
  cpuRatio?: number;
  /** What the ratio is against, e.g. "read+parse". */
  vs?: string;
  /** The target as text, e.g. "≤ 1.5×", "< 1024 MB". */
  target?: string;
  /** Whether the target is met; undefined when the row has no target. */
  pass?: boolean;
  note?: string;
}

export interface BenchContext {
  /** Project root. */
  root: string;
  quick: boolean;
  runs: number;
  repos: { large: BenchRepo; small: BenchRepo };
  /** The node binary the children run on. */
  node: string;
  /** The bundled CLI the bench runs (`node <cli> …`): built from the working tree unless --cli is given. */
  cli: string;
  /** Times `cmd args` as fresh processes: best of `runs`, with peak RSS. Throws when it cannot run. */
  timeCold(cmd: string, args: readonly string[], opts?: TimeColdOptions): Promise<Timing>;
  /** `timeCold(node, [cli, ...args])`. */
  sitrep(args: readonly string[], opts?: TimeColdOptions): Promise<Timing>;
  /** Path of bench/baselines/<name>.ts bundled into plain JS (so a baseline starts as fast as the CLI). */
  script(name: string): Promise<string>;
  /** Baselines measured in this run, by name then repo key. `readParseYaml` is always there. */
  baselines: Record<string, { large: Timing; small: Timing }>;
  /** A folder for the section's own scratch files (kept between runs, under .bench/). */
  scratch(name: string): string;
  /** Adds a line to the results table (and prints it). */
  row(r: Row): void;
  log(message: string): void;
}

export interface BenchSection {
  name: string;
  /** Sections run in this order (then by name); validate is 10. */
  order?: number;
  /** One line for --list. */
  summary?: string;
  run(ctx: BenchContext): Promise<void>;
}
