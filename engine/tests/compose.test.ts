/**
 * Composition (engine/compose.ts) on its own tiny example (fixtures/bakery.ts): lifted actions and
 * properties run on their part's sub-state under the part's own variant and parameters; a shared
 * tick advances both parts; hunts, the explorer and replay treat the composite as any model.
 */
import { describe, expect, it } from 'vitest';
import { composeKit } from '../core/compose.ts';
import { RacehuntError } from '../core/errors.ts';
import { explore } from '../explore/explore.ts';
import { hunt } from '../hunt/hunt.ts';
import { configure } from '../core/instance.ts';
import { replay } from '../core/replay.ts';
import { bakery, oven, shop } from './fixtures/bakery.ts';

type Bakery = { readonly minute: number; readonly oven: unknown; readonly shop: { readonly shelf: number } };

describe('compose: parts of a composite', () => {
  it("a lifted action keeps its name, actor and guard, and steps and describes the part's sub-state", () => {
    const inst = configure(bakery, 'overbaked');
    const rush = inst.allChoices().find((c) => c.action.name === 'customerRushes')!;
    expect(inst.actor(rush)).toBe('customer');
    const start = inst.initial();
    expect(inst.enabled(start, rush)).toBe(false); // the shelf is empty: the shop's own guard, on its sub-state
    const tick = inst.allChoices().find((c) => c.action.name === 'timePasses')!;
    const after = inst.next(start, tick) as Bakery;
    expect(after.shop.shelf).toBe(1);
    expect(inst.enabled(after, rush)).toBe(true);
    const { state, step } = inst.record(after, rush);
    expect((state as Bakery).shop.shelf).toBe(0);
    expect(step.description).toBe('a customer buys one of 1 loaves');
    expect(step.changes.map((c) => c.path.join('.'))).toEqual(['shop.shelf', 'shop.sold']);
  });

  it("each part runs under its own variant and parameters, chosen from the composite's", () => {
    const inst = configure(bakery, 'overbaked');
    const tick = inst.allChoices().find((c) => c.action.name === 'timePasses')!;
    const s = inst.next(inst.initial(), tick) as Bakery & { oven: { baked: number } };
    expect(s.oven.baked).toBe(2); // overbaked binds the oven's rate to 2
    expect(s.shop.shelf).toBe(1); // the shop (variant busy, sells 1) sold one of the two
  });

  it("lifts a part's property under the part's name, and a hunt of the composite breaks it", () => {
    expect(bakery.properties.map((p) => p.name)).toEqual(['shop-shelf-within-limit', 'clocks-in-step']);
    const r = hunt(configure(bakery, 'overbaked'), {
      seed: 1,
      runs: 200,
      maxSteps: 20,
      target: 'shop-shelf-within-limit',
    });
    expect(r.trace?.message).toBe('4 loaves on a shelf for 3');
    expect(r.trace?.steps.map((s) => s.action)).toEqual(['timePasses', 'timePasses', 'timePasses', 'timePasses']);
    expect(hunt(configure(bakery, 'balanced'), { seed: 1, runs: 200, maxSteps: 20 }).found).toBe(false);
  });

  it("clocks-in-step catches a shared tick that leaves a part's clock behind", () => {
    const r = hunt(configure(bakery, 'forgets-shop'), { seed: 1, runs: 50, maxSteps: 10, target: 'clocks-in-step' });
    expect(r.trace?.message).toBe("shop's clock reads 0 where the composite's time says 1");
    expect(r.trace?.steps).toHaveLength(1);
  });

  it('the explorer and replay need nothing new', () => {
    const r = explore(configure(bakery, 'overbaked'), { target: 'shop-shelf-within-limit' });
    expect(r.properties[0]).toMatchObject({ outcome: 'counterexample', steps: 4 });
    const again = replay(bakery, r.trace!, 'bakery.json');
    expect(again.reproduced).toBe(true);
    expect(
      explore(configure(bakery, 'balanced'), { exhaust: true }).properties.find(
        (p) => p.name === 'shop-shelf-within-limit',
      )?.outcome,
    ).toBe('holds');
  });
});

describe('compose: bad bindings are one clear error naming the part', () => {
  const { part } = composeKit<Bakery, { readonly n: number }, Record<string, never>>();
  const ctx = Object.freeze({ params: Object.freeze({ n: 1 }), switches: Object.freeze({}), variantName: 'x' });

  it.each([
    [
      'an unknown variant',
      () => part('shop', shop, { variant: 'closed' }).ctx(ctx),
      /part "shop" \(model "shop"\): unknown variant "closed"/,
    ],
    [
      'a parameter out of range',
      () => part('oven', oven, { variant: 'steady', params: { rate: 9 } }).ctx(ctx),
      /part "oven" \(model "oven"\): parameter rate=9 is out of range/,
    ],
    [
      'an unknown action',
      () => part('shop', shop, { variant: 'busy' }).action('shopCloses'),
      /part "shop" \(model "shop"\): it has no action "shopCloses" \(known: deliveryArrives, shopSells, customerRushes\)/,
    ],
    [
      'an unknown property',
      () => part('shop', shop, { variant: 'busy' }).property('always-open'),
      /it has no property "always-open"/,
    ],
    [
      'a key that cannot prefix property names',
      () => part('Shop' as 'shop', shop, { variant: 'busy' }),
      /its key must be one lower-case word/,
    ],
  ] as const)('%s', (_what, f, message) => {
    expect(f).toThrow(RacehuntError);
    expect(f).toThrow(message);
  });
});
