/**
 * Browser test support: the built site served over HTTP on 127.0.0.1 under its base path (as
 * GitHub Pages serves a project site), and Debian's chromium driven by playwright-core.
 */
import { createServer, type Server } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { chromium, type Browser } from 'playwright-core';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.css': 'text/css; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json', '.xml': 'application/atom+xml', '.svg': 'image/svg+xml',
};

export interface SiteServer { origin: string; url(path?: string): string; close(): Promise<void>; requests: string[] }

/** Serves `dir` at `http://127.0.0.1:<port><basePath>`; anything outside the base path, or missing, is a 404 (with 404.html). */
export async function serveSite(dir: string, basePath: string): Promise<SiteServer> {
  const requests: string[] = [];
  const server: Server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    requests.push(path);
    const send = async (file: string, status = 200) => {
      res.writeHead(status, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
      res.end(await readFile(file));
    };
    if (path.startsWith(basePath)) {
      let rel = path.slice(basePath.length);
      if (rel === '' || rel.endsWith('/')) rel += 'index.html';
      const abs = normalize(join(dir, rel));
      if (abs.startsWith(dir + sep) && (await stat(abs).catch(() => undefined))?.isFile()) return send(abs);
    }
    await send(join(dir, '404.html'), 404);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const port = (server.address() as { port: number }).port;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    requests,
    url: (p = '') => `${origin}${basePath}${p}`,
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}

export const CHROMIUM = process.env.SITREP_CHROMIUM ?? '/usr/bin/chromium';

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic', '--no-first-run', '--disable-component-update', '--disable-sync'],
  });
}
