/**
 * What the corpus's bad models share: a counter that ticks up to 3, and the claim that it stays
 * small. Each model file spreads this and breaks one rule; `base` is not a model (no brand), so a
 * module that exports it still exports exactly one model.
 */
import { modelKit } from '../../../engine/index.ts';

export type Counter = { readonly n: number };
export const { action, always, sometimes, progress, recovers, model } = modelKit<
  Counter,
  Record<string, never>,
  Record<string, never>
>();

export const base = {
  title: 'broken on purpose',
  doc: 'a hostile-corpus model (properties/hostile)',
  params: {},
  variants: { only: { doc: 'the one variant', switches: {} } },
  init: () => ({ n: 0 }),
  properties: [always({ name: 'small', doc: 'n stays below 100', check: (s: Counter) => s.n < 100 || `n is ${s.n}` })],
  ends: (s: Counter) => s.n >= 3,
};

/** The well-behaved tick the others are variations of. */
export const tick = action({ name: 'tick', actor: 'clock', when: (s) => s.n < 3, step: (d) => void (d.n += 1) });
