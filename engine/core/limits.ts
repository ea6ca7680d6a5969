/**
 * How much racehunt reads of what it is given, so that no input can take its memory or its time
 * without bound: a trace file is a regular file of at most MAX_TRACE_BYTES (`replay /dev/zero` or a
 * named pipe is refused at once, never read forever or waited on), and a schedule or search path is
 * at most MAX_PATH_CHARS long and names at most as many steps as its run may take (a repeat count
 * of 0x10¹⁵ is refused, not unrolled).
 */
import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';

/** The largest trace file read: the largest racehunt writes (DWFM, us-east-1) are under 1 MB. */
export const MAX_TRACE_BYTES = 32 * 1024 * 1024;
/** The longest schedule or search path read (a path racehunt prints is a few hundred characters). */
export const MAX_PATH_CHARS = 100_000;

/** Why a file cannot be read as text: a reason in words (a code such as ENOENT, or what the file is). */
export class Unreadable extends Error {
  constructor(
    readonly reason: string,
    readonly bytes?: number,
  ) {
    super(reason);
  }
}

/**
 * A regular file's text, read without blocking and without reading more than `limit` bytes: a
 * named pipe, a device or a socket is refused before any read (opening a pipe with no writer would
 * wait forever, and no signal could stop the thread), a folder says EISDIR.
 */
export function readBounded(file: string, limit: number): string {
  let fd: number;
  try {
    // O_NONBLOCK: opening a named pipe with no writer returns at once instead of waiting for one.
    fd = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (e) {
    throw new Unreadable((e as NodeJS.ErrnoException).code ?? String(e));
  }
  try {
    const stat = fstatSync(fd);
    if (stat.isDirectory()) throw new Unreadable('EISDIR');
    if (!stat.isFile()) throw new Unreadable(`it is ${kindOf(stat)}, not a file`);
    if (stat.size > limit) throw new Unreadable(`it holds ${megabytes(stat.size)}`, stat.size);
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.alloc(Math.min(1 << 20, limit + 1 - total));
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      chunks.push(chunk.subarray(0, n));
      total += n;
      // A file that grows while it is read (a log, /proc): no more than the limit, whatever it says.
      if (total > limit) throw new Unreadable(`it holds more than ${megabytes(limit)}`, total);
    }
    return Buffer.concat(chunks).toString('utf8');
  } finally {
    closeSync(fd);
  }
}

function kindOf(s: Stats): string {
  if (s.isFIFO()) return 'a named pipe';
  if (s.isCharacterDevice() || s.isBlockDevice()) return 'a device';
  if (s.isSocket()) return 'a socket';
  return 'not a regular file';
}

export function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/**
 * Check a hunt's --path (fast-check's path: the failing run's index, then the shrink steps, joined
 * by ":") before fast-check walks it: walking to run 10⁹ would spin for minutes where no Ctrl-C is
 * heard. The run must be one of the search's `runs`; returns a one-line reason when it is not.
 */
export function searchPathProblem(path: string, runs: number): string | null {
  if (path.length > MAX_PATH_CHARS)
    return `${path.length.toLocaleString('en-US')} characters, more than a search path has (at most ${MAX_PATH_CHARS.toLocaleString('en-US')})`;
  if (!/^\d{1,10}(:\d{1,10})*$/.test(path)) return 'a search path is run numbers joined by ":" (as racehunt prints it)';
  const run = Number(path.split(':')[0]) + 1;
  if (run > runs)
    return `it names run ${run.toLocaleString('en-US')}, beyond the ${runs.toLocaleString('en-US')} runs this hunt may take (give --runs ${run} if the search that found it ran that far)`;
  return null;
}
