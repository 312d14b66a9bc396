import type { BuildOptions } from 'esbuild';
export declare const buildOptions: (outdir?: string) => BuildOptions;
