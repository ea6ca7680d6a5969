/**
 * `racehunt view [model|path|trace.json …]`: the explorer page (engine/view/) on a local server.
 * It prints the address to open (127.0.0.1, a free port) and serves until Ctrl-C. Models: the
 * catalog's, and the modules named here; traces: those named here, and those under --traces.
 */
import { existsSync } from 'node:fs';
import { RacehuntError } from '../core/errors.ts';
import { fromCatalog, loadModel, looksLikePath, type LoadedModel } from '../project/load.ts';
import { DEFAULT_TRACES_ROOT } from '../project/save.ts';
import { startView } from '../view/server.ts';
import type { CliContext } from './context.ts';
import { EXIT, int, list, parse, str, type CommandSpec } from './options.ts';

export const VIEW: CommandSpec = {
  name: 'view',
  args: '[model|path|trace.json …]',
  doc: 'Open the explorer page: click through states, step through traces, search from any state (docs/view.md).',
  options: [
    {
      name: 'traces',
      value: 'DIR',
      multiple: true,
      meaning: 'folders whose traces the page lists and may open',
      default: DEFAULT_TRACES_ROOT,
    },
    { name: 'port', value: 'N', meaning: 'the port on 127.0.0.1', default: 'a free one' },
  ],
};

export async function viewCommand(argv: readonly string[], { catalog, interrupt }: CliContext): Promise<number> {
  const { values, positionals } = parse(argv, VIEW);
  const traceFiles = positionals.filter((p) => p.endsWith('.json'));
  for (const f of traceFiles) if (!existsSync(f)) throw new RacehuntError('io', `no trace file at ${f}`);
  const named: LoadedModel[] = [];
  for (const ref of positionals.filter((p) => !p.endsWith('.json'))) named.push(await loadModel(ref, catalog));
  // The catalog's models, and the modules named here (only those are ever imported).
  const models = [
    ...named.filter((m) => looksLikePath(m.ref)),
    ...Object.keys(catalog).map((n) => fromCatalog(catalog, n)),
  ];
  const port = int(str(values, 'port'), 'port', 0);
  const server = await startView({
    models,
    tracesRoots: list(values, 'traces') ?? [DEFAULT_TRACES_ROOT],
    traceFiles,
    ...(port === undefined ? {} : { port }),
  });
  const first = traceFiles[0];
  const start = first
    ? `#trace=${encodeURIComponent(first)}`
    : named[0]
      ? `#model=${encodeURIComponent(named[0].ref)}`
      : '';
  console.log(`racehunt view: open ${server.url}${start}   (Ctrl-C to stop)`);
  await new Promise<void>((done) => {
    const poll = setInterval(() => {
      if (!interrupt.requested()) return;
      clearInterval(poll);
      done();
    }, 200);
  });
  await server.close();
  console.log('racehunt view: stopped');
  return EXIT.ok;
}
