/**
 * The properties racehunt checks of every model, as TLC checks deadlock by default: they are
 * judged like any declared property (in hunts, the explorer, replays and manifests), by name.
 *
 * - `no-deadlock` (every model, and every system of async code): a state in which nothing can go
 *   is a declared end (`ends`; for code, every task has finished). Any other such state is a
 *   deadlock: the protocol is stuck, not done. One claim for both; each pipeline reads "nothing
 *   can go" from its own steps (a model's guards, the harness's pending operations).
 * - `time-passes` (timed models, `clock`): from every state the clock can still advance, within
 *   `clock.zeno` steps, unless the state is a declared end. A stopped clock makes every bound
 *   counted in ticks hold vacuously.
 * - `no-zeno` (timed models): no run takes more than `clock.zeno` steps in a row without the
 *   clock advancing (a Zeno run: steps keep being taken while time stands still).
 */
import { NO_DEADLOCK, NO_ZENO, TIME_PASSES } from './builtin-names.ts';
import { RacehuntError, messageOf } from './errors.ts';
import { stepBound, type AnyCtx, type AnyModel, type AnyProperty } from './model.ts';

/**
 * What the built-ins need of an instance (instance.ts, which adds them to its properties): its
 * model and context, its end states, and its steps.
 */
export interface Stepping<C> {
  readonly model: AnyModel;
  readonly ctx: AnyCtx;
  isEnd(state: unknown): boolean;
  choices(state: unknown): readonly C[];
  next(state: unknown, c: C): unknown;
}

export { NO_DEADLOCK, NO_ZENO, TIME_PASSES };

/** The deadlock claim as a trace names it, for models and for code (async/checks.ts). */
export const DEADLOCK = {
  name: NO_DEADLOCK,
  kind: 'always',
  doc: 'a state where nothing can go is a declared end, not a deadlock',
} as const;

/** The names and kinds of the built-in properties a model has (for manifests, before any instance). */
export function builtinNames(model: {
  readonly clock?: unknown;
}): { readonly name: string; readonly kind: 'always' | 'progress' }[] {
  return [
    { name: DEADLOCK.name, kind: DEADLOCK.kind },
    ...(model.clock
      ? [
          { name: TIME_PASSES, kind: 'always' as const },
          { name: NO_ZENO, kind: 'progress' as const },
        ]
      : []),
  ];
}

/** The built-in properties of an instance. */
export function builtinProperties<C>(inst: Stepping<C>): AnyProperty[] {
  const described = inst.model.stuck;
  // The model's words for a deadlock, when it gives them: a message, not a copy of the check.
  const stuck = described
    ? (s: unknown): string => {
        try {
          return String(described(s, inst.ctx));
        } catch (e) {
          throw new RacehuntError('model-error', `model "${inst.model.name}": its stuck threw ${messageOf(e)}`);
        }
      }
    : undefined;
  const out: AnyProperty[] = [
    {
      ...DEADLOCK,
      // A model's verdict says, in its first lines, how to declare where the protocol is done.
      doc: `${DEADLOCK.doc} (declare where the protocol is done with \`ends: (state) => …\`, or turn this check off with --no-deadlock)`,
      check: (s) =>
        inst.isEnd(s) ||
        inst.choices(s).length > 0 ||
        (stuck
          ? `${stuck(s)} (no action is enabled, and this is not a declared end: a deadlock)`
          : 'no action is enabled and this is not a declared end state: a deadlock (declare the states where the protocol is done with `ends`)'),
    },
  ];
  const clock = inst.model.clock;
  if (!clock) return out;
  const zeno = stepBound(
    typeof clock.zeno === 'number' ? clock.zeno : clock.zeno(inst.ctx),
    `model "${inst.model.name}": clock.zeno`,
  );
  const now = (s: unknown): number => {
    let t: unknown;
    try {
      t = clock.now(s, inst.ctx);
    } catch (e) {
      throw new RacehuntError('model-error', `model "${inst.model.name}": its clock.now threw ${messageOf(e)}`);
    }
    if (typeof t !== 'number' || !Number.isFinite(t))
      throw new RacehuntError(
        'bad-model',
        `model "${inst.model.name}": its clock.now must return a finite number, got ${String(t)}`,
      );
    return t;
  };
  // What time waits for, as the model says it (an urgent step that stays due), after a verdict.
  const waiting = (s: unknown): string => {
    let due: string | null;
    try {
      due = clock.urgent?.(s, inst.ctx) ?? null;
    } catch (e) {
      throw new RacehuntError('model-error', `model "${inst.model.name}": its clock.urgent threw ${messageOf(e)}`);
    }
    return due === null ? '' : `: ${due}, and time waits for it`;
  };
  out.push(
    {
      kind: 'always',
      name: TIME_PASSES,
      doc: `from every state the clock can advance within ${zeno} steps, unless the state is a declared end`,
      check: (s) =>
        inst.isEnd(s) ||
        canAdvance(inst, s, now, zeno) ||
        `time cannot pass: no sequence of at most ${zeno} steps from here advances the clock beyond ${now(s)}${waiting(s)}`,
    },
    {
      kind: 'progress',
      form: 'monitor',
      name: NO_ZENO,
      doc: `no run takes more than ${zeno} steps in a row without the clock advancing`,
      start: (s) => ({ now: now(s), still: 0 }),
      observe: (m, s) => {
        const t = now(s);
        const mem = m as { now: number; still: number };
        return t > mem.now ? { now: t, still: 0 } : { now: mem.now, still: mem.still + 1 };
      },
      verdict: (m, s) => {
        const mem = m as { now: number; still: number };
        return (
          mem.still <= zeno ||
          `${mem.still} steps in a row without the clock advancing past ${mem.now} (at most ${zeno}): a Zeno run${waiting(s)}`
        );
      },
    },
  );
  return out;
}

/** Can some sequence of at most `bound` steps from `from` advance the clock? (breadth-first) */
function canAdvance<C>(inst: Stepping<C>, from: unknown, now: (s: unknown) => number, bound: number): boolean {
  const start = now(from);
  let level: unknown[] = [from];
  const seen = new Set<string>([JSON.stringify(from)]);
  for (let depth = 0; depth < bound && level.length > 0; depth++) {
    const next: unknown[] = [];
    for (const s of level) {
      for (const c of inst.choices(s)) {
        const t = inst.next(s, c);
        if (now(t) > start) return true;
        const key = JSON.stringify(t);
        if (!seen.has(key)) {
          seen.add(key);
          next.push(t);
        }
      }
    }
    level = next;
  }
  return false;
}
