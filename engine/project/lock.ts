/**
 * A folder's lock for saves: `<folder>/.racehunt-lock`, created exclusively (O_EXCL), holding the
 * process, thread and a token of its holder, removed when the save is done. Two saves into one
 * folder (two racehunt processes in CI, two vitest workers) take turns, so that one's JSON never
 * stands beside the other's twin.
 *
 * A lock whose holder is gone (killed mid-save) is stale and taken over; so is one that names a
 * process that is not Node (a lock file that came with a pull request, naming pid 1). A live
 * holder is waited for: a save takes milliseconds, so after LOCK_WAIT_MS the wait gives up with
 * one line naming the lock.
 */
import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { threadId } from 'node:worker_threads';
import { RacehuntError, messageOf } from '../core/errors.ts';

export const LOCK_FILE = '.racehunt-lock';
const LOCK_WAIT_MS = 30_000;
const POLL_MS = 10;
/** A lock file too young to hold its holder yet (created, not yet written) is not stale. */
const UNWRITTEN_GRACE_MS = 2_000;

interface Holder {
  readonly pid: number;
  readonly thread: number;
  readonly token: string;
}

/** Run `body` holding `dir`'s lock; `what` starts the one-line error when the lock cannot be had. */
export function withFolderLock<T>(dir: string, what: string, body: () => T): T {
  const file = join(dir, LOCK_FILE);
  const me: Holder = { pid: process.pid, thread: threadId, token: Math.random().toString(36).slice(2) };
  const text = JSON.stringify(me);
  const start = Date.now();
  for (;;) {
    try {
      writeFileSync(file, text, { flag: 'wx' });
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw new RacehuntError('io', `${what}: ${messageOf(e)}`);
    }
    const held = readLock(file, what);
    if (held === undefined) continue; // released meanwhile
    if (stale(held, file)) {
      // Taken over only if it is still the lock that was judged stale (another waiter may have taken it).
      if (readLock(file, what)?.raw === held.raw) rmSync(file, { force: true });
      continue;
    }
    if (Date.now() - start > LOCK_WAIT_MS)
      throw new RacehuntError(
        'io',
        `${what}: ${file} is held by process ${held.holder?.pid ?? '(unknown)'} (another racehunt saving there) for over ${LOCK_WAIT_MS / 1000} s; remove it if no racehunt is running`,
      );
    sleep(POLL_MS);
  }
  try {
    return body();
  } finally {
    release(file, text);
  }
}

/** Remove the lock if it is still ours; a lock that is gone or changed is not ours to remove. */
function release(file: string, mine: string): void {
  try {
    if (readFileSync(file, 'utf8') === mine) rmSync(file, { force: true });
  } catch {
    // gone already: nothing to release
  }
}

/** The lock as it is now; undefined when there is none. `what` starts the error for a lock that cannot be read. */
function readLock(file: string, what: string): { raw: string; holder: Holder | null } | undefined {
  let raw: string;
  try {
    raw = readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new RacehuntError('io', `${what}: ${file} is in the way of its lock and cannot be read: ${messageOf(e)}`);
  }
  try {
    const h = JSON.parse(raw) as Partial<Holder>;
    return Number.isSafeInteger(h.pid) && Number.isSafeInteger(h.thread) && typeof h.token === 'string'
      ? { raw, holder: h as Holder }
      : { raw, holder: null };
  } catch {
    return { raw, holder: null };
  }
}

/** Is a lock's holder gone (or never a racehunt), so that the lock may be taken over? */
function stale(held: { holder: Holder | null }, file: string): boolean {
  const h = held.holder;
  if (h === null) {
    // Unreadable: a holder that died between creating and writing it, once it is old enough.
    try {
      return Date.now() - statSync(file).mtimeMs > UNWRITTEN_GRACE_MS;
    } catch {
      return false;
    }
  }
  if (h.pid === process.pid) return h.thread === threadId; // our own thread holds no lock while it waits
  return !nodeProcess(h.pid);
}

/** Is a process with this id running, and (where the system says) a Node process? */
function nodeProcess(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  try {
    return /node|racehunt|vitest|tsx/i.test(readFileSync(`/proc/${pid}/cmdline`, 'utf8'));
  } catch {
    return true; // no /proc (macOS, Windows): a running process is taken at its word
  }
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}
