/**
 * `racehunt init`: the starter's files, where they go and in which flavour of TypeScript, and that
 * it never overwrites (all targets checked before any is written). That the starter runs (its
 * tests pass, its hunt finds the bug, it type-checks) is tested where it is meant to run: in a
 * project that installed the package (properties/package/).
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cli, expectOneLineError, scratch } from './helpers.ts';

const dirs: string[] = [];
const tmp = () => {
  const d = scratch();
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('racehunt init', () => {
  it('writes model.ts, manifest.json and <name>.test.ts under DIR/<name>/ in an ESM package, and says what to run', async () => {
    const root = tmp();
    writeFileSync(join(root, 'package.json'), '{ "type": "module" }');
    const r = await cli(['init', 'payments', '--dir', join(root, 'racehunt')]);
    expect(r.code, r.stderr).toBe(0);
    const folder = join(root, 'racehunt', 'payments');
    expect(readdirSync(folder).sort()).toEqual(['manifest.json', 'model.ts', 'payments.test.ts']);
    const model = readFileSync(join(folder, 'model.ts'), 'utf8');
    expect(model).toContain("import { model } from 'racehunt';");
    expect(model).toContain("name: 'payments',");
    expect(model).toContain('export const paymentsModel = model({');
    expect(readFileSync(join(folder, 'payments.test.ts'), 'utf8')).toContain("import * as model from './model.js';");
    const manifest = JSON.parse(readFileSync(join(folder, 'manifest.json'), 'utf8')) as {
      variants: Record<string, Record<string, { expect: string }>>;
    };
    expect(manifest.variants['default']?.['never-overdrawn']?.expect).toBe('counterexample');
    expect(r.stdout).toContain(`npx racehunt hunt ${folder.replace(/\\/g, '/')}/model.ts`);
    expect(r.stdout).toContain('npx vitest run');
  });

  it('writes .mts files where the package is not ESM (they are ESM in any package)', async () => {
    const root = tmp();
    writeFileSync(join(root, 'package.json'), '{ "name": "legacy" }');
    const r = await cli(['init', '--dir', join(root, 'racehunt')]);
    expect(r.code, r.stderr).toBe(0);
    expect(readdirSync(join(root, 'racehunt', 'account')).sort()).toEqual([
      'account.test.mts',
      'manifest.json',
      'model.mts',
    ]);
    expect(readFileSync(join(root, 'racehunt', 'account', 'account.test.mts'), 'utf8')).toContain("from './model.mjs'");
    expect(r.stdout).toContain('.mts');
  });

  it('refuses to overwrite: one line naming the file, exit 2, and none of the other files written', async () => {
    const root = tmp();
    const folder = join(root, 'racehunt', 'account');
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'manifest.json'), 'mine');
    const r = await cli(['init', '--dir', join(root, 'racehunt')]);
    expectOneLineError(r, /manifest\.json already exists: nothing written/);
    expect(readdirSync(folder)).toEqual(['manifest.json']);
    expect(readFileSync(join(folder, 'manifest.json'), 'utf8')).toBe('mine');
  });

  it('refuses a name that cannot name a model, and a second name', async () => {
    const root = tmp();
    expectOneLineError(await cli(['init', 'My Model', '--dir', root]), /lower-case words joined by "-".*"My Model"/);
    expectOneLineError(await cli(['init', 'a', 'b', '--dir', root]), /at most one name/);
    expect(existsSync(join(root, 'My Model'))).toBe(false);
    expect(readdirSync(root)).toEqual([]);
  });
});
