/**
 * The files `racehunt init` writes: a starter model with a planted bug (README's first model, the
 * check-then-act withdrawal, with the one default variant, so that `racehunt hunt <path>` needs no
 * --variant), its manifest, and its vitest file. They import racehunt by its package name: they are for a user's repository.
 */

import { isAbsolute, relative, resolve, sep } from 'node:path';
import { racehunt, shellWord } from '../render/command.ts';
import { DEFAULT_VARIANT } from '../core/model.ts';

/**
 * The first model, README's and the starter's (a test holds README to it): every field it does not
 * need left to its default. Its API names and fields, ten: model, name, init, actions, args, when,
 * step, always, ends, and the module's manifest export.
 */
export const FIRST_MODEL = `type Account = { readonly balance: number; readonly approved: readonly number[] };

export const account = model({
  name: 'account',
  init: (): Account => ({ balance: 100, approved: [] }),
  actions: {
    clientChecksBalance: {
      args: [1, 2],
      when: (s, c) => !s.approved.includes(c) && s.balance >= 60,
      step: (d, c) => {
        d.approved.push(c);
      },
    },
    clientWithdraws: {
      args: [1, 2],
      when: (s, c) => s.approved.includes(c),
      step: (d, c) => {
        d.balance -= 60;
        d.approved = d.approved.filter((x) => x !== c);
      },
    },
  },
  always: {
    'never-overdrawn': (s) => s.balance >= 0 || \`balance is \${s.balance}\`,
  },
  // Done when no withdrawal is pending and the balance covers no other: not a deadlock.
  ends: (s) => s.approved.length === 0 && s.balance < 60,
});
`;

export interface StarterFile {
  /** Relative to the model's folder. */
  readonly name: string;
  readonly text: string;
}

export interface StarterOptions {
  /** The model's name (lower-case words joined by "-"). */
  readonly name: string;
  /** "ts" in an ESM package; "mts" elsewhere, which is ESM in any package. */
  readonly extension: 'ts' | 'mts';
  /** The model's folder as the user types it: "racehunt/account". */
  readonly folder: string;
}

export function starterFiles({ name, extension, folder }: StarterOptions): StarterFile[] {
  const js = extension === 'ts' ? 'js' : 'mjs';
  const exported = `${name.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase())}Model`;
  return [
    {
      name: `model.${extension}`,
      text: model(
        name,
        exported,
        stepLines({ name, extension, folder }).map((l) => `  ${l}`),
      ),
    },
    { name: 'manifest.json', text: manifest(folder) },
    { name: `${name}.test.${extension}`, text: test(name, extension, js) },
  ];
}

/** What to run next, and what it shows: init prints it, and the model's header says it too. */
export function stepLines({ extension, folder }: StarterOptions): string[] {
  const steps: [string, string][] = [
    [
      racehunt(['hunt', `${isAbsolute(folder) || folder.startsWith('../') ? '' : './'}${folder}/model.${extension}`]),
      'exit 1: the planted double withdrawal, in 4 steps',
    ],
    [`npx vitest run ${shellWord(folder)}`, 'green: manifest.json expects that counterexample'],
  ];
  const width = Math.max(...steps.map(([command]) => command.length));
  return steps.map(([command, shows]) => `${command.padEnd(width)}  # ${shows}`);
}

const model = (name: string, exported: string, steps: readonly string[]): string => `/**
 * A racehunt model, written by \`npx racehunt init ${name}\`: replace it with your own protocol (its
 * state, its actors' steps, and the properties that must hold), and manifest.json with what its
 * hunts must find.
 *
 * The planted bug: two clients share an account holding 100. Each checks that the balance covers
 * 60, then withdraws 60, in two steps, so both can pass the check before either withdraws.
 *
 * ${steps.join('\n * ')}
 *
 * To model a fix beside the bug, add variants whose switches the steps read (README, "A fix
 * beside the bug"), and say in manifest.json that the fix holds.
 */
import { model } from 'racehunt';
import manifestJson from './manifest.json' with { type: 'json' };

${FIRST_MODEL.replace("export const account = model({\n  name: 'account',", `export const ${exported} = model({\n  name: '${name}',`)}
/** What its hunts must find, and their budget: the command line and the tests judge by it. */
export const manifest = manifestJson;
`;

/** The manifest, with the `$schema` of the racehunt the project installs (node_modules/racehunt/), for editors. */
const manifest = (folder: string): string =>
  `${JSON.stringify(
    {
      $schema: relative(resolve(folder), resolve('node_modules/racehunt/schemas/manifest.schema.json'))
        .split(sep)
        .join('/'),
      budget: { seed: 20251019, runs: 1000, maxSteps: 50 },
      variants: {
        [DEFAULT_VARIANT]: {
          'never-overdrawn': { expect: 'counterexample', note: 'both clients pass the check before either withdraws' },
          'no-deadlock': { expect: 'holds', note: 'every run ends in a declared end' },
        },
      },
    },
    null,
    2,
  )}\n`;

const test = (name: string, extension: string, js: string): string => `/**
 * The tests of the ${name} model, written by \`npx racehunt init ${name}\`: one test per expected
 * outcome in manifest.json, each hunted with its budget. A counterexample the manifest expects is
 * a passing test; an outcome that differs fails with the trace as its message.
 */
import { fromModule } from 'racehunt';
import { describeManifest } from 'racehunt/vitest';
import * as model from './model.${js}';

const loaded = fromModule(model, new URL('./model.${extension}', import.meta.url));

describeManifest(loaded);

// Your first red test: claim that the protocol never overdraws, run \`npx vitest run\`, and read
// the trace it fails with (then delete it, or fix the model and its manifest):
//
//   import { it } from 'vitest';
//   import { expectSurvives } from 'racehunt/vitest';
//
//   it('never overdraws', () => expectSurvives(loaded, '${DEFAULT_VARIANT}', 'never-overdrawn'));
`;
