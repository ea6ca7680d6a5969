/**
 * racehunt's command line: dispatch to a command, turn every user-facing error into one line on
 * stderr and exit code 2. Commands return their exit code; nothing here calls process.exit, so
 * output is flushed before the process ends. The catalog of models known by name is handed in by
 * whoever runs the CLI (bin/racehunt.mjs): the engine knows no model.
 */
import { existsSync, readFileSync } from 'node:fs';
import { format } from 'node:util';
import { RacehuntError, closest, messageOf } from '../core/errors.ts';
import { NO_INTERRUPT, type Interrupt } from '../core/interrupt.ts';
import type { Catalog } from '../project/load.ts';
import { safeOutput } from '../render/safe-text.ts';
import { terminalWidth } from '../render/terminal.ts';
import { wrapColumns, wrapText } from '../render/wrap.ts';
import { ALL, allCommand } from './all.ts';
import { CHECK, checkCommand } from './check.ts';
import { HUNT, huntCommand } from './hunt.ts';
import { INIT, initCommand } from './init.ts';
import { LIST, listCommand } from './list.ts';
import { MAP, mapCommand } from './map.ts';
import { EXIT, EXIT_CODES_HELP, helpText, type CommandSpec } from './options.ts';
import { REPLAY, replayCommand } from './replay.ts';
import { SCENARIO, scenarioCommand } from './scenario.ts';
import { SCHEDULE, scheduleCommand } from './schedule.ts';
import { VIEW, viewCommand } from './view.ts';

export type { CliContext } from './context.ts';
import type { CliContext } from './context.ts';

type Run = (argv: readonly string[], cli: CliContext) => Promise<number>;

const COMMANDS: readonly { readonly spec: CommandSpec; readonly run: Run }[] = [
  { spec: INIT, run: initCommand },
  { spec: LIST, run: listCommand },
  { spec: HUNT, run: huntCommand },
  { spec: CHECK, run: checkCommand },
  { spec: REPLAY, run: replayCommand },
  { spec: MAP, run: mapCommand },
  { spec: ALL, run: allCommand },
  { spec: SCHEDULE, run: scheduleCommand },
  { spec: SCENARIO, run: scenarioCommand },
  { spec: VIEW, run: viewCommand },
];

/** `racehunt --help`: the commands and what each does, wrapped to `width` cells. */
export function usage(width = terminalWidth()): string {
  return [
    ...wrapText('usage: racehunt <command> [options]   (a model is a catalog name or a path to a module)', width),
    '',
    ...wrapColumns(
      COMMANDS.map(({ spec }) => [spec.name, spec.doc] as const),
      width,
      '  ',
    ),
    '',
    ...wrapText(EXIT_CODES_HELP, width),
    ...wrapText('run `racehunt <command> --help` for its options, `racehunt --version` for the version', width),
  ].join('\n');
}

export function version(): string {
  const pkg = JSON.parse(readFileSync(ownPackageJson(), 'utf8')) as { version: string };
  return `racehunt ${pkg.version}`;
}

/** racehunt's own package.json: the nearest above this file (engine/cli/ in the repository, dist/engine/cli/ when installed). */
function ownPackageJson(): URL {
  for (let dir = new URL('./', import.meta.url); ; dir = new URL('../', dir)) {
    const file = new URL('package.json', dir);
    if (existsSync(file)) return file;
    if (new URL('../', dir).href === dir.href)
      throw new RacehuntError('io', `no package.json above ${import.meta.url}`);
  }
}

export async function main(
  argv: readonly string[],
  catalog: Catalog,
  catalogModule?: string,
  interrupt: Interrupt = NO_INTERRUPT,
): Promise<number> {
  const [name, ...rest] = argv;
  const release = guardConsole();
  const allowExit = guardExit();
  try {
    if (name === '--help' || name === '-h' || name === 'help') {
      console.log(usage());
      return EXIT.ok;
    }
    if (name === '--version' || name === '-v') {
      console.log(version());
      return EXIT.ok;
    }
    if (name === undefined) {
      console.log(usage());
      throw new RacehuntError('usage', 'no command given (see the list above)');
    }
    const command = COMMANDS.find((c) => c.spec.name === name);
    if (!command) {
      const guess = closest(
        name,
        COMMANDS.map((c) => c.spec.name),
      );
      throw new RacehuntError(
        'usage',
        `unknown command "${name}" (${guess ? `did you mean "${guess}"? ` : ''}known: ${COMMANDS.map((c) => c.spec.name).join(', ')})`,
      );
    }
    if (rest.includes('--help') || rest.includes('-h')) {
      console.log(helpText(command.spec));
      return EXIT.ok;
    }
    return await command.run(rest, { catalog, catalogModule, interrupt });
  } catch (e) {
    if (process.env.RACEHUNT_DEBUG) console.error(e);
    const msg =
      e instanceof RacehuntError ? e.message : `internal error: ${messageOf(e)} (set RACEHUNT_DEBUG=1 for the stack)`;
    const exit = e instanceof RacehuntError && e.kind === 'interrupted' ? EXIT.interrupted : EXIT.badInput;
    // Under --json, stdout stays JSON: the error as an object (schemas/output.schema.json, $defs/error).
    if (rest.includes('--json'))
      console.log(
        JSON.stringify({ error: { kind: e instanceof RacehuntError ? e.kind : 'internal', message: msg, exit } }),
      );
    console.error(`racehunt: ${msg}`);
    return exit;
  } finally {
    allowExit();
    release();
  }
}

/**
 * While a command runs, model code cannot end the process: process.exit() called by a model module
 * or a step throws instead (racehunt's error then names the module or the step that called it),
 * where it would have ended racehunt with nothing said.
 */
function guardExit(): () => void {
  const real = process.exit;
  const refused = (code?: number | string | null) => {
    // A plain Error, so that whoever called model code names it: the module, the step, the guard.
    throw new Error(`process.exit(${code ?? ''}) was called: model code must not end the process`);
  };
  process.exit = refused as typeof process.exit;
  return () => {
    if (process.exit === refused) process.exit = real;
  };
}

/**
 * While a command runs, what it prints through console passes render/safe-text.ts's safeOutput:
 * no control character reaches the terminal unless it is racehunt's own layout or colour, whatever
 * field a printer forgot to make safe. Counted, so that commands run side by side in one process
 * (tests) install it once and the last to finish takes it away.
 */
let guards = 0;
let unguarded: Pick<Console, 'log' | 'error' | 'warn' | 'info'> | null = null;
function guardConsole(): () => void {
  if (guards++ === 0) {
    const was = { log: console.log, error: console.error, warn: console.warn, info: console.info };
    unguarded = was;
    for (const k of ['log', 'error', 'warn', 'info'] as const)
      console[k] = (...args: unknown[]) => was[k].call(console, safeOutput(format(...args)));
  }
  return () => {
    if (--guards === 0 && unguarded) {
      Object.assign(console, unguarded);
      unguarded = null;
    }
  };
}
