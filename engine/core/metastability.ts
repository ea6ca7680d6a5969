/**
 * Metastability maps: what a model exports (`metastability`) so that `racehunt map` can sweep two
 * axes of its scenario (say outage length × fleet size) per variant and draw where it recovers,
 * recovers slowly or collapses. Typically a fast simulator of the model's own rules at scales no
 * hunt reaches. The engine knows nothing of what a cell means.
 */
import type { ParamSpec } from './model.ts';

export type MapVerdict = 'recovers' | 'slow' | 'collapses';

export interface MapCell {
  readonly verdict: MapVerdict;
  /** Time to recover, in the map's time unit; null when it did not recover. */
  readonly time: number | null;
}

export interface MapAxis {
  /** As on the command line and in labels: "outage", "droplets". */
  readonly name: string;
  /** Unit shown after values ("min"), or "" for counts. */
  readonly unit: string;
  readonly values: readonly number[];
  readonly min: number;
  readonly max: number;
}

export interface MapScale {
  readonly doc: string;
  /** Columns. */
  readonly x: MapAxis;
  /** Rows (the first value is drawn at the bottom). */
  readonly y: MapAxis;
  /** Knobs a user may change with --set k=v; cells receive them all. */
  readonly settings: Readonly<Record<string, ParamSpec>>;
  /** Vertical marks on the x axis: "Oct 20, 2025: 157 min". */
  readonly marks?: readonly { readonly x: number; readonly label: string }[];
}

export interface Metastability {
  readonly racehunt: 'map';
  readonly title: string;
  /** What "recovers", "slow" and "collapses" mean for this model, one line each. */
  readonly legend: Readonly<Record<MapVerdict, string>>;
  readonly timeUnit: string;
  /** Variant names in drawing order, with a one-line description each. */
  readonly variants: Readonly<Record<string, string>>;
  /** The first scale is the default. */
  readonly scales: Readonly<Record<string, MapScale>>;
  cell(variant: string, x: number, y: number, settings: Readonly<Record<string, number>>, scale: string): MapCell;
}

export function isMetastability(x: unknown): x is Metastability {
  return typeof x === 'object' && x !== null && (x as { racehunt?: unknown }).racehunt === 'map';
}
