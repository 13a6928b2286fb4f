import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { MiddlewareHandler } from 'hono';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.map': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
};

/** Paths the single-page app never answers: the API, the provider endpoint and the probes. */
const SERVER_PATHS = /^\/(api|SMSReceiver|healthz|readyz)(\/|$)/;

export interface ServeEditorOptions {
  /** The editor's build output (vite's outDir). */
  root?: string;
}

const DEFAULT_ROOT = fileURLToPath(new URL('../../dist/editor', import.meta.url));

/**
 * Serves the built web UI: hashed files under /assets/ are cached for a year, everything else
 * (index.html above all) is revalidated on every load, and any other GET falls back to
 * index.html so client-side routes survive a reload.
 */
export function serveEditor(options: ServeEditorOptions = {}): MiddlewareHandler {
  const root = options.root ?? DEFAULT_ROOT;
  return async function serveEditorFiles(c, next) {
    const method = c.req.method;
    const path = decodePath(new URL(c.req.url).pathname);
    if ((method !== 'GET' && method !== 'HEAD') || path === undefined || SERVER_PATHS.test(path)) return next();

    const isFile = extname(path) !== '';
    // A path with an extension is a file or nothing; any other path is a route of the app.
    const served = await findFile(root, isFile ? path : '/index.html');
    if (served === undefined) {
      if (isFile) return next();
      return c.html(NOT_BUILT_PAGE, 503, { 'Cache-Control': 'no-store' });
    }

    const etag = `W/"${served.size.toString(16)}-${Math.floor(served.mtimeMs).toString(16)}"`;
    const immutable = served.relative.startsWith('/assets/');
    const headers: Record<string, string> = {
      'Content-Type': CONTENT_TYPES[extname(served.relative)] ?? 'application/octet-stream',
      'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      ETag: etag,
    };
    const compressible = COMPRESSIBLE.has(extname(served.relative));
    if (compressible) headers.Vary = 'Accept-Encoding';
    if (c.req.header('if-none-match') === etag) return c.body(null, 304, headers);
    if (method === 'HEAD') return c.body(null, 200, headers);
    const content = await readFile(served.absolute);
    if (compressible && /\bgzip\b/.test(c.req.header('accept-encoding') ?? '')) {
      headers['Content-Encoding'] = 'gzip';
      return c.body(gzipped(served.absolute, etag, content), 200, headers);
    }
    return c.body(new Uint8Array(content), 200, headers);
  };
}

const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.svg', '.map', '.txt']);
const gzipCache = new Map<string, { etag: string; body: Uint8Array<ArrayBuffer> }>();

/** Files of a build never change under the same etag, so each is compressed once. */
function gzipped(path: string, etag: string, content: Buffer): Uint8Array<ArrayBuffer> {
  const cached = gzipCache.get(path);
  if (cached?.etag === etag) return cached.body;
  const body = new Uint8Array(gzipSync(content, { level: 6 }));
  gzipCache.set(path, { etag, body });
  return body;
}

interface FoundFile {
  absolute: string;
  relative: string;
  size: number;
  mtimeMs: number;
}

async function findFile(root: string, path: string): Promise<FoundFile | undefined> {
  const absolute = normalize(join(root, path));
  // Refuses anything that would leave the build directory.
  if (!absolute.startsWith(root + sep)) return undefined;
  try {
    const info = await stat(absolute);
    if (!info.isFile()) return undefined;
    return { absolute, relative: path, size: info.size, mtimeMs: info.mtimeMs };
  } catch {
    return undefined;
  }
}

function decodePath(pathname: string): string | undefined {
  try {
    const decoded = decodeURIComponent(pathname);
    return decoded.includes('\0') ? undefined : decoded;
  } catch {
    return undefined;
  }
}

const NOT_BUILT_PAGE = `<!doctype html><meta charset="utf-8"><title>Switchboard</title>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 4rem auto; color: #1f2937">
<h1>The web UI is not built</h1>
<p>Build it with <code>npm run build:editor</code> (or start the server with <code>npm start</code>, which builds it when needed), then reload this page.</p>
<p>The API answers under <code>/api</code> meanwhile.</p></body>`;
