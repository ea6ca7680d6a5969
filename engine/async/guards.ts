/**
 * What must not happen under the scheduler: real timers and real network. Code that calls them
 * escapes the schedule (its continuations run when the event loop says, not when the harness says),
 * so a run would be neither controlled nor reproducible. While a run is on, the globals are patched;
 * a call made from inside a scheduled task (known by its async context) is recorded and goes
 * nowhere, and the run ends with one line naming the task and the call. Calls from outside the
 * tasks (the test runner's own timers) pass through untouched.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import net from 'node:net';

export interface TaskContext {
  readonly task: string;
  readonly lane: number;
}

/** Which scheduled task is running: set by spawn, carried through every await of that task. */
export const taskContext = new AsyncLocalStorage<TaskContext>();

/** The harness's own way to let every pending microtask run, captured before anything is patched. */
const realSetImmediate = globalThis.setImmediate;
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
export function guard(escaped: (e: Escape) => void, rejected: (reason: unknown) => void): Patch {
  const g = globalThis as unknown as Record<string, unknown>;
  const patches: Patch[] = [];
  const inTask = () => taskContext.getStore();
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
