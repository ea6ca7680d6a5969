// Faults for the corpus's real-process cases, preloaded with `node --import` and chosen by
// RACEHUNT_FAULT. They patch node:fs (and sync the ESM named exports the engine imports), so that a
// save fails or dies at one exact point instead of whenever a timer happens to fire:
// - enospc-md: writing the Markdown twin's temporary file fails as a full disk would;
// - kill-between-renames: the process is SIGKILLed right after the first rename of a save (the
//   .json is in place, the .md is not yet).
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';

const fault = process.env.RACEHUNT_FAULT;

if (fault === 'enospc-md') {
  const writeFileSync = fs.writeFileSync;
  fs.writeFileSync = (file, ...rest) => {
    if (/\.md\.tmp-\d+$/.test(String(file)))
      throw Object.assign(new Error(`ENOSPC: no space left on device, write '${file}'`), { code: 'ENOSPC' });
    return writeFileSync(file, ...rest);
  };
} else if (fault === 'kill-between-renames') {
  const renameSync = fs.renameSync;
  fs.renameSync = (from, to) => {
    renameSync(from, to);
    if (/\.json$/.test(String(to))) process.kill(process.pid, 'SIGKILL');
  };
} else if (fault) {
  throw new Error(`faults.mjs: unknown RACEHUNT_FAULT "${fault}"`);
}
syncBuiltinESMExports();
