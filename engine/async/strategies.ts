/**
 * Code's strategies: how a run chooses the next operation to complete, among the enabled ones. The
 * names, what each means and the default (`delay`) are one table for models and code
 * (core/strategies.ts); models' implementations are in hunt/strategy.ts. A strategy is drawn
 * per run by fast-check (so runs are seeded and any run of a search can be re-run from seed and
 * fast-check path) and then played step by step by a chooser. A coverage-guided strategy would add
 * feedback across runs; `observe` is where a chooser hears what each step did.
 *
 * - `uniform`: each step completes one enabled operation chosen uniformly, as fast-check's
 *   `fc.scheduler` does. Races that need one task to stay stalled for many steps are rare under it.
 * - `pct` (Burckhardt et al., ASPLOS 2010, as Coyote implements it): random task priorities and up
 *   to 3 change points; the highest-priority task with an enabled operation goes, and at a change
 *   point the task on top drops to the lowest priority. Code that polls is not a thread that blocks:
 *   a task that wakes from a sleep after a round that changed nothing (an idle poll, a retry on a
 *   held lock) is parked below every other task until something changes, as the model's guard would
 *   keep it from acting; otherwise a spinning high-priority task would starve the one it waits for.
 * - `delay` (delay bounding, Emmi, Qadeer and Rakamarić, POPL 2011, as a random walk): uniform
 *   choice, except that one or two tasks are stalled: right after one of their first few changes
 *   to the state, for a random number of steps, their operations go only when nothing else can.
 *   "One DNS Enactor experienced unusually high delays" is one such stall, whatever the task does.
 */
import fc from 'fast-check';
import { DEFAULT_CODE_STRATEGY, parseStrategy, strategyDoc, type CodeStrategy } from '../core/strategies.ts';

/** An operation the harness may complete: which task issued it, what it is, in issue order. */
export interface Pending {
  readonly id: number;
  readonly lane: number;
  readonly task: string;
  readonly kind: 'call' | 'sleep';
  /** `route53.changeResourceRecordSets`, `clock.sleep` */
  readonly label: string;
}

export interface Chooser {
  /**
   * Index into `enabled` (ordered by lane, then issue order) of the operation to complete; -1 ends
   * the run. `lanes`: how many tasks have been spawned.
   */
  choose(enabled: readonly Pending[], step: number, lanes: number): number;
  /** After each step: did it change the observed state? */
  observe?(done: Pending, changed: boolean): void;
}

export interface RunShape {
  readonly maxSteps: number;
}

export interface Strategy<D = unknown> {
  readonly name: string;
  readonly doc: string;
  /** What fast-check draws for one run. */
  draw(shape: RunShape): fc.Arbitrary<D>;
  chooser(drawn: D, shape: RunShape): Chooser;
}

/** A small seeded generator for choices within one run (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const uniform: Strategy<number> = {
  name: 'uniform',
  doc: strategyDoc('uniform', 'code')!,
  draw: () => fc.noShrink(fc.integer()),
  chooser: (seed) => {
    const next = rng(seed);
    return { choose: (enabled) => Math.floor(next() * enabled.length) };
  },
};

/** The most change points PCT draws (bug depth d = changes + 1). */
const PCT_MAX_CHANGES = 3;

