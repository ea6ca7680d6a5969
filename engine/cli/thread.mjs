/**
 * The command line's two threads, so that Ctrl-C can stop a search and still have it say what it
 * covered. racehunt's searches are synchronous (fast-check's runs, the explorer's breadth-first
 * search): while one runs, no signal handler can run on its thread. So the command runs in a worker
 * thread, and this thread, which only waits for it, hears SIGINT and SIGTERM:
 *
 * - the first Ctrl-C is written into memory both threads share; the searches read it at their safe
 *   points (engine/core/interrupt.ts), stop there, and the command prints what it covered (exit 130);
 * - a second Ctrl-C (`timeout -s INT` and some CI runners send two, milliseconds apart) or a SIGTERM
 *   (GitHub cancels a job with SIGINT, then SIGTERM) gives the command two more seconds to reach a
 *   safe point and print what it covered; only then, or at a third, does the process end without
 *   it. A save in progress is always let finish first (the worker counts its saves in the same
 *   memory), and no other begins, so a trace and its twin stay all or nothing. A command stuck in
 *   model code that never returns (a guard in an infinite loop) has no safe point: it ends with one
 *   line saying so.
 *
 * Without a Ctrl-C nothing differs: the worker runs the same main() on the same arguments. Its
 * output comes here as messages, stdout and stderr on one channel, and is written in the order it
 * was made (a worker's own streams reach this thread each on its own, so a progress line on stderr
 * could be cleared after the result was printed on stdout). The worker is told whether they are
 * terminals, and their width.
 *
 * Plain JavaScript: this thread does not load TypeScript at all; the worker registers what loads it
 * (project/typescript.mjs: tsx when the project has it, else Node's own type stripping).
 */
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { registerTypeScript } from '../project/typescript.mjs';

// The shared memory, Int32 slots; PRESSES, SAVING and QUITTING as engine/core/interrupt.ts reads them.
const PRESSES = 0;
const SAVING = 1;
const COLUMNS = { stdout: 2, stderr: 3 };
const QUITTING = 4;
const EXIT_INTERRUPTED = 130;
const EXIT_INCOMPLETE = 4;

/** A thrown value's text, whatever it is (engine/core/errors.ts messageOf, for this thread, which loads no TypeScript). */
function textOf(e) {
  try {
    if (e instanceof Error) return e.message;
    const s = String(e);
    return s === '[object Object]' ? JSON.stringify(e) : s;
  } catch {
    return 'a value with no string form';
  }
}
/** After a second Ctrl-C or a SIGTERM, how long the command has to reach a safe point and print what it covered. */
const GRACE_MS = 2000;
/** How long a stopped worker is given to end before the process ends itself harder (a thread stuck in a system call). */
const TERMINATE_MS = 1000;

/**
 * End the process now. A worker thread stuck in a system call would keep process.exit waiting
 * forever, so it is terminated first; if even that does not return, the process kills itself.
 */
function endNow(worker, code) {
  const killer = setTimeout(() => process.kill(process.pid, 'SIGKILL'), TERMINATE_MS);
  worker.terminate().then(() => {
    clearTimeout(killer);
    process.exit(code);
  });
}

/**
 * Run `racehunt <argv>` in a worker thread; resolves to its exit code. `modules` are the URLs of
 * the CLI's main, the interrupt module and the catalog (sources here, dist/ when installed).
 */
