import { configure, explore, fromCatalog } from './engine/index.ts';
import { catalog } from './models/index.ts';
const m = fromCatalog(catalog, 'dns');
const inst = configure(m.model, 'toctou-fix');
const t0 = Date.now();
const r = explore(inst, { target: 'endpoint-never-empty', maxDepth: 21, maxStates: 200000 });
console.log('NEW ms', Date.now() - t0, 'states', r.states);
