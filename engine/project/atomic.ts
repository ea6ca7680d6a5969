/**
 * Files that are whole or absent, never half-written (a full disk, a kill): each is written under
 * a temporary name beside it (`<name>.tmp-<pid>`) and only then given its name. Pairs that must
 * match (a trace and its twin) are save.ts's; these are single files (a map, a timeline) and sets
 * of new files (the starter of `racehunt init`).
 */
import {
  closeSync,
  constants,
  existsSync,
  fstatSync,
  linkSync,
  mkdirSync,
  openSync,
  renameSync,
  rmSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { dirname, resolve } from 'node:path';
import { RacehuntError, messageOf } from '../core/errors.ts';

const temporary = (path: string) => `${path}.tmp-${process.pid}`;

/** Write one file whole: it has its new content or its old one, never part of either. */
export function writeWhole(path: string, content: string | Uint8Array): void {
  const tmp = temporary(path);
  try {
    writeFileSync(tmp, content);
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw new RacehuntError('io', `could not write ${path}: ${messageOf(e)}`);
  }
}

/**
 * Create new files, all or none, never over a file that exists (even one that appeared meanwhile):
 * every file is written under a temporary name, then linked to its name (a link fails if the name
 * is taken). Any failure removes what this call made. `what` starts the error's line.
 */
export function createAll(files: readonly { readonly path: string; readonly text: string }[], what: string): void {
  const made: string[] = [];
  const temps: string[] = [];
  try {
    for (const f of files) {
      temps.push(temporary(f.path));
      writeFileSync(temporary(f.path), f.text);
    }
    for (const f of files) {
      claim(temporary(f.path), f.path);
      made.push(f.path);
    }
  } catch (e) {
    for (const path of made) rmSync(path, { force: true });
    throw new RacehuntError('io', `${what}: ${messageOf(e)}`);
  } finally {
    for (const tmp of temps) rmSync(tmp, { force: true });
  }
}

/** Give a complete file a name that must be free: a hard link where the file system has them. */
function claim(tmp: string, path: string): void {
  try {
    linkSync(tmp, path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS' && code !== 'EXDEV') throw e;
    // No hard links here: an exclusive create of the name, then the whole file renamed over it.
    writeFileSync(path, '', { flag: 'wx' });
    renameSync(tmp, path);
  }
}

/**
 * Append to a file that may exist (a CI job summary): only a regular file is written, so that a
 * named pipe with no reader is refused instead of waited on forever. `what` starts the error's line.
 */
export function appendText(path: string, text: string, what: string): void {
  let fd: number | undefined;
  try {
    // O_NONBLOCK: a named pipe with no reader fails at once (ENXIO) instead of waiting for one.
    fd = openSync(
      path,
      constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | (constants.O_NONBLOCK ?? 0),
      0o666,
    );
    const s = fstatSync(fd);
    if (!s.isFile())
      throw new Error(`it is ${s.isFIFO() ? 'a named pipe' : s.isDirectory() ? 'a folder' : 'not a regular file'}`);
    writeSync(fd, text);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new RacehuntError('io', `${what}: ${code === 'ENXIO' ? 'it is a named pipe with no reader' : messageOf(e)}`);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * mkdir -p, with the real reason when it fails: Node's recursive mkdir says ENOENT when a parent
 * cannot be made (a read-only file system, a folder not writable), so the first missing folder is
 * made on its own to learn why (EROFS, EACCES). Returns the first folder it made, as mkdirSync does.
 */
export function makeFolder(dir: string): string | undefined {
  try {
    return mkdirSync(dir, { recursive: true });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    let missing = resolve(dir);
    while (!existsSync(dirname(missing)) && dirname(missing) !== missing) missing = dirname(missing);
    mkdirSync(missing); // throws the reason (EROFS, EACCES) where the recursive call said ENOENT
    throw e;
  }
}
