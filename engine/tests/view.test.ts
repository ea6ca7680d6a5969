/**
 * racehunt view's server, through its JSON API as the page calls it (the page itself, in a real
 * browser, is engine/tests/view.deep.test.ts): a path's state, verdicts and enabled actions; a
 * committed trace opened as a path; a replay on another variant and where it parts; a search from
 * a state; and what it refuses (another host, a file outside its folders, a model a trace names
 * but nobody loaded).
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromCatalog } from '../project/load.ts';
import { startView, type ViewServer } from '../view/server.ts';
import { catalog } from '../../models/index.ts';
import { FIXTURES } from './helpers.ts';

let server: ViewServer;
beforeAll(async () => {
  server = await startView({
    models: Object.keys(catalog).map((n) => fromCatalog(catalog, n)),
    tracesRoots: ['shrunk-traces'],
    traceFiles: [`${FIXTURES}/lost-update.trace.json`],
  });
});
afterAll(() => server.close());

const get = async (path: string) => {
  const res = await fetch(new URL(path, server.url));
  return { status: res.status, body: (await res.json()) as Record<string, unknown> & { error?: string } };
};
const view = async (q: string) => (await get(`/api/view?${q}`)).body as unknown as ViewJson;

interface ViewJson {
  address: { path: number[]; cursor: number; variant: string };
  steps: { actor: string; description: string }[];
  lanes: string[];
  state: { register: number; acknowledged: number };
  changed: { path: (string | number)[] }[];
  verdicts: { name: string; status: string; message: string | null }[];
  enabled: { choice: number; actor: string; description: string }[];
  firstBroken: { step: number; property: string } | null;
  series: { name: string; values: (number | string | null)[] }[];
}

const verdict = (v: ViewJson, name: string) => v.verdicts.find((x) => x.name === name);

describe('racehunt view: the server', () => {
  it('listens on 127.0.0.1 on a port of its own', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
  });

  it('shows the state of a path: verdicts, the enabled actions, what the last step changed', async () => {
    const start = await view('model=register&variant=read-modify-write');
    expect(start.enabled.map((e) => e.description)).toEqual(['client 1 reads 0', 'client 2 reads 0']);
    // Both read 0, then both write 1: the lost update.
    const [r1, r2] = start.enabled.map((e) => e.choice);
    const afterReads = await view(`model=register&variant=read-modify-write&path=${r1}.${r2}`);
    const [w1, w2] = afterReads.enabled.map((e) => e.choice);
    const lost = await view(`model=register&variant=read-modify-write&path=${r1}.${r2}.${w1}.${w2}`);
    expect(lost.steps.map((s) => s.description)).toEqual([
      'client 1 reads 0',
      'client 2 reads 0',
      'client 1 writes 1 (register was 0)',
      'client 2 writes 1 (register was 1)',
    ]);
    expect(lost.state).toMatchObject({ register: 1, acknowledged: 2 });
    expect(verdict(lost, 'no-lost-update')).toMatchObject({
      status: 'broken',
      message: expect.stringMatching(/register is 1/),
    });
    expect(verdict(lost, 'all-clients-done')).toMatchObject({ status: 'reached', message: 'at step 4' });
    expect(lost.changed.map((c) => c.path.join('.'))).toContain('acknowledged');
    expect(lost.firstBroken).toEqual({ step: 4, property: 'no-lost-update', message: expect.any(String) });
    expect(lost.lanes).toEqual(['client 1', 'client 2']);
    // The cursor moves back along the same path: one step earlier the property held.
    const back = await view(`model=register&variant=read-modify-write&path=${r1}.${r2}.${w1}.${w2}&cursor=3`);
    expect(verdict(back, 'no-lost-update')?.status).toBe('holds');
    expect(back.address.path).toHaveLength(4);
  });

  it('refuses a path the model does not allow, in one line', async () => {
    const r = await get('/api/view?model=register&variant=read-modify-write&path=2');
    expect(r.status).toBe(400);
    expect(r.body.error).toMatch(
      /^step 1 of the path, clientWritesIncrement\(1\), is not allowed in variant read-modify-write/,
    );
  });

  it('opens a committed trace as a path that ends where the property broke', async () => {
    const file = 'shrunk-traces/dns/as-2025/endpoint-never-empty.json';
    const trace = JSON.parse(readFileSync(file, 'utf8')) as { steps: unknown[]; message: string };
    const opened = (await get(`/api/trace?file=${encodeURIComponent(file)}`)).body as {
      address: { model: string; variant: string; params: Record<string, number>; path: number[] };
      message: string;
    };
    expect(opened.message).toBe(trace.message);
    expect(opened.address.path).toHaveLength(trace.steps.length);
    const q = new URLSearchParams({
      model: opened.address.model,
      variant: opened.address.variant,
      params: Object.entries(opened.address.params)
        .map(([k, v]) => `${k}=${v}`)
        .join(','),
      path: opened.address.path.join('.'),
    });
    const v = await view(q.toString());
    expect(verdict(v, 'endpoint-never-empty')).toMatchObject({ status: 'broken', message: trace.message });
    // Replayed on toctou-fix, the steps part where the fix refuses one; on fixed, every step is
    // allowed but one does otherwise, and the endpoint never empties.
    const get2 = async (to: string) =>
      (await get(`/api/replay?${q}&to=${to}`)).body as {
        blocked: number | null;
        differs: number | null;
        summary: string;
        address: { path: number[] };
      };
    const partial = await get2('toctou-fix');
    expect(partial.summary).toMatch(/^on toctou-fix, step \d+ \(.*\) is not allowed there/);
    expect(partial.address.path).toHaveLength((partial.blocked as number) - 1);
    const fixed = await get2('fixed');
    expect(fixed).toMatchObject({ blocked: null, differs: expect.any(Number) });
    expect(fixed.summary).toMatch(
      /^on fixed, every step is allowed, but step \d+ does otherwise: ".*" where as-2025 has ".*"$/,
    );
    const onFixed = await view(
      new URLSearchParams({
        ...Object.fromEntries(q),
        variant: 'fixed',
        path: fixed.address.path.join('.'),
      }).toString(),
    );
    expect(verdict(onFixed, 'endpoint-never-empty')?.status).toBe('holds');
  });

  it('searches from a state and opens what it finds', async () => {
    const r = (
      await get('/api/search?model=register&variant=read-modify-write&path=0&how=check&property=no-lost-update')
    ).body as { found: boolean; summary: string; address: { path: number[]; cursor: number } };
    expect(r.found).toBe(true);
    expect(r.summary).toMatch(/^check from step 1: no-lost-update broken 3 steps further \(shortest/);
    expect(r.address.path[0]).toBe(0);
    expect(r.address.path).toHaveLength(4);
    const v = await view(`model=register&variant=read-modify-write&path=${r.address.path.join('.')}`);
    expect(verdict(v, 'no-lost-update')?.status).toBe('broken');
  });

  it('charts a timed model: one series per column, a value per state of the path', async () => {
    const v = await view('model=dwfm&variant=as-2025');
    expect(v.series.map((s) => s.name)).toContain('queue');
    for (const s of v.series) expect(s.values).toHaveLength(1);
  });

  it('answers only requests for its own host (no DNS rebinding)', async () => {
    const url = new URL('/api/models', server.url);
    const { request } = await import('node:http');
    const status = await new Promise<number>((done) =>
      request(
        { host: '127.0.0.1', port: url.port, path: url.pathname, headers: { host: `evil.example:${url.port}` } },
        (res) => {
          res.resume();
          done(res.statusCode ?? 0);
        },
      ).end(),
    );
    expect(status).toBe(403);
  });

  it('reads no file outside its traces folders and the files it was given', async () => {
    for (const file of ['/etc/passwd', 'package.json', 'shrunk-traces/../package.json']) {
      const r = await get(`/api/trace?file=${encodeURIComponent(file)}`);
      expect(r.status).toBe(400);
      expect(r.body.error).toMatch(/is not a trace this page may open/);
    }
    expect((await get(`/api/trace?file=${encodeURIComponent(`${FIXTURES}/lost-update.trace.json`)}`)).status).toBe(200);
  });

  it('never imports a module a trace names: a trace of an unloaded module is refused', async () => {
    const trace = JSON.parse(readFileSync(`${FIXTURES}/lost-update.trace.json`, 'utf8')) as Record<string, unknown>;
    const res = await fetch(new URL('/api/trace', server.url), {
      method: 'POST',
      body: JSON.stringify({ ...trace, model: './evil-model.ts' }),
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toMatch(
      /the trace's model \.\/evil-model\.ts is not loaded here: start racehunt view with that module named on the command line/,
    );
  });
});
