/**
 * Scratch projects that install racehunt as a team would: `npm pack` (which builds dist/), then
 * the tarball installed with no network into projects of their own, where commands run as child
 * processes. Shared by install.deep.test.ts and package.deep.test.ts.
 *
 * No network: each project gets a package-lock.json made from this repository's (the same
 * versions of vitest, typescript and racehunt's dependencies), so `npm install --offline` finds
 * every package in the npm cache that `npm ci` filled. A lockfile is what makes that work: without
 * one, npm asks for each package's full registry document, which `npm ci` never fetches.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { expect } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');

export interface Ran {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Child processes see neither this vitest (its workers' variables) nor colour. */
const env = Object.fromEntries(
  Object.entries(process.env).filter(
    ([k]) => !k.startsWith('VITEST') && k !== 'RACEHUNT_UPDATE_TRACES' && k !== 'NODE_OPTIONS',
  ),
);
Object.assign(env, { FORCE_COLOR: '0', NO_COLOR: '1' });

export function run(command: string, args: readonly string[], cwd: string): Promise<Ran> {
  return new Promise((done, failed) => {
    const child = spawn(command, args, { cwd, env, shell: process.platform === 'win32' });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    child.on('error', failed);
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

/** npm and npx as the outer `npm test` ran them (its npm-cli.js, npx-cli.js beside it), else those on PATH. */
const npmCli = process.env.npm_execpath?.endsWith('npm-cli.js') ? process.env.npm_execpath : undefined;
export const npm = (args: readonly string[], cwd: string): Promise<Ran> =>
  npmCli ? run(process.execPath, [npmCli, ...args], cwd) : run('npm', args, cwd);
/** `npx <bin> …` as a user types it, never installing anything. */
export const npx = (args: readonly string[], cwd: string): Promise<Ran> =>
  npmCli
    ? run(process.execPath, [join(dirname(npmCli), 'npx-cli.js'), '--no', '--', ...args], cwd)
    : run('npx', ['--no', '--', ...args], cwd);

/** Everything a failed expectation needs to show. */
export const said = (r: Ran): string => `exit ${r.code}\n--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}`;

/** Packing builds dist/ (a full tsc run) and installs two projects: on a loaded CI machine, give it time (never a speed target). */
export const SETUP_TIMEOUT = 300_000;

/**
 * A project's kind: an ES module or CommonJS package with vitest, typescript and tsx (which Node 20
 * needs to run TypeScript models from the command line), or `bare`, racehunt alone, as measured.
 */
export type ProjectKind = 'module' | 'commonjs' | 'bare';

export interface Installed {
  /** The packed files, as `npm pack --json` lists them. */
  readonly files: readonly string[];
  /** Each project's folder, by name. */
  readonly projects: Readonly<Record<string, string>>;
  /** What each project's `npm install` printed (stdout and stderr), by name. */
  readonly said: Readonly<Record<string, string>>;
  /** Remove everything. */
  remove(): void;
}

/** Pack racehunt once and install the tarball into each project (ESM or CommonJS), in a scratch folder under the system's temp. */
export async function packAndInstall(projects: Readonly<Record<string, ProjectKind>>): Promise<Installed> {
  const scratch = mkdtempSync(join(tmpdir(), 'racehunt-package-'));
  try {
    const packed = await npm(['pack', '--json', '--pack-destination', scratch], ROOT);
    expect(packed.code, `npm pack: ${said(packed)}`).toBe(0);
    const [info] = JSON.parse(packed.stdout) as { filename: string; files: { path: string }[] }[];
    const tarball = join(scratch, info?.filename ?? '');
    const dirs = Object.fromEntries(
      Object.entries(projects).map(([name, type]) => [name, project(scratch, name, type)]),
    );
    const installs = await Promise.all(
      Object.values(dirs).map((dir) => npm(['install', '--offline', '--no-audit', '--no-fund', tarball], dir)),
    );
    for (const r of installs) expect(r.code, `npm install --offline: ${said(r)}`).toBe(0);
    const names = Object.keys(dirs);
    return {
      files: info?.files.map((f) => f.path) ?? [],
      projects: dirs,
      said: Object.fromEntries(installs.map((r, i) => [names[i], `${r.stdout}${r.stderr}`])),
      remove: () => rmSync(scratch, { recursive: true, force: true }),
    };
  } catch (e) {
    rmSync(scratch, { recursive: true, force: true });
    throw e;
  }
}

/** A project depending on vitest, typescript and tsx at this repository's versions (a bare one: nothing), locked to them. */
function project(scratch: string, name: string, kind: ProjectKind): string {
  const type = kind === 'commonjs' ? 'commonjs' : 'module';
  const dir = join(scratch, name);
  mkdirSync(dir);
  const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { version?: string }>;
  };
  const devDependencies = Object.fromEntries(
    (kind === 'bare' ? [] : ['vitest', 'typescript', 'tsx']).map((p) => [
      p,
      lock.packages[`node_modules/${p}`]?.version ?? '',
    ]),
  );
  const { '': _root, ...packages } = lock.packages;
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({ name, private: true, ...(type === 'module' ? { type } : {}), devDependencies }, null, 2),
  );
  writeFileSync(
    join(dir, 'package-lock.json'),
    JSON.stringify(
      { name, lockfileVersion: 3, requires: true, packages: { '': { name, devDependencies }, ...packages } },
      null,
      2,
    ),
  );
  return dir;
}

/** A user's model, in TypeScript: two clients each read a counter, then write it plus one. */
export const COUNTER_TS = `import { modelKit, range } from 'racehunt';
type Phase = 'idle' | 'done' | number;
const { action, always, model } = modelKit<{ readonly value: number; readonly phase: readonly Phase[] }, { readonly clients: number }, Record<string, never>>();
const args = ({ params }: { params: { readonly clients: number } }) => range(0, params.clients - 1);
export const counter = model({ name: 'counter', title: 'A lost update', doc: 'Each client reads the counter, then writes it plus one.', params: { clients: { default: 2, min: 1, max: 3, doc: 'clients' } }, variants: { racy: { doc: 'read, then write', switches: {} } },
  init: ({ params }) => ({ value: 0, phase: Array.from({ length: params.clients }, (): Phase => 'idle') }),
  actions: [action({ name: 'clientReads', actor: (c) => \`client \${c}\`, args, when: (s, c) => s.phase[c] === 'idle', step: (d, c) => { d.phase[c] = d.value; } }),
    action({ name: 'clientWrites', actor: (c) => \`client \${c}\`, args, when: (s, c) => typeof s.phase[c] === 'number', step: (d, c) => { d.value = (d.phase[c] as number) + 1; d.phase[c] = 'done'; } })],
  properties: [always({ name: 'no-lost-update', doc: 'the counter counts every client done', check: (s) => s.value === s.phase.filter((p) => p === 'done').length || \`value is \${s.value}\` })],
  ends: (s) => s.phase.every((p) => p === 'done') });
`;

/** The same model in CommonJS JavaScript: types erased, require and exports. */
export const COUNTER_JS = COUNTER_TS.replace(
  "import { modelKit, range } from 'racehunt';",
  "const { modelKit, range } = require('racehunt');",
)
  .replace(/^type Phase.*\n/m, '')
  .replace(/modelKit<.*>\(\)/, 'modelKit()')
  .replace(/: \{ params: \{ readonly clients: number \} \}/, '')
  .replace(/\(\): Phase =>/, '() =>')
  .replace(/ as number/, '')
  .replace('export const counter =', 'exports.counter =');

/** Its vitest file: the counterexample is expected. `model` is the import, `path` the model's path as the CLI takes it. */
export const counterTest = (model: string, path: string): string => `import { expect, it } from 'vitest';
import { fromModule } from 'racehunt';
import { expectCounterexample } from 'racehunt/vitest';
import * as counter from '${model}';

it('finds the lost update in 4 steps', () => {
  const trace = expectCounterexample(fromModule(counter, '${path}'), 'racy', 'no-lost-update');
  expect(trace.steps).toHaveLength(4);
});
`;

/** A red test: it claims the racy counter is safe. */
export const redCounterTest = (model: string, path: string): string => `import { it } from 'vitest';
import { fromModule } from 'racehunt';
import { expectSurvives } from 'racehunt/vitest';
import * as counter from '${model}';

it('the counter counts every client', () => {
  expectSurvives(fromModule(counter, '${path}'), 'racy', 'no-lost-update');
});
`;

/** What the hunt of the counter prints first. */
export const COUNTER_FOUND = (path: string): string => `✗ no-lost-update broken in ${path} / racy after 4 steps`;
