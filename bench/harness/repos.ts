/**
 * Generated repos are cached in .bench/<hash>/, the hash taken over the generator options, the
 * config it copies, the history budget and the generator's own source: change any of them and
 * the repo is made again. `meta.json` is written last, so a half-made repo is never reused.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateHistory, generateRepo, resolveOptions, type GenerateOptions } from '../generate.js';
import type { BenchRepo } from './types.js';

export interface RepoSpec {
  key: BenchRepo['key'];
  options: GenerateOptions;
  commitsPerIncident: number;
}

function generatorSourceHash(root: string): string {
  const h = createHash('sha256');
  const files = [join(root, 'bench/generate.ts'), ...readdirSync(join(root, 'bench/gen')).sort().map((f) => join(root, 'bench/gen', f))];
  for (const f of files) h.update(f.slice(root.length)).update(readFileSync(f));
  return h.digest('hex');
}

export function repoHash(root: string, spec: RepoSpec): string {
  const { configPath, ...options } = resolveOptions(spec.options);
  return createHash('sha256')
    .update(JSON.stringify({ options, commitsPerIncident: spec.commitsPerIncident }))
    .update(readFileSync(configPath))
    .update(generatorSourceHash(root))
    .digest('hex')
    .slice(0, 12);
}

export async function ensureRepo(root: string, benchDir: string, spec: RepoSpec, fresh: boolean, log: (m: string) => void): Promise<BenchRepo> {
  const home = join(benchDir, repoHash(root, spec));
  const metaFile = join(home, 'meta.json');
  if (!fresh && existsSync(metaFile)) {
    const meta = JSON.parse(readFileSync(metaFile, 'utf8')) as BenchRepo;
    log(`repo ${spec.key}: ${meta.incidents.toLocaleString('en-US')} incidents, ${meta.commits.toLocaleString('en-US')} commits (cached in ${home})`);
    return { ...meta, key: spec.key, dir: join(home, 'repo') };
  }
  rmSync(home, { recursive: true, force: true });
  mkdirSync(home, { recursive: true });
  const dir = join(home, 'repo');
  const n = resolveOptions(spec.options).incidents;
  log(`repo ${spec.key}: generating ${n.toLocaleString('en-US')} incidents into ${dir} …`);
  const g = generateRepo(dir, spec.options);
  log(`  ${g.files.toLocaleString('en-US')} files, ${(g.bytes / 1024 ** 2).toFixed(1)} MB in ${g.seconds.toFixed(1)} s; statuses ${JSON.stringify(g.byStatus)}`);
  const h = await generateHistory(dir, { commits: 1 + spec.commitsPerIncident * n });
  log(`  history: ${h.commits.toLocaleString('en-US')} commits (git fast-import) in ${h.seconds.toFixed(1)} s`);
  const repo: BenchRepo = { key: spec.key, dir, incidents: g.incidents, files: g.files, bytes: g.bytes, commits: h.commits, byStatus: g.byStatus };
  writeFileSync(metaFile, `${JSON.stringify({ ...repo, generatedSeconds: g.seconds, historySeconds: h.seconds }, null, 2)}\n`);
  return repo;
}
