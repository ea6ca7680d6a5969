/**
 * A metastability map's cell function over a model's variants, written once: the variant's
 * switches and the scale's settings, read by name (an unknown variant or a missing setting is the
 * map's own error, not the model's), then the model's simulation of one cell.
 */
import type { MapCell, Metastability } from '../core/metastability.ts';
import type { Variant } from '../core/model.ts';

/** Reads one of the scale's settings by name. */
export type Setting = (name: string) => number;

/** `cell` for a model's Metastability: the simulation of one cell given the variant's switches. */
export function variantCells<V>(
  variants: Readonly<Record<string, Variant<V>>>,
  simulate: (switches: V, x: number, y: number, setting: Setting) => MapCell,
): Metastability['cell'] {
  return (variant, x, y, settings) => {
    const v = Object.hasOwn(variants, variant) ? variants[variant] : undefined;
    if (!v) throw new Error(`unknown variant ${variant}`);
    const setting: Setting = (k) => {
      const value = settings[k];
      if (value === undefined) throw new Error(`missing setting ${k}`);
      return value;
    };
    return simulate(v.switches, x, y, setting);
  };
}

/** `variants` for a model's Metastability: each variant's one-line doc, in the model's order. */
export function variantDocs<V>(variants: Readonly<Record<string, Variant<V>>>): Readonly<Record<string, string>> {
  return Object.fromEntries(Object.entries(variants).map(([name, v]) => [name, v.doc]));
}
