// Issue #20 item 3: an init() that reads randomness, a clock or an outside variable. Each export
// starts somewhere else from call to call, and the start decides whether `small` breaks: a check
// that explored one start could prove what another breaks. init is probed as steps are (called
// several times, compared): exit 2, naming init, never a proof and never a step or a property.
import { always, base, model, tick } from './kit.ts';

/**
 * Randomness for the cases: a generator seeded per export (mulberry32), so that each case sees the
 * same draws on every run of the corpus (Math.random would make a case fail once in a while).
 */
function seeded(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const small = always({ name: 'small', doc: 'n stays below 5', check: (s) => s.n < 5 || `n is ${s.n}` });
const starting = (name: string, init: () => { n: number }) =>
  model({ ...base, name, init, properties: [small], actions: [tick], ends: (s) => s.n >= 3 });

/** A fair coin: half the starts break `small`. */
const coinFlips = seeded(1);
export const coin = starting('init-coin', () => ({ n: coinFlips() < 0.5 ? 0 : 5 }));
/** One start in five breaks it: most single starts would prove it. */
const rareDraws = seeded(2);
export const rare = starting('init-rare', () => ({ n: rareDraws() < 0.2 ? 5 : 0 }));
/** Math.random itself, as a float: no two calls agree. */
export const random = starting('init-random', () => ({ n: Math.random() }));
/** A clock that ticks between calls (high resolution). */
export const clock = starting('init-clock', () => ({ n: Number(process.hrtime.bigint() % 1_000_000_000n) }));
/** An outside counter: every call starts one further. */
let calls = 0;
export const counting = starting('init-counting', () => ({ n: (calls += 1) }));
/** Deterministic for its first 20 calls, then not: the next instance of the same configuration sees it. */
let late = 0;
export const lateStart = starting('init-late', () => ({ n: (late += 1) > 20 ? 5 : 0 }));
/** Fields that come in another order from call to call: what a trace records differs. */
const shuffles = seeded(3);
export const shuffled = model({
  ...base,
  name: 'init-shuffled',
  init: () => (shuffles() < 0.5 ? { n: 0, m: 0 } : { m: 0, n: 0 }) as { n: number },
  properties: [small],
  actions: [tick],
});
/** Deep inside the state: one entry of a log. */
export const deep = model({
  ...base,
  name: 'init-deep',
  init: () => ({ n: 0, log: [{ at: 0 }, { at: Math.random() }] }) as { n: number }, // a float: never twice the same
  properties: [small],
  actions: [tick],
});
/** The control: the same model with a deterministic init. */
export const steady = starting('init-steady', () => ({ n: 0 }));
