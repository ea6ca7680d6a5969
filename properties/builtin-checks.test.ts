/**
 * The checks racehunt makes of every model (engine/core/builtin.ts), on every catalog model and
 * variant at its smallest parameters: no deadlock (a state with nothing enabled is a declared
 * end), and for timed models, time that keeps passing and no Zeno runs. Each holds, within 40
 * steps, unless the model's manifest expects a counterexample (a deadlock is the zoo's bug).
 */
import { describe, expect, it } from 'vitest';
import { configure, explore, fromCatalog } from '../engine/index.ts';
import { catalog } from '../models/index.ts';

const BUILTIN = ['no-deadlock', 'time-passes', 'no-zeno'];

const cases = Object.keys(catalog).flatMap((name) => {
  const m = fromCatalog(catalog, name);
  const params = Object.fromEntries(Object.entries(m.model.params).map(([k, s]) => [k, s.min]));
  return Object.keys(m.model.variants).map((variant) => ({ name, variant, params, m }));
});

describe('built-in checks on every catalog model, at its smallest parameters', () => {
  it.each(cases.map((c) => [`${c.name} / ${c.variant}`, c] as const))('%s', (_label, { variant, params, m }) => {
    const inst = configure(m.model, variant, params);
    const targets = inst.properties.filter((p) => BUILTIN.includes(p.name)).map((p) => p.name);
    expect(targets).toContain('no-deadlock');
    if (m.model.clock) expect(targets).toEqual(expect.arrayContaining(['time-passes', 'no-zeno']));
    const r = explore(inst, { target: targets, maxDepth: 40, maxStates: 300_000 });
    for (const p of r.properties.filter((x) => targets.includes(x.name))) {
      const expected =
        m.manifest?.outcomes.find((o) => o.variant === variant && o.property === p.name)?.expect ?? 'holds';
      // A counterexample the manifest expects may need more than the smallest parameters.
      if (expected === 'counterexample' && p.outcome === 'holds') continue;
      expect(p.outcome, `${m.ref} / ${variant} / ${p.name}: ${p.message ?? ''}`).toBe(expected);
    }
  });
});
