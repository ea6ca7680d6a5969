/**
 * `racehunt init [name] [--dir DIR]`: write a starter model, its manifest and its vitest file into
 * DIR/<name>/ (racehunt/account/ by default) of the user's repository, ready to run: its tests pass
 * and its hunt finds the planted bug. The files are TypeScript: `.ts` in an ESM package, `.mts`
 * in any other (ESM wherever it sits, so the same imports type-check under `tsc --init`).
 *
 * It never overwrites: if any of the files exists, it says which, and writes none of them.
 */
import { existsSync, rmdirSync } from 'node:fs';
import { dirname, posix, resolve } from 'node:path';
import { RacehuntError, messageOf } from '../core/errors.ts';
import { isName } from '../core/model.ts';
import { createAll, makeFolder } from '../project/atomic.ts';
import { packageIsEsm } from '../project/load.ts';
import type { CliContext } from './context.ts';
import { EXIT, flag, parse, str, type CommandSpec } from './options.ts';
import { starterFiles, stepLines, type StarterOptions } from './starter.ts';

export const DEFAULT_STARTER = 'account';
export const DEFAULT_STARTER_DIR = 'racehunt';

export const INIT: CommandSpec = {
  name: 'init',
  args: '[name]',
  doc: `Write a starter model (with a planted bug), its manifest and its vitest file into DIR/<name>/ (default: ${DEFAULT_STARTER_DIR}/${DEFAULT_STARTER}/).`,
  options: [
    {
      name: 'dir',
      value: 'DIR',
      meaning: "the folder the model's folder is written in (relative to the working directory)",
      default: DEFAULT_STARTER_DIR,
    },
  ],
};

export async function initCommand(argv: readonly string[], _cli: CliContext): Promise<number> {
  const { values, positionals } = parse(argv, INIT);
  if (positionals.length > 1)
    throw new RacehuntError(
      'usage',
      `init takes at most one name, got "${positionals.join(' ')}" (see racehunt init --help)`,
    );
  const name = positionals[0] ?? DEFAULT_STARTER;
  if (!isName(name))
    throw new RacehuntError(
      'usage',
      `the model's name must be lower-case words joined by "-" (it names the model, its folder and its traces), got "${name}"`,
    );
  const dir = posix.normalize((str(values, 'dir') ?? DEFAULT_STARTER_DIR).replace(/\\/g, '/')).replace(/(.)\/+$/, '$1');
  const folder = dir === '.' ? name : posix.join(dir, name);
  const options: StarterOptions = { name, folder, extension: packageIsEsm(folder) ? 'ts' : 'mts' };
  const files = starterFiles(options).map((f) => ({ ...f, path: `${folder}/${f.name}` }));

  const existing = files.filter((f) => existsSync(f.path));
  if (existing.length > 0)
    throw new RacehuntError(
      'io',
      `${existing.map((f) => f.path).join(', ')} already ${existing.length === 1 ? 'exists' : 'exist'}: nothing written (remove ${existing.length === 1 ? 'it' : 'them'}, or give another name: racehunt init <name>)`,
    );
  writeAll(folder, files);

  if (flag(values, 'json')) {
    console.log(JSON.stringify({ model: name, files: files.map((f) => f.path), next: stepLines(options) }));
    return EXIT.ok;
  }
  console.log(
    `wrote ${files.map((f) => f.path).join(', ')}${options.extension === 'mts' ? ' (.mts: no package.json above it says "type": "module", and .mts is an ES module in any package)' : ''}`,
  );
  console.log('next:');
  for (const line of stepLines(options)) console.log(`  ${line}`);
  return EXIT.ok;
}

/** All or nothing: a file that cannot be written takes back the files and folders written before it. */
function writeAll(folder: string, files: readonly { readonly path: string; readonly text: string }[]): void {
  let made: string | undefined;
  try {
    made = makeFolder(folder);
    createAll(files, 'cannot write the starter');
  } catch (e) {
    // The folders this call made, deepest first (rmdir leaves any that something else filled).
    for (let dir = resolve(folder); made !== undefined && dir.startsWith(made); dir = dirname(dir)) {
      try {
        rmdirSync(dir);
      } catch {
        break;
      }
    }
    throw new RacehuntError(
      'io',
      `${e instanceof RacehuntError ? e.message : `cannot write the starter: ${messageOf(e)}`}; nothing written`,
    );
  }
}
