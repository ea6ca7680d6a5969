/**
 * A metastability map's sweep: for each variant, ask the model's map (core/metastability.ts)
 * whether the system recovers, recovers slowly or collapses in each cell of two axes of its
 * scenario (say outage length × fleet size), and how long recovery took.
 */
import { RacehuntError, messageOf, own, unknownName } from '../core/errors.ts';
import type { MapAxis, MapCell, MapScale, MapVerdict, Metastability } from '../core/metastability.ts';

export interface MapResult {
  readonly model: string;
  readonly title: string;
  readonly scale: string;
  readonly doc: string;
  readonly timeUnit: string;
  readonly legend: Readonly<Record<MapVerdict, string>>;
  readonly x: MapAxis;
  readonly y: MapAxis;
  readonly settings: Readonly<Record<string, number>>;
  readonly marks: readonly { readonly x: number; readonly label: string }[];
  readonly variants: readonly {
    readonly name: string;
    readonly doc: string;
    readonly cells: readonly (readonly MapCell[])[];
  }[];
  readonly ms: number;
}

/** The scale's settings, with the user's overrides checked against their ranges. */
export function settingsOf(
  scale: MapScale,
  overrides: Readonly<Record<string, number>>,
  scaleName: string,
): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, s] of Object.entries(scale.settings)) out[k] = s.default;
  for (const [k, v] of Object.entries(overrides)) {
    const s = own(scale.settings, k);
    if (!s) throw unknownName('setting', k, Object.keys(scale.settings), `of scale ${scaleName}`);
    if (!Number.isInteger(v) || v < s.min || v > s.max)
      throw new RacehuntError(
        'bad-param',
        `setting ${k}=${v} is out of range: scale ${scaleName} takes an integer in [${s.min}, ${s.max}]`,
      );
    out[k] = v;
  }
  return out;
}

/**
 * Sweep every cell. `interrupted` (Ctrl-C, core/interrupt.ts) is asked before each cell: true stops
 * the sweep with one line saying how many cells were done (a map with holes is not a map).
 */
export function sweep(
  spec: Metastability,
  model: string,
  scaleName: string,
  opts: {
    x: MapAxis;
    y: MapAxis;
    settings: Readonly<Record<string, number>>;
    variants: readonly string[];
    interrupted?: (() => boolean) | undefined;
  },
): MapResult {
  const started = Date.now();
  const scale = own(spec.scales, scaleName);
  if (!scale) throw unknownName('scale', scaleName, Object.keys(spec.scales));
  const total = opts.variants.length * opts.x.values.length * opts.y.values.length;
  let done = 0;
  const variants = opts.variants.map((name) => ({
    name,
    doc: spec.variants[name] ?? '',
    cells: opts.y.values.map((yv) =>
      opts.x.values.map((xv) => {
        if (opts.interrupted?.())
          throw new RacehuntError(
            'interrupted',
            `interrupted (Ctrl-C) after ${done} of ${total} cells of the map of ${model} (${Date.now() - started} ms), before ${name} ${opts.x.name}=${xv} ${opts.y.name}=${yv}: nothing written`,
          );
        done++;
        try {
          return spec.cell(name, xv, yv, opts.settings, scaleName);
        } catch (e) {
          throw new RacehuntError(
            'model-error',
            `map of ${model}: cell ${name} ${opts.x.name}=${xv} ${opts.y.name}=${yv} threw ${messageOf(e)}`,
          );
        }
      }),
    ),
  }));
  return {
    model,
    title: spec.title,
    scale: scaleName,
    doc: scale.doc,
    timeUnit: spec.timeUnit,
    legend: spec.legend,
    x: opts.x,
    y: opts.y,
    settings: opts.settings,
    marks: scale.marks ?? [],
    variants,
    ms: Date.now() - started,
  };
}
