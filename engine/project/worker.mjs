// A worker thread of a parallel hunt. Loader hooks are per thread, so tsx is registered here too,
// as in bin/racehunt.mjs: a model named by path may be TypeScript, ESM or CommonJS. (In the built
// package this file sits in dist/ and its import below is rewritten to worker-main.js.)
import { register as registerCommonJs } from 'tsx/cjs/api';
import { register } from 'tsx/esm/api';

register();
registerCommonJs();
await import('./worker-main.ts');
