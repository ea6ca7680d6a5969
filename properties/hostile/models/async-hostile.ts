// Issue #20 items 7, 14 and 15: systems of async code (racehunt schedule) that break the rules in
// ways the first corpus did not try. Each export is one system and one broken rule.
import { setTimeout as sleep } from 'node:timers/promises';
import { defineSystem } from '../../../engine/async/index.ts';

// Taken before any run, as a library would keep it: the scheduler must see it used all the same.
const capturedSetTimeout = globalThis.setTimeout;

type Task = () => Promise<void>;
const system = (name: string, task: Task, observe: () => unknown = () => ({ ok: true })) =>
  defineSystem({
    name,
    title: 'broken on purpose',
    variants: { only: { doc: 'the one variant', options: {} } },
    setup({ wrap, spawn }) {
      const db = wrap('db', { touch: async () => undefined });
      spawn('worker', async () => {
        await db.touch();
        await task();
      });
      return { observe: observe as () => Record<string, unknown> };
    },
    invariants: { fine: { doc: 'nothing to break', check: () => true } },
  });

/** Item 14: a timer reached through node:timers/promises, not the global setTimeout. */
export const timersPromises = system('timers-promises', async () => void (await sleep(1)));
/** Item 14: a timer through a reference to setTimeout taken before the run. */
export const capturedTimer = system('captured-timer', () => new Promise((r) => void capturedSetTimeout(r, 1)));
/** Item 14: setImmediate, reached through node:timers. */
export const immediate = system('immediate', () => new Promise((r) => void setImmediate(r)));
/** Item 15: a task that rejects with an object that has no prototype (no toString at all). */
export const rejectsNullProto = system('rejects-null-proto', async () => {
  throw Object.assign(Object.create(null) as object, { code: 'E_NULL' });
});
/** Item 15: a task that rejects with an object whose toString throws. */
export const rejectsBadToString = system('rejects-bad-tostring', async () => {
  throw {
    toString() {
      throw new Error('no');
    },
  };
});
/** Item 15: a mapping (observe) whose state has a getter that throws. */
export const getterThrows = system(
  'getter-throws',
  async () => undefined,
  () => ({
    get rows(): number {
      throw new Error('the getter broke');
    },
  }),
);
/** Item 15: a mapping that throws a null-prototype object. */
export const observeThrowsNullProto = system(
  'observe-throws-null-proto',
  async () => undefined,
  () => {
    throw Object.create(null);
  },
);
/** Item 7: an invariant whose check is async (a promise is no verdict). */
export const asyncInvariant = defineSystem({
  name: 'async-invariant',
  title: 'broken on purpose',
  variants: { only: { doc: 'the one variant', options: {} } },
  setup({ wrap, spawn }) {
    const db = wrap('db', { touch: async () => undefined });
    spawn('worker', async () => void (await db.touch()));
    return { observe: () => ({ ok: true }) };
  },
  invariants: {
    fine: { doc: 'checked too late', check: (async () => Promise.reject(new Error('rejected later'))) as never },
  },
});
