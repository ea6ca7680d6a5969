/**
 * racehunt's command line: dispatch to a command, turn every user-facing error into one line on
 * stderr and exit code 2. Commands return their exit code; nothing here calls process.exit, so
 * output is flushed before the process ends.
 */
import { catalog as builtIn } from '../../models/index.ts';
import { RacehuntError, messageOf } from '../errors.ts';
import type { Catalog } from '../load.ts';
import { allCommand } from './all.ts';
import { huntCommand } from './hunt.ts';
import { listCommand } from './list.ts';
import { EXIT } from './options.ts';
import { replayCommand } from './replay.ts';

type Command = (argv: readonly string[], catalog: Catalog) => Promise<number>;

const COMMANDS: Readonly<Record<string, { run: Command; doc: string }>> = {
  list: { run: listCommand, doc: 'models, their variants, properties and parameters' },
  hunt: { run: huntCommand, doc: 'search a variant for a counterexample with fast-check and shrink it' },
  check: { run: async (argv, catalog) => (await import('./check.ts')).checkCommand(argv, catalog), doc: 'explore every reachable state breadth-first: shortest counterexamples, proofs within bounds' },
  replay: { run: replayCommand, doc: 're-execute a saved trace; does the violation still occur?' },
  map: { run: async (argv, catalog) => (await import('./map.ts')).mapCommand(argv, catalog), doc: 'sweep a model\'s scenario (outage × fleet) per variant: an SVG heat map of recovers / slowly / collapses' },
  all: { run: allCommand, doc: 'hunt every model, variant and property against its manifest (npm start)' },
  schedule: { run: async (argv) => (await import('./schedule.ts')).scheduleCommand(argv), doc: 'run asynchronous code under the controlled scheduler: races, conformance to a model, shrunk traces (docs/async.md)' },
};

export function usage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((k) => k.length));
  return [
    'usage: racehunt <command> [options]   (a model is a catalog name or a path to a .ts module)',
    '',
    ...Object.entries(COMMANDS).map(([k, c]) => `  ${k.padEnd(width)}  ${c.doc}`),
    '',
    'exit codes: 0 held / no longer reproduces, 1 counterexample found / reproduces, 2 bad input, 3 vacuous (a sometimes property never reached), 4 incomplete (check cut short by --max-states)',
    'run `racehunt <command> --help` for its options',
  ].join('\n');
}

export async function main(argv: readonly string[], catalog: Catalog = builtIn): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    console.log(usage());
    return name === undefined ? EXIT.badInput : EXIT.ok;
  }
  const command = COMMANDS[name];
  try {
    if (!command) throw new RacehuntError('usage', `unknown command "${name}" (known: ${Object.keys(COMMANDS).join(', ')})`);
    return await command.run(rest, catalog);
  } catch (e) {
    if (process.env.RACEHUNT_DEBUG) console.error(e);
    const msg = e instanceof RacehuntError ? e.message : `internal error: ${messageOf(e)} (set RACEHUNT_DEBUG=1 for the stack)`;
    console.error(`racehunt: ${msg}`);
    return EXIT.badInput;
  }
}
