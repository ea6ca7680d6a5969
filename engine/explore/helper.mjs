// A helper thread of a parallel breadth-first search (helpers.ts). Loader hooks are per thread, so
// tsx is registered here too, as in bin/racehunt.mjs: the model's module may be TypeScript, ESM or
// CommonJS. (In the built package this file sits in dist/ and its import below is rewritten to
// helper-main.js.)
import { register as registerCommonJs } from 'tsx/cjs/api';
import { register } from 'tsx/esm/api';

register();
registerCommonJs();
await import('./helper-main.ts');
