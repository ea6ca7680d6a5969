/**
 * racehunt as a team installs it (scratch.ts): `npm pack`, the tarball installed with no network
 * into an ESM TypeScript project and a CommonJS JavaScript one; in each, a model of its own hunted
 * by `npx racehunt` and tested by vitest through `racehunt/vitest`, and the `racehunt init`
 * starter run as it says; the TypeScript type-checked under the tsconfig `tsc --init` writes. The
 * rest (red tests, load errors, plain Node) is in package.deep.test.ts.
 */
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  COUNTER_FOUND,
  COUNTER_JS,
  COUNTER_TS,
  counterTest,
  npx,
  packAndInstall,
  said,
  SETUP_TIMEOUT,
  type Installed,
} from './scratch.ts';

let installed: Installed | undefined;
let esm = '';
let cjs = '';

beforeAll(async () => {
  installed = await packAndInstall({ 'esm-ts': 'module', 'cjs-js': 'commonjs', bare: 'bare' });
  ({ 'esm-ts': esm = '', 'cjs-js': cjs = '' } = installed.projects);
}, SETUP_TIMEOUT);
afterAll(() => installed?.remove());

describe('the tarball', () => {
  it('holds the built JavaScript, its declarations and the bin: no TypeScript sources, no tests', () => {
    const files = installed?.files ?? [];
    expect(files).toEqual(
      expect.arrayContaining([
        'package.json',
        'bin/racehunt.mjs',
        'dist/engine/index.js',
        'dist/engine/index.d.ts',
        'dist/engine/vitest.js',
        'dist/engine/vitest.d.ts',
        'dist/engine/project/worker.mjs',
        'dist/models/index.js',
        'dist/models/index.d.ts',
        'dist/models/dns/manifest.json',
        'dist/engine/view/server.js',
        'dist/engine/view/page/index.html',
        'dist/engine/view/page/app.js',
        'dist/engine/view/page/style.css',
      ]),
    );
    expect(files.filter((f) => /(^|\/)tests?\/|\.test\.|(?<!\.d)\.ts$/.test(f))).toEqual([]);
  });
});

describe('a bare install (racehunt alone)', () => {
  it("prints no warning and pulls in no esbuild (tsx is an optional peer dependency); its size is docs/install.md's", () => {
    const bare = installed?.projects.bare ?? '';
    expect(installed?.said.bare ?? '').not.toMatch(/warn/i);
    expect(existsSync(join(bare, 'node_modules/esbuild'))).toBe(false);
    expect(existsSync(join(bare, 'node_modules/tsx'))).toBe(false);
    const { bytes, files } = sizeOf(join(bare, 'node_modules'));
    // Measured the same way before: 15,677,530 bytes in 454 files (with tsx and esbuild). docs/install.md says both.
    expect(bytes).toBeLessThan(8_000_000);
    // What docs/install.md says, near enough that a patch release of a dependency does not make it wrong.
    const said = /racehunt is about ([\d.]+) MB in about ([\d,]+) files/.exec(readFileSync('docs/install.md', 'utf8'));
    expect(said, 'docs/install.md states the size').not.toBeNull();
    expect(Math.abs(Number(said?.[1]) * 1e6 - bytes), `measured ${bytes} bytes`).toBeLessThan(500_000);
    expect(Math.abs(Number(said?.[2]?.replace(/,/g, '')) - files), `measured ${files} files`).toBeLessThan(files / 10);
  });
  it('runs a TypeScript model by Node alone where Node can (22.18+), else says in one line to install tsx', async () => {
    const bare = installed?.projects.bare ?? '';
    writeFileSync(join(bare, 'model.ts'), COUNTER_TS);
    const r = await npx(['racehunt', 'hunt', './model.ts'], bare);
    if ((process as { features?: { typescript?: unknown } }).features?.typescript) {
      expect(r.code, said(r)).toBe(1);
      expect(r.stdout.replace(/\s+/g, ' ')).toContain(COUNTER_FOUND('./model.ts'));
    } else {
      expect(r.code, said(r)).toBe(2);
      expect(r.stderr.trim()).toBe(
        `racehunt: cannot load model module ./model.ts: Node ${process.versions.node} runs TypeScript only through tsx (npm install --save-dev tsx), or on its own from Node 22.18`,
      );
    }
  });
});

/** Bytes and files under a folder: each file's size, a hard-linked file (esbuild's binary was one) counted once. */
function sizeOf(dir: string): { bytes: number; files: number } {
  const seen = new Set<number>();
  let bytes = 0;
  let files = 0;
  for (const f of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!f.isFile()) continue;
    files++;
    const st = statSync(join(f.parentPath, f.name));
    if (seen.has(st.ino)) continue;
    seen.add(st.ino);
    bytes += st.size;
  }
  return { bytes, files };
}

