/**
 * The two explorers against each other, on the same models: the counterexample a hunt shrinks can
 * never be shorter than the shortest the exhaustive explorer finds, and for the DNS race it should
 * be exactly as short. Where the hunted trace is longer, the ratio is printed, and engine/minimize.ts
 * `shortest` must bring it down to the explorer's length.
 *
 * DNS at enactors=3 endpoints=2 window=1 (the explorer needs well under a second per property;
 * hunts use the manifest's budgets and seeds), plus the race at the default parameters. About 15 s, most of
 * it hunting the rarer races.
 */
import { describe, expect, it } from 'vitest';
import {
  type Choice,
  configure,
  explore,
  fromCatalog,
  hunt,
  type Instance,
  shortest,
  type Trace,
} from '../../engine/index.ts';
import { catalog } from '../../models/index.ts';

const dns = fromCatalog(catalog, 'dns');
const register = fromCatalog(catalog, 'register');
const SMALL = { enactors: 3, endpoints: 2, window: 1 };

function choicesOf(inst: Instance, trace: Trace): Choice[] {
  return trace.steps.map((s) => {
    const c = inst
      .allChoices()
      .find((x) => x.action.name === s.action && JSON.stringify(x.arg ?? null) === JSON.stringify(s.args));
    if (!c) throw new Error(`step ${s.index} (${s.action}) is not a choice of the model`);
    return c;
  });
}

/** Hunt with the manifest's budget for (variant, property); the shrunk length, and the explorer's shortest. */
function lengths(inst: Instance, variant: string, property: string) {
  const budget = dns.manifest!.outcomes.find((o) => o.variant === variant && o.property === property)!.budget;
  const seed = budget.seed;
  const hunted = hunt(inst, { seed, runs: budget.runs, maxSteps: budget.maxSteps, target: property });
  const checked = explore(inst, { target: property });
  expect(hunted.trace, `${variant} / ${property}: the hunt (seed ${seed}) found nothing`).not.toBeNull();
  expect(checked.trace, `${variant} / ${property}: the explorer found nothing`).not.toBeNull();
  return { hunted: hunted.trace!, shortestLength: checked.trace!.steps.length };
}

describe('hunted against shortest', () => {
  it('register: the lost update is 4 steps either way', () => {
    const inst = configure(register.model, 'read-modify-write');
    expect(explore(inst, { target: 'no-lost-update' }).trace?.steps).toHaveLength(4);
    expect(hunt(inst, { seed: 1, runs: 200, maxSteps: 20, target: 'no-lost-update' }).trace?.steps).toHaveLength(4);
  });

  it('dns / as-2025 at the default parameters: the shrunk race is as short as the shortest', () => {
    const inst = configure(dns.model, 'as-2025');
    const { hunted, shortestLength } = lengths(inst, 'as-2025', 'endpoint-never-empty');
    expect(hunted.steps.length).toBe(shortestLength);
  });

  const cases = dns.manifest!.outcomes.filter((o) => o.expect === 'counterexample');

  it.each(cases.map((o) => [o.variant, o.property] as const))(
    'dns / %s / %s at enactors=3 endpoints=2 window=1',
    (variant, property) => {
      const inst = configure(dns.model, variant, SMALL);
      const { hunted, shortestLength } = lengths(inst, variant, property);
      const n = hunted.steps.length;
      console.log(
        `cross-check dns / ${variant} / ${property}: hunted ${n} steps, shortest ${shortestLength} (ratio ${(n / shortestLength).toFixed(2)})`,
      );
      // Hunts end with engine/minimize.ts `shortest`, so the hunted trace is the shortest there is.
      expect(n).toBe(shortestLength);
      expect(shortest(inst, inst.property(property), choicesOf(inst, hunted))).toHaveLength(shortestLength);
    },
  );
});
