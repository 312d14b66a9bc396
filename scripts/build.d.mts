import type { BuildOptions } from 'esbuild';
export declare const cliEntries: { in: string; out: string }[];
export declare const buildOptions: (outdir?: string) => BuildOptions;
