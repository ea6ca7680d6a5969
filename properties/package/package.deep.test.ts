/**
 * The installed package beyond the round trip (install.deep.test.ts): a red test fails
 * with the trace, a model that does not load says why in one line, racehunt loads in plain Node
 * (import and require, every entry point), and the bundled catalog is there by name, with the
 * night of the outage.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  COUNTER_JS,
  COUNTER_TS,
  npx,
  packAndInstall,
  redCounterTest,
  run,
  said,
  SETUP_TIMEOUT,
  type Installed,
} from './scratch.ts';

let installed: Installed | undefined;
let esm = '';
let cjs = '';

beforeAll(async () => {
  installed = await packAndInstall({ 'esm-ts': 'module', 'cjs-js': 'commonjs' });
  ({ 'esm-ts': esm = '', 'cjs-js': cjs = '' } = installed.projects);
  writeFileSync(join(esm, 'model.ts'), COUNTER_TS);
  writeFileSync(join(cjs, 'model.js'), COUNTER_JS);
}, SETUP_TIMEOUT);
afterAll(() => installed?.remove());

describe.concurrent('the installed package', () => {
  it('a red test fails with the trace as its message', async () => {
    writeFileSync(join(esm, 'red.test.ts'), redCounterTest('./model.js', './model.ts'));
    const red = await npx(['vitest', 'run', 'red.test'], esm);
    expect(red.code, said(red)).toBe(1);
    expect(red.stdout + red.stderr).toContain('expected ./model.ts / racy / no-lost-update to survive');
    expect(red.stdout + red.stderr).toContain('✗ no-lost-update: value is 1');
  });

  it('a model that does not load is one line naming the file and the line: a syntax error, a missing export, a throw', async () => {
    writeFileSync(join(cjs, 'bad.js'), "const { modelKit } = require('racehunt');\nconst x = ;\n");
    writeFileSync(join(cjs, 'missing.ts'), "import { modelKitt } from 'racehunt';\nexport const m = modelKitt();\n");
    writeFileSync(join(esm, 'missing.js'), "import { modelKitt } from 'racehunt';\nexport const m = modelKitt();\n");
    writeFileSync(join(esm, 'bad.ts'), "import { modelKit } from 'racehunt';\nconst x = ;\n");
    writeFileSync(join(esm, 'throws.ts'), "export const model = 1;\nthrow new Error('no such table');\n");
    const [bad, missing, missingEsm, badTs, throws] = await Promise.all([
      npx(['racehunt', 'hunt', './bad.js'], cjs),
      npx(['racehunt', 'hunt', './missing.ts'], cjs),
      npx(['racehunt', 'hunt', './missing.js'], esm),
      npx(['racehunt', 'hunt', './bad.ts'], esm),
      npx(['racehunt', 'hunt', './throws.ts'], esm),
    ]);
    for (const r of [bad, missing, missingEsm, badTs, throws]) {
      expect(r.code, said(r)).toBe(2);
      expect(r.stderr.split('\n').filter(Boolean), said(r)).toHaveLength(1);
    }
    expect(bad.stderr.trim()).toBe(
      "racehunt: cannot load model module ./bad.js: SyntaxError: Unexpected token ';' (at ./bad.js:2)",
    );
    expect(missing.stderr.trim()).toMatch(
      /^racehunt: cannot load model module \.\/missing\.ts: TypeError: .*modelKitt\)? is not a function \(at \.\/missing\.ts:2\)$/,
    );
    expect(missingEsm.stderr.trim()).toBe(
      "racehunt: cannot load model module ./missing.js: SyntaxError: The requested module 'racehunt' does not provide an export named 'modelKitt' (at ./missing.js:1)",
    );
    expect(badTs.stderr).toMatch(/bad\.ts:2:\d+: ERROR: Unexpected ";"/);
    expect(throws.stderr.trim()).toBe(
      'racehunt: cannot load model module ./throws.ts: no such table (at ./throws.ts:2)',
    );
  });

  it('loads in plain Node, imported and required, by every entry point, with the bundled catalog', async () => {
    const entries = ['racehunt', 'racehunt/vitest', 'racehunt/async', 'racehunt/catalog'];
    const [imported, required, version, catalog] = await Promise.all([
      run(
        process.execPath,
        [
          '--input-type=module',
          '-e',
          `const [r, , , { catalog }] = await Promise.all(${JSON.stringify(entries)}.map((e) => import(e))); console.log(typeof r.modelKit, r.fromCatalog(catalog, 'dns').ref)`,
        ],
        esm,
      ),
      run(
        process.execPath,
        [
          '-e',
          `const [r, v, a, { catalog }] = ${JSON.stringify(entries)}.map((e) => require(e)); console.log(typeof r.modelKit, typeof v.expectSurvives, typeof a.schedule, Object.keys(catalog).includes('dns'))`,
        ],
        cjs,
      ),
      npx(['racehunt', '--version'], cjs),
      npx(['racehunt', 'hunt', 'register', '--variant', 'read-modify-write'], cjs),
    ]);
    const scenario = await npx(['racehunt', 'scenario', 'us-east-1'], esm); // it reads the DNS race's committed trace, shipped in dist/
    expect(imported.code, said(imported)).toBe(0);
    expect(imported.stdout.trim()).toBe('function dns');
    expect(required.code, said(required)).toBe(0);
    expect(required.stdout.trim()).toBe('function function function true');
    expect(version.stdout.trim()).toMatch(/^racehunt \d+\.\d+\.\d+$/);
    expect(catalog.code, said(catalog)).toBe(1);
    expect(catalog.stdout).toContain('✗ no-lost-update broken in register / read-modify-write');
    expect(scenario.code, said(scenario)).toBe(0);
    expect(scenario.stdout).toContain('automatic failover re-enabled');
  });
});
