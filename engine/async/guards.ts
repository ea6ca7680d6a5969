/**
 * What must not happen under the scheduler: real timers and real network. Code that calls them
 * escapes the schedule (its continuations run when the event loop says, not when the harness says),
 * so a run would be neither controlled nor reproducible. While a run is on, the globals are patched;
 * a call made from inside a scheduled task (known by its async context) is recorded and goes
 * nowhere, and the run ends with one line naming the task and the call. Calls from outside the
 * tasks (the test runner's own timers) pass through untouched.
 */
import { AsyncLocalStorage, createHook } from 'node:async_hooks';
import net from 'node:net';
import { fatal } from '../core/interrupt.ts';

export interface TaskContext {
  readonly task: string;
  readonly lane: number;
}

/** Which scheduled task is running: set by spawn, carried through every await of that task. */
export const taskContext = new AsyncLocalStorage<TaskContext>();

/** The harness's own way to let every pending microtask run, captured before anything is patched. */
const realSetImmediate = globalThis.setImmediate;
const realClearTimeout = globalThis.clearTimeout;
const realClearImmediate = globalThis.clearImmediate;
export const drain = (): Promise<void> => new Promise((resolve) => realSetImmediate(resolve));

export interface Escape {
  readonly task: string;
  readonly what: string;
}

type Patch = { restore(): void };

/**
 * Patch the globals for the length of one run. `escaped` receives the first escape; the run checks
 * it after every step. Unhandled rejections are taken over too (they are findings, not crashes),
 * and handed back to their previous listeners afterwards.
 */
export function guard(escaped: (e: Escape) => void, rejected: (reason: unknown) => void, system = 'the system'): Patch {
  const g = globalThis as unknown as Record<string, unknown>;
  const patches: Patch[] = [];
  const inTask = () => taskContext.getStore();
  patches.push(watchResources(escaped, system));
  const patchGlobal = (name: string, what: (args: unknown[]) => string, inert: () => unknown) => {
    const real = g[name];
    if (typeof real !== 'function') return;
    g[name] = function (this: unknown, ...args: unknown[]) {
      const t = inTask();
      if (!t) return (real as (...a: unknown[]) => unknown).apply(this, args);
      escaped({ task: t.task, what: what(args) });
      return inert();
    };
    patches.push({ restore: () => void (g[name] = real) });
  };
  const timer = (name: string) => (args: unknown[]) => `${name}(…, ${typeof args[1] === 'number' ? args[1] : 0})`;
  patchGlobal('setTimeout', timer('setTimeout'), () => ({ ref() {}, unref() {}, hasRef: () => false, refresh() {} }));
  patchGlobal('setInterval', timer('setInterval'), () => ({ ref() {}, unref() {}, hasRef: () => false, refresh() {} }));
  patchGlobal(
    'setImmediate',
    () => 'setImmediate(…)',
    () => ({ ref() {}, unref() {}, hasRef: () => false }),
  );
  patchGlobal(
    'fetch',
    (args) => `fetch(${typeof args[0] === 'string' ? JSON.stringify(args[0]) : '…'})`,
    () => new Promise(() => {}),
  );

  // Sockets: net, http, https and undici all connect through net.Socket.
  const realConnect = net.Socket.prototype.connect;
  net.Socket.prototype.connect = function (this: net.Socket, ...args: unknown[]) {
    const t = inTask();
    if (!t) return (realConnect as (...a: unknown[]) => net.Socket).apply(this, args);
    // net.connect hands connect() its normalized arguments: [options, callback].
    const first = Array.isArray(args[0]) ? (args[0] as unknown[])[0] : args[0];
    const where = first as { host?: string; port?: number; path?: string } | number | string;
    escaped({
      task: t.task,
      what: `a network connection (net.Socket.connect to ${typeof where === 'object' ? (where.path ?? `${where.host ?? 'localhost'}:${where.port}`) : String(where)})`,
    });
    return this;
  } as typeof realConnect;
  patches.push({ restore: () => void (net.Socket.prototype.connect = realConnect) });

  const previous = process.listeners('unhandledRejection');
  process.removeAllListeners('unhandledRejection');
  const onRejection = (reason: unknown) => rejected(reason);
  process.on('unhandledRejection', onRejection);
  patches.push({
    restore: () => {
      process.removeListener('unhandledRejection', onRejection);
      for (const l of previous) process.on('unhandledRejection', l);
    },
  });
  return { restore: () => patches.reverse().forEach((p) => p.restore()) };
}

/** More promises than this in one run, made by its tasks, is a loop of awaits that never waits on a wrapped fake. */
export const MAX_PROMISES_PER_RUN = 1_000_000;

/**
 * Every asynchronous resource a task creates, however it got there: the globals are patched
 * above, but `setTimeout` from node:timers/promises, or a reference taken before the run, reaches
 * the real timer without them. A timer or an immediate made inside a task is an escape like any
 * other (and is cleared, so that it never fires); a task that makes promises without end (async
 * recursion that awaits nothing the scheduler controls) would fill the memory without ever giving
 * a step back, so past MAX_PROMISES_PER_RUN it is stopped (engine/core/interrupt.ts fatal).
 */
function watchResources(escaped: (e: Escape) => void, system: string): Patch {
  const leaked: { type: string; resource: unknown }[] = [];
  let promises = 0;
  let runaway = false;
  const hook = createHook({
    init(_id, type, _trigger, resource) {
      if (type === 'PROMISE') {
        if (runaway || ++promises <= MAX_PROMISES_PER_RUN) return;
        const t = taskContext.getStore();
        if (!t) return;
        runaway = true;
        const what = `over ${MAX_PROMISES_PER_RUN.toLocaleString('en-US')} promises in one run without the schedule moving on (an async loop or recursion that never waits on a wrapped fake)`;
        escaped({ task: t.task, what });
        fatal(`system "${system}": ${t.task} made ${what}; stopped`);
        return;
      }
      if (type !== 'Timeout' && type !== 'Immediate') return;
      const t = taskContext.getStore();
      if (!t) return;
      leaked.push({ type, resource });
      const ms = (resource as { _idleTimeout?: unknown })._idleTimeout;
      escaped({
        task: t.task,
        what:
          type === 'Timeout'
            ? `a real timer${typeof ms === 'number' && ms >= 0 ? ` of ${ms} ms` : ''} (setTimeout reached without the patched global: through node:timers/promises, or a reference taken before the run)`
            : 'a real setImmediate (reached without the patched global: through node:timers, or a reference taken before the run)',
      });
    },
  });
  hook.enable();
  return {
    restore: () => {
      hook.disable();
      // An escaped timer never fires: its callback would run outside any schedule.
      for (const l of leaked)
        (l.type === 'Timeout' ? realClearTimeout : realClearImmediate)(l.resource as NodeJS.Timeout & NodeJS.Immediate);
    },
  };
}
