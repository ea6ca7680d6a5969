// A worker thread of a parallel hunt: TypeScript through tsx, as in bin/racehunt.mjs.
import { register } from 'tsx/esm/api';

register();
await import('./worker-main.ts');
