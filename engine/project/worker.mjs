// A worker thread of a parallel hunt. Loader hooks are per thread, so what loads TypeScript is
// registered here too, as in the command's thread (typescript.mjs): a model named by path may
// be TypeScript, ESM or CommonJS. (In the built package this file sits in dist/ and its import
// below is rewritten to worker-main.js.)
import { registerTypeScript } from './typescript.mjs';

await registerTypeScript();
await import('./worker-main.ts');
