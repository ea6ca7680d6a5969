/**
 * The explorer's local server: the page (engine/view/page/, plain HTML, CSS and JavaScript, no
 * framework) and a small JSON API that computes each view from the address the page's URL holds.
 *
 * Safety, as a local tool that reads traces from anywhere must have it:
 * - it listens on 127.0.0.1 only, and answers only requests addressed to that host (or localhost)
 *   at its port, so that a web page elsewhere cannot reach it through a rebound DNS name;
 * - it runs only models already loaded when it started: the catalog's, and modules named on the
 *   command line. A trace names its model, but that name is only looked up among those, never
 *   imported (as replay does: project/load.ts);
 * - it reads trace files only under the traces folders it was given and the trace files named on
 *   the command line (a link cannot make it read another file), and takes an uploaded trace as
 *   data, validated like any trace file;
 * - the page writes every text it shows with textContent, never as HTML.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, relative, resolve, sep, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RacehuntError, messageOf } from '../core/errors.ts';
import { loadTrace, looksLikePath, validateTrace, type Trace } from '../core/trace.ts';
import type { LoadedModel } from '../project/load.ts';
import { searchFrom } from './search.ts';
import { addressOfTrace, describeModel, modelOf, replayOn, viewAt, type Address } from './session.ts';

export interface ViewOptions {
  readonly models: readonly LoadedModel[];
  /** Folders whose trace files the page may open (recursively). */
  readonly tracesRoots: readonly string[];
  /** Trace files named on the command line. */
  readonly traceFiles: readonly string[];
  /** 0 (default): a free port, chosen by the system. */
  readonly port?: number;
}

export interface ViewServer {
  readonly url: string;
  close(): Promise<void>;
}

const PAGE = fileURLToPath(new URL('./page/', import.meta.url));
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};
/** An uploaded trace larger than this is refused before it is read whole. */
const MAX_UPLOAD = 16 * 1024 * 1024;

export async function startView(opts: ViewOptions): Promise<ViewServer> {
  const server = createServer((req, res) => {
    handle(req, res, opts, port).catch((e: unknown) => reply(res, 500, { error: messageOf(e) }));
  });
  let port = 0;
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(opts.port ?? 0, '127.0.0.1', () => done());
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}

async function handle(req: IncomingMessage, res: ServerResponse, opts: ViewOptions, port: number): Promise<void> {
  const host = req.headers.host ?? '';
  if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) {
    reply(res, 403, { error: `this server answers only requests for 127.0.0.1:${port}` });
    return;
  }
  const url = new URL(req.url ?? '/', `http://${host}`);
  try {
    if (req.method === 'POST' && url.pathname === '/api/trace') {
      const text = await body(req);
      let data: unknown;
      try {
        data = JSON.parse(text);
      } catch (e) {
        throw new RacehuntError('bad-trace', `the uploaded file is not valid JSON: ${messageOf(e)}`);
      }
      reply(res, 200, openTrace(validateTrace(data, 'the uploaded file'), null, opts));
      return;
    }
    if (req.method !== 'GET') {
      reply(res, 405, { error: `${req.method} is not served here` });
      return;
    }
    if (!url.pathname.startsWith('/api/')) {
      page(res, url.pathname);
      return;
    }
    reply(res, 200, api(url, opts));
  } catch (e) {
    reply(res, e instanceof RacehuntError ? 400 : 500, {
      error: e instanceof RacehuntError ? e.message : messageOf(e),
    });
  }
}

function api(url: URL, opts: ViewOptions): unknown {
  const q = url.searchParams;
  switch (url.pathname) {
    case '/api/models':
      return opts.models.map(describeModel);
    case '/api/view': {
      const a = address(q);
      return viewAt(modelOf(opts.models, a.model), a);
    }
    case '/api/traces':
      return listTraces(opts);
    case '/api/trace': {
      const file = q.get('file') ?? '';
      const path = allowedTrace(file, opts);
      return openTrace(loadTrace(path), path, opts);
    }
    case '/api/replay': {
      const a = address(q);
      return replayOn(modelOf(opts.models, a.model), a, q.get('to') ?? '');
    }
    case '/api/search': {
      const a = address(q);
      const how = q.get('how');
      if (how !== 'hunt' && how !== 'check') throw new RacehuntError('usage', 'how must be hunt or check');
      return searchFrom(modelOf(opts.models, a.model), a, { how, property: q.get('property') || undefined });
    }
    default:
      throw new RacehuntError('usage', `no such request: ${url.pathname}`);
  }
}

/** The address in a request: model, variant, params (k=v,k=v), path (i.j.k), cursor. */
function address(q: URLSearchParams): Address {
  const params: Record<string, number> = {};
  for (const kv of (q.get('params') ?? '').split(',').filter(Boolean)) {
    const m = /^([A-Za-z][\w-]*)=(-?\d+)$/.exec(kv);
    if (!m) throw new RacehuntError('usage', `params takes name=integer pairs, got "${kv}"`);
    params[m[1] as string] = Number(m[2]);
  }
  const path = (q.get('path') ?? '').split('.').filter(Boolean).map(Number);
  if (!path.every((i) => Number.isSafeInteger(i) && i >= 0))
    throw new RacehuntError('usage', `path takes choice numbers joined by ".", got "${q.get('path')}"`);
  const cursor = q.has('cursor') ? Number(q.get('cursor')) : path.length;
  return { model: q.get('model') ?? '', variant: q.get('variant') ?? '', params, path, cursor };
}

