/** `racehunt list [model|path] [--json]`: models, their variants, properties and parameters. */
import { RacehuntError } from '../core/errors.ts';
import type { LoadedModel } from '../project/load.ts';
import { loadModel } from '../project/load.ts';
import { terminalWidth } from '../render/terminal.ts';
import { wrapColumns, wrapText } from '../render/wrap.ts';
import type { CliContext } from './context.ts';
import { EXIT, flag, parse, type CommandSpec } from './options.ts';

export const LIST: CommandSpec = {
  name: 'list',
  args: '[model|path]',
  doc: 'The models, their variants, properties and parameters.',
  options: [],
};

export async function listCommand(argv: readonly string[], { catalog }: CliContext): Promise<number> {
  const { values, positionals } = parse(argv, LIST);
  if (positionals.length > 1)
    throw new RacehuntError('usage', 'list takes at most one model (see racehunt list --help)');
  const loaded =
    positionals[0] !== undefined
      ? [await loadModel(positionals[0], catalog)]
      : await Promise.all(Object.keys(catalog).map((n) => loadModel(n, catalog)));
  if (flag(values, 'json')) {
    console.log(JSON.stringify(loaded.map(describe)));
    return EXIT.ok;
  }
  for (const l of loaded) console.log(text(l, terminalWidth()));
  return EXIT.ok;
}

function describe(l: LoadedModel) {
  const m = l.model;
  return {
    model: l.ref,
    title: m.title,
    doc: m.doc,
    variants: Object.entries(m.variants).map(([name, v]) => ({ name, doc: v.doc })),
    properties: m.properties.map((p) => ({ name: p.name, kind: p.kind, doc: p.doc })),
    params: Object.entries(m.params).map(([name, p]) => ({ name, ...p })),
    actions: m.actions.map((a) => ({ name: a.name, doc: a.doc })),
  };
}

/** A model in words, wrapped to `width` cells: each list's names in a column, their words beside them. */
function text(l: LoadedModel, width: number): string {
  const d = describe(l);
  const kind = Math.max(...d.properties.map((p) => p.kind.length));
  return [
    ...wrapText(`${d.model} — ${d.title}`, width),
    ...wrapText(d.doc, width - 2).map((line) => `  ${line}`),
    '  variants:',
    ...wrapColumns(
      d.variants.map((v) => [v.name, v.doc]),
      width,
      '    ',
    ),
    '  properties:',
    ...wrapColumns(
      d.properties.map((p) => [`${p.name}`, `${p.kind.padEnd(kind)}  ${p.doc}`]),
      width,
      '    ',
    ),
    '  parameters:',
    ...wrapColumns(
      d.params.map((p) => [p.name, `${String(p.default).padStart(3)}  [${p.min}..${p.max}]  ${p.doc}`]),
      width,
      '    ',
    ),
    '',
  ].join('\n');
}
