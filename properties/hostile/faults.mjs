// Faults for the corpus's real-process cases, preloaded with `node --import` and chosen by
// RACEHUNT_FAULT. They patch node:fs (and sync the ESM named exports the engine imports), so that a
// save fails or dies at one exact point instead of whenever a timer happens to fire:
// - enospc-md: writing the Markdown twin's temporary file fails as a full disk would;
// - enospc-second-temp: the second temporary file written fails as a full disk does (the file is
//   created, empty, and the write fails): `racehunt init` must leave none of its files;
// - kill-between-renames: the process is SIGKILLed right after the first rename of a save (the
//   .json is in place, the .md is not yet);
// - pause-between-renames: right after the first rename of a save, say so (a file `.paused`) and
//   wait (at most 10 s) until another process signals that it is trying to save there too;
// - slow-save: right after the first rename of a save, mark it (HOSTILE_MARK) and take 3 s;
// - signal-lock-wait: that other process: before it asks for the folder's lock, it waits for
//   `.paused`, then signals (`.waiting-for-lock`). Without a lock it never asks: the pause lasts
//   10 s, and its save lands between the paused save's two renames.
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { dirname, join } from 'node:path';

const sleep = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/**
 * Install a fault in this process (the corpus's in-process cases do, around one run); returns what
 * undoes it. Preloaded with RACEHUNT_FAULT, it stays for the life of the process.
 */
export function installFault(fault) {
  const saved = { writeFileSync: fs.writeFileSync, renameSync: fs.renameSync };
  if (fault === 'enospc-md') {
    const writeFileSync = fs.writeFileSync;
    fs.writeFileSync = (file, ...rest) => {
      if (/\.md\.tmp-\d+$/.test(String(file)))
        throw Object.assign(new Error(`ENOSPC: no space left on device, write '${file}'`), { code: 'ENOSPC' });
      return writeFileSync(file, ...rest);
    };
  } else if (fault === 'enospc-second-temp') {
    const writeFileSync = fs.writeFileSync;
    let temps = 0;
    fs.writeFileSync = (file, ...rest) => {
      if (/\.tmp-\d+$/.test(String(file)) && ++temps === 2) {
        writeFileSync(file, '');
        throw Object.assign(new Error(`ENOSPC: no space left on device, write '${file}'`), { code: 'ENOSPC' });
      }
      return writeFileSync(file, ...rest);
    };
  } else if (fault === 'kill-between-renames') {
    const renameSync = fs.renameSync;
    fs.renameSync = (from, to) => {
      renameSync(from, to);
      if (/\.json\.tmp-\d+$/.test(String(from))) process.kill(process.pid, 'SIGKILL');
    };
  } else if (fault === 'pause-between-renames') {
    const renameSync = fs.renameSync;
    const writeFileSync = fs.writeFileSync;
    fs.renameSync = (from, to) => {
      renameSync(from, to);
      if (!/\.json\.tmp-\d+$/.test(String(from))) return;
      writeFileSync(join(dirname(String(to)), '.paused'), '');
      const signal = join(dirname(String(to)), '.waiting-for-lock');
      for (let waited = 0; waited < 10_000 && !fs.existsSync(signal); waited += 20) sleep(20);
    };
  } else if (fault === 'signal-lock-wait') {
    const writeFileSync = fs.writeFileSync;
    fs.writeFileSync = (file, ...rest) => {
      if (/\.racehunt-lock$/.test(String(file))) {
        const dir = dirname(String(file));
        for (let waited = 0; waited < 10_000 && !fs.existsSync(join(dir, '.paused')); waited += 20) sleep(20);
        writeFileSync(join(dir, '.waiting-for-lock'), '');
      }
      return writeFileSync(file, ...rest);
    };
  } else if (fault === 'slow-save') {
    const renameSync = fs.renameSync;
    const writeFileSync = fs.writeFileSync;
    fs.renameSync = (from, to) => {
      renameSync(from, to);
      if (!/\.json\.tmp-\d+$/.test(String(from))) return;
      if (process.env.HOSTILE_MARK) writeFileSync(process.env.HOSTILE_MARK, 'saving\n');
      sleep(3000);
    };
  } else if (fault) {
    throw new Error(`faults.mjs: unknown RACEHUNT_FAULT "${fault}"`);
  }
  syncBuiltinESMExports();
  return () => {
    Object.assign(fs, saved);
    syncBuiltinESMExports();
  };
}

if (process.env.RACEHUNT_FAULT) installFault(process.env.RACEHUNT_FAULT);