// The two projects run side by side; the steps within each, in order.
describe.concurrent('installed', () => {
  describe.sequential('an ESM TypeScript project', () => {
    it('hunts its own model with npx racehunt (exit 1, the trace), and tests it with racehunt/vitest', async () => {
      writeFileSync(join(esm, 'model.ts'), COUNTER_TS);
      writeFileSync(join(esm, 'model.test.ts'), counterTest('./model.js', './model.ts'));
      const [hunt, tests] = await Promise.all([
        npx(['racehunt', 'hunt', './model.ts'], esm),
        npx(['vitest', 'run', 'model.test'], esm),
      ]);
      expect(hunt.code, said(hunt)).toBe(1);
      expect(hunt.stdout).toContain(COUNTER_FOUND('./model.ts'));
      expect(hunt.stdout).toContain('✗ no-lost-update: value is 1');
      expect(tests.code, said(tests)).toBe(0);
      expect(tests.stdout).toMatch(/Tests\s+1 passed/);
    });

    it('runs the racehunt init starter: its tests pass, its hunt finds the planted bug, and init never overwrites', async () => {
      const init = await npx(['racehunt', 'init'], esm);
      expect(init.code, said(init)).toBe(0);
      expect(init.stdout).toContain(
        'wrote racehunt/account/model.ts, racehunt/account/manifest.json, racehunt/account/account.test.ts',
      );
      const [tests, hunt, again] = await Promise.all([
        npx(['vitest', 'run', 'racehunt/account'], esm),
        npx(['racehunt', 'hunt', './racehunt/account/model.ts'], esm),
        npx(['racehunt', 'init'], esm),
      ]);
      expect(tests.code, said(tests)).toBe(0);
      expect(tests.stdout).toMatch(/Tests\s+2 passed/);
      expect(hunt.code, said(hunt)).toBe(1);
      // The headline wraps at 80 columns off a terminal: looked for across the line break.
      expect(hunt.stdout.replace(/\s+/g, ' ')).toContain(
        '✗ never-overdrawn broken in ./racehunt/account/model.ts / default after 4 steps',
      );
      expect(again.code).toBe(2);
      expect(again.stderr).toMatch(/^racehunt: racehunt\/account\/model\.ts, .* already exist: nothing written .*\n$/);
    });

    it('type-checks its model, its tests and the starter under the tsconfig tsc --init writes', async () => {
      const init = await npx(['tsc', '--init'], esm);
      expect(init.code, said(init)).toBe(0);
      const tsc = await npx(['tsc', '--noEmit', '-p', '.'], esm);
      expect(tsc.code, said(tsc)).toBe(0);
    });
  });

  describe.sequential('a CommonJS JavaScript project', () => {
    it('hunts its own CommonJS model with npx racehunt (exit 1, the trace), and tests it with racehunt/vitest', async () => {
      writeFileSync(join(cjs, 'model.js'), COUNTER_JS);
      writeFileSync(join(cjs, 'model.test.js'), counterTest('./model.js', './model.js'));
      const [hunt, tests] = await Promise.all([
        npx(['racehunt', 'hunt', './model.js'], cjs),
        npx(['vitest', 'run', 'model.test'], cjs),
      ]);
      expect(hunt.code, said(hunt)).toBe(1);
      expect(hunt.stdout).toContain(COUNTER_FOUND('./model.js'));
      expect(tests.code, said(tests)).toBe(0);
    });

    it('runs the racehunt init starter, written as .mts (ESM in any package)', async () => {
      const init = await npx(['racehunt', 'init', 'ledger'], cjs);
      expect(init.code, said(init)).toBe(0);
      expect(init.stdout).toContain(
        'wrote racehunt/ledger/model.mts, racehunt/ledger/manifest.json, racehunt/ledger/ledger.test.mts',
      );
      const [tests, hunt] = await Promise.all([
        npx(['vitest', 'run', 'racehunt/ledger'], cjs),
        npx(['racehunt', 'hunt', './racehunt/ledger/model.mts'], cjs),
      ]);
      expect(tests.code, said(tests)).toBe(0);
      expect(hunt.code, said(hunt)).toBe(1);
      // The headline wraps at 80 columns off a terminal: looked for across the line break.
      expect(hunt.stdout.replace(/\s+/g, ' ')).toContain(
        '✗ never-overdrawn broken in ./racehunt/ledger/model.mts / default after 4 steps',
      );
    });
  });
});