export function runCommand(argv, modules) {
  const shared = new SharedArrayBuffer(4 * 8);
  const slots = new Int32Array(shared);
  const terminal = {};
  for (const [name, stream] of [
    ['stdout', process.stdout],
    ['stderr', process.stderr],
  ]) {
    terminal[name] = stream.isTTY === true;
    Atomics.store(slots, COLUMNS[name], stream.columns ?? 0);
    if (stream.isTTY) stream.on('resize', () => Atomics.store(slots, COLUMNS[name], stream.columns ?? 0));
  }
  const worker = new Worker(new URL(import.meta.url), {
    workerData: { racehuntCommand: { argv, modules, shared, terminal } },
  });

  // A reader that went away (`racehunt … | head`) is not an error of the command's: what it did
  // not read is dropped, and the command finishes with its own exit code, without a stack trace.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (e) => {
      if (e?.code !== 'EPIPE') throw e;
    });
  }

  let hurry = null;
  let ended = false;
  let savedMeanwhile = false;
  const quit = () => {
    if (ended) return;
    // A save that has begun is let finish; one that has not will not begin (engine/core/interrupt.ts).
    Atomics.store(slots, QUITTING, 1);
    if (Atomics.load(slots, SAVING) > 0) {
      savedMeanwhile = true;
      setTimeout(quit, 5);
      return;
    }
    // The command that just finished its save gets the grace again, to print what it found.
    if (savedMeanwhile) {
      savedMeanwhile = false;
      hurry = setTimeout(quit, GRACE_MS);
      return;
    }
    ended = true;
    process.stderr.write(
      `racehunt: stopped before the command reached a safe point, so nothing more can be reported (a step, guard or property that does not return cannot be stopped in between)\n`,
    );
    endNow(worker, EXIT_INTERRUPTED);
  };
  /**
   * Ctrl-C, twice, and SIGTERM (what CI sends to cancel a job): the first asks for the summary at
   * the next safe point; a second, or a SIGTERM, gives the command GRACE_MS more to print it (a save
   * in progress always finishes first), then ends the process; a third ends it at once.
   */
  const onSignal = (signal) => {
    // Once the command has ended, a late signal (GitHub's SIGTERM 100 ms after its SIGINT) must not
    // end the process by the default action before it exits with the command's own code.
    if (ended) return;
    const presses = Atomics.add(slots, PRESSES, 1);
    // On a terminal, off the line the ^C was echoed on.
    const fresh = process.stderr.isTTY ? '\n' : '';
    if (presses === 0)
      process.stderr.write(
        signal === 'SIGTERM'
          ? `${fresh}racehunt: terminated: stopping at the next safe point to print what was covered (at most ${GRACE_MS / 1000} s)\n`
          : `${fresh}racehunt: stopping at the next safe point to print what was covered (Ctrl-C again to give it at most ${GRACE_MS / 1000} s)\n`,
      );
    if (presses === 0 && signal !== 'SIGTERM') return;
    if (hurry === null) hurry = setTimeout(quit, GRACE_MS);
    else quit();
  };
  const onSigint = () => onSignal('SIGINT');
  const onSigterm = () => onSignal('SIGTERM');
  process.on('SIGINT', onSigint);
  process.on('SIGTERM', onSigterm);

  return new Promise((resolve) => {
    let code = null;
    worker.on('message', (m) => {
      if (m.kind === 'write') (m.fd === 1 ? process.stdout : process.stderr).write(m.chunk);
      else {
        // The command has said all it will: a signal from here on has nothing left to stop.
        ended = true;
        code = m.code;
      }
    });
    worker.on('error', (e) => {
      if (process.env.RACEHUNT_DEBUG) console.error(e);
      if (e?.code === 'ERR_WORKER_OUT_OF_MEMORY') {
        console.error(
          'racehunt: the command ran out of memory before it could say what it covered (bound it: --max-states for check, --max-steps or fewer workers for hunt)',
        );
        code = EXIT_INCOMPLETE;
        return;
      }
      // The command's own code reports through main(); what reaches here was thrown where nothing
      // waited for it: a timer or callback of the model's code, outside any step.
      console.error(
        `racehunt: an error was thrown outside any step, where racehunt could not catch it (a timer or callback in model code?): ${textOf(e)} (set RACEHUNT_DEBUG=1 for the stack)`,
      );
      code = 2;
    });
    worker.on('exit', () => {
      ended = true;
      if (hurry !== null) clearTimeout(hurry);
      // The handlers stay (signal handlers keep no process alive): removed, a SIGTERM arriving
      // while the output is flushed would kill the process with no exit code (a signal's).
      resolve(code ?? 2);
    });
  });
}

/** The worker's side: TypeScript models loadable (project/typescript.mjs), then main(). */
async function command({ argv, modules, shared, terminal }) {
  const slots = new Int32Array(shared);
  for (const [name, fd] of [
    ['stdout', 1],
    ['stderr', 2],
  ]) {
    const stream = process[name];
    Object.defineProperty(stream, 'isTTY', { value: terminal[name], configurable: true });
    Object.defineProperty(stream, 'columns', {
      get: () => Atomics.load(slots, COLUMNS[name]) || undefined,
      configurable: true,
    });
    stream.write = (chunk, encoding, done) => {
      parentPort.postMessage({ kind: 'write', fd, chunk });
      (typeof encoding === 'function' ? encoding : done)?.();
      return true;
    };
  }
  await registerTypeScript();
  const { main } = await import(modules.main);
  const { sharedInterrupt, onFatal } = await import(modules.interrupt);
  // Code that never returns to racehunt (a runaway async loop) is ended from here: its one line, then the thread.
  const exit = process.exit.bind(process);
  let finished = false;
  const fail = (line) => {
    finished = true;
    parentPort.postMessage({ kind: 'write', fd: 2, chunk: `racehunt: ${line}\n` });
    parentPort.postMessage({ kind: 'exit', code: 2 });
  };
  onFatal((message) => {
    fail(message);
    exit(2);
  });
  // Nothing left to run and the command not finished: what it waits for will never come.
  process.on('beforeExit', () => {
    if (!finished)
      fail(
        'the command stopped with nothing left to run before it finished: a module it loaded waits forever (a top-level await that never settles), or its code waits on something nothing will do',
      );
  });
  // A promise that model code let reject after its command failed is not a second error of racehunt's.
  process.on('unhandledRejection', (reason) => {
    if (process.env.RACEHUNT_DEBUG) console.error(reason);
  });
  const { catalog } = await import(modules.catalog);
  const code = await main(argv, catalog, modules.catalog, sharedInterrupt(shared));
  finished = true;
  parentPort.postMessage({ kind: 'exit', code });
}

if (!isMainThread && workerData?.racehuntCommand) await command(workerData.racehuntCommand);