export const pct: Strategy<{ seed: number; changeAt: number[] }> = {
  name: 'pct',
  doc: strategyDoc('pct', 'code')!,
  draw: ({ maxSteps }) =>
    fc.record({
      seed: fc.noShrink(fc.integer()),
      changeAt: fc.array(fc.nat({ max: Math.max(0, maxSteps - 1) }), { maxLength: PCT_MAX_CHANGES }),
    }),
  chooser: ({ seed, changeAt }) => {
    const next = rng(seed);
    // Higher goes first; drawn when a task first shows up; a change point sets it below every other.
    const priority = new Map<number, number>();
    let lowest = 0;
    const of = (lane: number) => {
      let p = priority.get(lane);
      if (p === undefined) priority.set(lane, (p = 1 + next()));
      return p;
    };
    const parked = new Set<number>();
    const busy = new Set<number>(); // lanes that changed something since their last wake-up
    const top = (enabled: readonly Pending[]) => {
      let best = -1;
      for (let i = 0; i < enabled.length; i++) {
        const e = enabled[i]!;
        const b = best < 0 ? null : enabled[best]!;
        if (
          b === null ||
          (parked.has(b.lane) && !parked.has(e.lane)) ||
          (parked.has(b.lane) === parked.has(e.lane) && of(e.lane) > of(b.lane))
        )
          best = i;
      }
      return best;
    };
    return {
      choose(enabled, step) {
        if (enabled.length === 0) return -1;
        for (const at of changeAt) if (at === step) priority.set(enabled[top(enabled)]!.lane, --lowest);
        return top(enabled); // the top lane's first operation: its oldest
      },
      observe(done, changed) {
        if (changed) {
          parked.clear();
          busy.add(done.lane);
        }
        if (done.kind !== 'sleep') return;
        if (!busy.has(done.lane)) parked.add(done.lane);
        busy.delete(done.lane);
      },
    };
  },
};

interface Stall {
  /** Which task (modulo the number of tasks). */
  readonly lane: number;
  /** Stalled right after its (after + 1)-th change to the state. */
  readonly after: number;
  /** For this many steps (log-uniform over 1 … maxSteps). */
  readonly steps: number;
}

/** The most stalls a `delay` run draws, and the latest own change one may start after. */
const MAX_STALLS = 2;
const STALL_AFTER = 3;

export const delay: Strategy<{ seed: number; stalls: Stall[] }> = {
  name: 'delay',
  doc: strategyDoc('delay', 'code')!,
  draw: ({ maxSteps }) =>
    fc.record({
      seed: fc.noShrink(fc.integer()),
      // Stall lengths log-uniform over 1 … maxSteps: as likely a few steps as a few hundred, so that
      // the strategy fits short runs and long ones without knowing their length.
      stalls: fc.array(
        fc
          .record({
            lane: fc.nat({ max: 63 }),
            after: fc.nat({ max: STALL_AFTER - 1 }),
            scale: fc.integer({ min: 0, max: 1000 }),
          })
          .map(({ lane, after, scale }) => ({
            lane,
            after,
            steps: Math.max(1, Math.round(Math.max(1, maxSteps) ** (scale / 1000))),
          })),
        { minLength: 1, maxLength: MAX_STALLS },
      ),
    }),
  chooser: ({ seed, stalls }) => {
    const next = rng(seed);
    const changes = new Map<number, number>();
    const until = new Map<number, number>(); // lane → the step its stall ends
    let lanes = 1;
    let now = 0;
    return {
      choose(enabled, step, tasks) {
        lanes = Math.max(1, tasks);
        now = step;
        const free = enabled.filter((e) => (until.get(e.lane) ?? -1) <= step);
        const among = free.length > 0 ? free : enabled;
        return among.length === 0 ? -1 : enabled.indexOf(among[Math.floor(next() * among.length)]!);
      },
      observe(done, changed) {
        if (!changed) return;
        const n = changes.get(done.lane) ?? 0;
        changes.set(done.lane, n + 1);
        for (const s of stalls)
          if (s.lane % lanes === done.lane && s.after === n) until.set(done.lane, now + 1 + s.steps);
      },
    };
  },
};

/** Code's implementation of each strategy that applies to code (core/strategies.ts has the one table). */
const IMPLEMENTATIONS: Readonly<Record<CodeStrategy, Strategy>> = {
  uniform: uniform as Strategy,
  pct: pct as Strategy,
  delay: delay as Strategy,
};

/** The implementation a strategy's name stands for on code (default: delay). */
export function strategyNamed(name: string | undefined): Strategy {
  return IMPLEMENTATIONS[parseStrategy(name, 'code') ?? DEFAULT_CODE_STRATEGY];
}
