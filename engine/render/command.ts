/**
 * The one builder of the racehunt commands racehunt prints: reproduce, replay, settle, run as
 * found, the next steps of `racehunt init`. Each is a list of words, written for a POSIX shell: a
 * word with a space, a quote or another character the shell would read is single-quoted, so that
 * a path with spaces arrives as one argument. A parameter is given (`--param`) only where the run
 * used another value than the command would without it (the model's default, core/instance.ts
 * resolveParams); where the caller does not know the defaults (no model loaded), every parameter
 * the run used is given. A trace of a model named by path replays with `--model` (a trace file
 * names its model but never has it imported). engine/tests/commands.test.ts runs what these print.
 */
import { looksLikePath, type Trace } from '../core/trace.ts';

/** What the shell reads as itself: letters, digits and `_-./:=@%+,#` (a `#` inside a word is no comment). */
const BARE = /^[\w\-./:=@%+,][\w\-./:=@%+,#]*$/;

/** One word as a POSIX shell must be given it to read it back unchanged. */
export function shellWord(word: string | number): string {
  const s = String(word);
  return BARE.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

/**
 * A search path (`--path`): in double quotes, as racehunt has always printed it, when it holds
 * only the characters a path is made of; anything else is quoted as any word.
 */
function pathWord(path: string): string {
  return /^[\w.:,;]*$/.test(path) ? `"${path}"` : shellWord(path);
}

type Words = readonly (string | number)[];

/** `npx racehunt <words>`, each word quoted as the shell needs it. */
export function racehunt(words: Words, path?: string): string {
  return ['npx racehunt', ...words.map(shellWord), ...(path === undefined ? [] : ['--path', pathWord(path)])].join(' ');
}

type Params = Readonly<Record<string, number>>;

/**
 * `--param k=v` for each parameter, in the order given, but those at their value in `defaults`
 * (what the command runs with when it names none); every one when `defaults` is undefined.
 */
export function paramWords(params: Params, defaults?: Params): string[] {
  return Object.entries(params)
    .filter(([k, v]) => defaults === undefined || !Object.hasOwn(defaults, k) || defaults[k] !== v)
    .flatMap(([k, v]) => ['--param', `${k}=${v}`]);
}

/** What a run of a model or a system was, for the commands that run it again. */
export interface RunWords {
  readonly model: string;
  readonly variant: string;
  readonly property?: string | undefined;
  readonly params: Params;
  /**
   * The parameters the command would run with if it named none (core/instance.ts resolveParams
   * of the model); undefined when the model is not loaded here: then every parameter is named.
   */
  readonly defaults?: Params | undefined;
}

/** The hunt that finds one counterexample again: its seed, strategy, budget and search path. */
export function huntCommandLine(
  r: RunWords & { seed: number; strategy: string; prove?: number | undefined; maxSteps: number; path: string },
): string {
  return racehunt(
    [
      'hunt',
      ...target(r),
      '--seed',
      r.seed,
      '--strategy',
      r.strategy,
      ...(r.prove === undefined ? [] : ['--prove-budget', r.prove]),
      '--max-steps',
      r.maxSteps,
    ],
    r.path,
  );
}

/** The schedule that runs a system's counterexample again (its path is the schedule itself). */
export function scheduleCommandLine(
  r: RunWords & {
    seed?: number | undefined;
    strategy?: string | undefined;
    maxSteps?: number | undefined;
    path: string;
  },
): string {
  return racehunt(
    [
      'schedule',
      ...target(r),
      ...(r.seed === undefined ? [] : ['--seed', r.seed]),
      ...(r.strategy === undefined ? [] : ['--strategy', r.strategy]),
      ...(r.maxSteps === undefined ? [] : ['--max-steps', r.maxSteps]),
    ],
    r.path,
  );
}

/** The exhaustive check that settles a question a sampled hunt left open. */
export function checkCommandLine(r: RunWords): string {
  return racehunt(['check', ...target(r)]);
}

/**
 * Replay a saved trace. A trace whose model is named by path (and every schedule trace) replays
 * only on a module the user gives: `model` is that module as seen from where the command runs.
 */
export function replayCommandLine(file: string, model: string, byPath = looksLikePath(model)): string {
  return racehunt(['replay', file, ...(byPath ? ['--model', model] : [])]);
}

/** Whether a trace replays only on a module given with --model: a model named by path, or a schedule's system. */
export function replaysWithModel(t: Pick<Trace, 'model' | 'found'>): boolean {
  return t.found.by === 'schedule' || looksLikePath(t.model);
}

function target(r: RunWords): (string | number)[] {
  return [
    r.model,
    '--variant',
    r.variant,
    ...(r.property === undefined ? [] : ['--property', r.property]),
    ...paramWords(r.params, r.defaults),
  ];
}