/** A trace file the page may read: under a traces folder, or named on the command line; a .json file. */
function allowedTrace(file: string, opts: ViewOptions): string {
  const abs = resolve(file);
  const named = opts.traceFiles.some((f) => resolve(f) === abs);
  const under = opts.tracesRoots.some((r) => {
    const rel = relative(resolve(r), abs);
    return rel !== '' && !rel.startsWith('..') && !rel.startsWith(sep) && !/^[A-Za-z]:/.test(rel);
  });
  if (!(named || (under && extname(abs) === '.json')))
    throw new RacehuntError(
      'usage',
      `${file} is not a trace this page may open (named on the command line, or under ${opts.tracesRoots.join(', ') || 'no traces folder'})`,
    );
  return abs;
}

/** A trace's address on its model, if that model is loaded here (never imported because the trace names it). */
function openTrace(trace: Trace, file: string | null, opts: ViewOptions) {
  const where = file === null ? 'the uploaded file' : shown(file);
  const l = modelForTrace(trace, file, opts);
  return {
    file: file === null ? null : shown(file),
    property: trace.property,
    outcome: trace.outcome,
    message: trace.message,
    address: addressOfTrace(l, trace, where),
  };
}

function modelForTrace(trace: Trace, file: string | null, opts: ViewOptions): LoadedModel {
  if (!looksLikePath(trace.model) || trace.found.by === 'schedule') {
    const byName = opts.models.find((m) => m.ref === trace.model || m.model.name === trace.model);
    if (byName) return byName;
    throw new RacehuntError(
      'unknown-name',
      `the trace's model "${trace.model}" is not loaded here: start racehunt view with its module named on the command line`,
    );
  }
  const [path = ''] = trace.model.split('#');
  const wanted = file === null ? null : resolve(dirname(file), path);
  const byPath = opts.models.find(
    (m) => looksLikePath(m.ref) && wanted !== null && resolve(m.ref.split('#')[0] ?? '') === wanted,
  );
  const byModelName = opts.models.filter((m) => looksLikePath(m.ref) && m.model.name === modelName(trace));
  const l = byPath ?? (byModelName.length === 1 ? byModelName[0] : undefined);
  if (!l)
    throw new RacehuntError(
      'unknown-name',
      `the trace's model ${trace.model} is not loaded here: start racehunt view with that module named on the command line (it is never imported because a trace names it)`,
    );
  return l;
}

/** The name a trace's module path suggests: the folder of a model.ts, else the file's name. */
function modelName(trace: Trace): string {
  const parts = (trace.model.split('#')[0] ?? '').split('/');
  const file = (parts.pop() ?? '').replace(/\.[^.]+$/, '');
  return file === 'model' || file === 'index' ? (parts.pop() ?? file) : file;
}

function listTraces(opts: ViewOptions) {
  const files = new Set(opts.traceFiles.map((f) => resolve(f)));
  for (const root of opts.tracesRoots) for (const f of jsonFiles(resolve(root))) files.add(f);
  return [...files].sort().map((f) => {
    try {
      const t = loadTrace(f);
      return {
        file: shown(f),
        model: t.model,
        variant: t.variant,
        property: t.property.name,
        outcome: t.outcome,
        steps: t.steps.length,
        by: t.found.by,
      };
    } catch (e) {
      return { file: shown(f), error: messageOf(e) };
    }
  });
}

function jsonFiles(dir: string): string[] {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) return [];
  return (readdirSync(dir, { recursive: true }) as string[])
    .filter((f) => f.endsWith('.json'))
    .map((f) => join(dir, f));
}

const shown = (file: string): string => {
  const rel = relative(process.cwd(), file);
  return rel.startsWith('..') ? file : rel.split(sep).join('/');
};

function page(res: ServerResponse, pathname: string): void {
  const name = pathname === '/' ? 'index.html' : pathname.slice(1);
  const type = TYPES[extname(name)];
  if (!/^[a-z-]+\.(html|js|css)$/.test(name) || !type || !existsSync(join(PAGE, name))) {
    reply(res, 404, { error: `no such page: ${pathname}` });
    return;
  }
  res.writeHead(200, {
    'content-type': type,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'content-security-policy': "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'",
  });
  res.end(readFileSync(join(PAGE, name)));
}

function reply(res: ServerResponse, status: number, data: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(data));
}

function body(req: IncomingMessage): Promise<string> {
  return new Promise((done, fail) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_UPLOAD) {
        fail(new RacehuntError('bad-trace', `the uploaded file is larger than ${MAX_UPLOAD / 1024 / 1024} MB`));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => done(Buffer.concat(chunks).toString('utf8')));
    req.on('error', fail);
  });
}
