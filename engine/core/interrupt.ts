/**
 * Ctrl-C, as the engine sees it. The searches are synchronous (fast-check's runs, the explorer's
 * breadth-first search), so no signal handler can run on their thread while they do: the command
 * line runs each command in a worker thread and hears SIGINT on the main thread, which writes the
 * press into memory the two threads share (engine/cli/thread.mjs). The searches ask `requested()`
 * at their safe points (before each run, every 256 states, between candidates) and stop there,
 * returning what they covered; nothing else changes, so without a press every result is the same.
 */
export interface Interrupt {
  /** Ctrl-C was pressed: stop at the next safe point. */
  readonly requested: () => boolean;
  /** Run `write` (a save) so that even a second Ctrl-C, which otherwise ends the process at once, waits for it to finish. */
  readonly uninterruptible: <T>(write: () => T) => T;
  /** The memory behind it, for the worker threads of the same command (parallel hunts). */
  readonly shared?: SharedArrayBuffer | undefined;
}

/** No Ctrl-C ever: a command run in-process (tests, tools), not by bin/racehunt.mjs. */
export const NO_INTERRUPT: Interrupt = { requested: () => false, uninterruptible: (write) => write() };

/**
 * The layout of the shared memory, as engine/cli/thread.mjs writes it: Int32 slots. PRESSES counts
 * Ctrl-C presses; SAVING counts saves in progress; QUITTING is set by a second press before the main
 * thread waits for SAVING to be 0 and ends the process. A save starts by counting itself, then
 * looks at QUITTING: the two threads' atomics are sequentially consistent, so either the main thread
 * sees the save and waits for it, or the save sees QUITTING and never writes.
 */
export const PRESSES = 0;
export const SAVING = 1;
export const QUITTING = 4;

/**
 * An Interrupt read from shared memory (at least five Int32 slots, laid out as above). `park` is
 * where a save that must not begin waits for the process to end (a test gives its own).
 */
export function sharedInterrupt(shared: SharedArrayBuffer, park: () => never = () => parkForever(shared)): Interrupt {
  const slots = new Int32Array(shared);
  return {
    shared,
    requested: () => Atomics.load(slots, PRESSES) > 0,
    uninterruptible: (write) => {
      Atomics.add(slots, SAVING, 1);
      if (Atomics.load(slots, QUITTING) !== 0) {
        // The process is ending: write nothing, and wait to be ended with it.
        Atomics.sub(slots, SAVING, 1);
        park();
      }
      try {
        return write();
      } finally {
        Atomics.sub(slots, SAVING, 1);
      }
    },
  };
}

function parkForever(shared: SharedArrayBuffer): never {
  const slots = new Int32Array(shared);
  for (;;) Atomics.wait(slots, QUITTING, 1);
}

/**
 * A command that must end now, from code that never returns to racehunt: an async loop that keeps
 * the microtask queue busy (engine/async/guards.ts) cannot be stopped from its own thread. The
 * command line's worker thread registers how to end (its one line of error, then the thread);
 * run in-process (tests, tools), nothing is registered and nothing can stop it.
 */
let endCommand: ((message: string) => void) | null = null;

export function onFatal(end: ((message: string) => void) | null): void {
  endCommand = end;
}

export function fatal(message: string): void {
  endCommand?.(message);
}
