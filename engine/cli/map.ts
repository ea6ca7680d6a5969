/**
 * `racehunt map <model>`: a metastability map. The model's module exports `metastability` (see
 * core/metastability.ts); this command reads the axes and settings from the command line, sweeps
 * (map/sweep.ts), and writes the SVG heat map and the numbers as JSON (render/map.ts), with a text
 * grid on stdout.
 */
import { join } from 'node:path';
import { RacehuntError, messageOf, own, unknownName } from '../core/errors.ts';
import { makeFolder, writeWhole } from '../project/atomic.ts';
import { isMetastability, type MapAxis, type Metastability } from '../core/metastability.ts';
import { settingsOf, sweep } from '../map/sweep.ts';
import { loadModel, type Catalog } from '../project/load.ts';
import { renderSvg, renderText } from '../render/map.ts';
import type { CliContext } from './context.ts';
import { EXIT, flag, list, params, parse, str, type CommandSpec } from './options.ts';

export const DEFAULT_MAPS_DIR = 'metastability-maps';

export const MAP: CommandSpec = {
  name: 'map',
  args: '<model|path>',
  doc: "Sweep a model's scenario (say outage × fleet) per variant: an SVG heat map of recovers / slowly / collapses.",
  options: [
    { name: 'scale', value: 'S', meaning: "one of the map's scales", default: 'its first' },
    { name: 'variant', value: 'V', multiple: true, meaning: 'only these variants', default: 'all' },
    {
      name: 'x',
      value: 'LIST',
      meaning: 'the columns: 15,30,60 or 15..180:15 (100k and 1M allowed)',
      default: "the scale's",
    },
    { name: 'y', value: 'LIST', meaning: 'the rows, as --x', default: "the scale's" },
    { name: 'set', value: 'k=v', multiple: true, meaning: 'a setting of the scale, checked against its range' },
    { name: 'out', value: 'DIR', meaning: 'where the SVG and JSON go', default: DEFAULT_MAPS_DIR },
  ],
};

export async function mapCommand(argv: readonly string[], { catalog, interrupt }: CliContext): Promise<number> {
  const { values, positionals } = parse(argv, MAP);
  if (positionals.length !== 1)
    throw new RacehuntError('usage', 'map takes one model name or path (see racehunt map --help)');
  const ref = positionals[0] as string;
  const spec = await loadMetastability(ref, catalog);
  const scaleNames = Object.keys(spec.scales);
  const scaleName = str(values, 'scale') ?? scaleNames[0] ?? '';
  const scale = own(spec.scales, scaleName);
  if (!scale) throw unknownName('scale', scaleName, scaleNames, `of the map of ${ref}`);
  const variantNames = list(values, 'variant') ?? Object.keys(spec.variants);
  for (const v of variantNames)
    if (!Object.hasOwn(spec.variants, v))
      throw unknownName('variant', v, Object.keys(spec.variants), `of the map of ${ref}`);
  const xs = str(values, 'x');
  const ys = str(values, 'y');
  const x = xs === undefined ? scale.x : { ...scale.x, values: axisValues(xs, scale.x, 'x') };
  const y = ys === undefined ? scale.y : { ...scale.y, values: axisValues(ys, scale.y, 'y') };
  const settings = settingsOf(scale, params(list(values, 'set'), 'set'), scaleName);

  const result = sweep(spec, ref, scaleName, {
    x,
    y,
    settings,
    variants: variantNames,
    interrupted: interrupt.requested,
  });
  const dir = str(values, 'out') ?? DEFAULT_MAPS_DIR;
  const base = join(dir, `${ref.replace(/^.*[\\/]/, '').replace(/\.[mc]?[jt]s$/, '')}-${scaleName}`);
  try {
    interrupt.uninterruptible(() => {
      makeFolder(dir);
      writeWhole(`${base}.svg`, renderSvg(result));
      writeWhole(`${base}.json`, `${JSON.stringify(result, null, 2)}\n`);
    });
  } catch (e) {
    throw new RacehuntError('io', `cannot write the map under ${dir}: ${messageOf(e)}`);
  }
  if (flag(values, 'json')) console.log(JSON.stringify({ ...result, svg: `${base}.svg` }));
  else console.log(`${renderText(result)}\n  wrote ${base}.svg and ${base}.json (${result.ms} ms)`);
  return EXIT.ok;
}

async function loadMetastability(ref: string, catalog: Catalog): Promise<Metastability> {
  const { module } = await loadModel(ref, catalog);
  const spec = module.metastability;
  if (!isMetastability(spec))
    throw new RacehuntError(
      'usage',
      `model ${ref} has no metastability map (its module exports no \`metastability\`; see engine/core/metastability.ts)`,
    );
  return spec;
}

export function axisValues(text: string, axis: MapAxis, flag: string): number[] {
  const num = (s: string): number => {
    const m = /^(\d+(?:\.\d+)?)([kM]?)$/.exec(s.trim());
    const n = m ? Number(m[1]) * (m[2] === 'k' ? 1e3 : m[2] === 'M' ? 1e6 : 1) : NaN;
    if (!Number.isSafeInteger(n))
      throw new RacehuntError('usage', `--${flag} takes integers like 15, 100k or 1M, got "${s}"`);
    return n;
  };
  let out: number[];
  const range = /^([^.,]+)\.\.([^:,]+)(?::([^,]+))?$/.exec(text.trim());
  if (range) {
    const [lo, hi, step] = [num(range[1] ?? ''), num(range[2] ?? ''), range[3] === undefined ? 1 : num(range[3])];
    if (step < 1 || hi < lo) throw new RacehuntError('usage', `--${flag} range "${text}" needs lo ≤ hi and a step ≥ 1`);
    if ((hi - lo) / step > 200) throw new RacehuntError('usage', `--${flag} range "${text}" has more than 200 values`);
    out = [];
    for (let v = lo; v <= hi; v += step) out.push(v);
  } else out = text.split(',').map(num);
  if (out.length === 0) throw new RacehuntError('usage', `--${flag} needs at least one value`);
  for (const v of out) {
    if (v < axis.min || v > axis.max)
      throw new RacehuntError('bad-param', `--${flag}: ${axis.name} ${v} is out of range [${axis.min}, ${axis.max}]`);
  }
  return out;
}
