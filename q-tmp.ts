import { configure, fromCatalog, hunt } from './engine/index.ts';
import { catalog } from './models/index.ts';
const m = fromCatalog(catalog, 'dns');
const windows = (process.argv[2] ?? '5').split(',').map(Number);
for (const window of windows) for (const strategy of (process.argv[3] ?? 'pct,cover,mix,auto').split(',') as ('pct'|'cover'|'mix'|'auto')[]) {
  const found: number[] = []; let ms = 0;
  for (let seed = 1; seed <= 5; seed++) {
    const inst = configure(m.model, 'as-2025-queue', { window });
    const shortest = 11 * window + 6;
    const r = hunt(inst, { seed, runs: 20000, maxSteps: 3 * shortest, strategy, target: 'endpoint-never-empty', shrink: false, proveBudget: 0, timeBudgetMs: 20000 });
    if (r.found) found.push(r.runs); ms += r.ms;
  }
  console.log(`window ${window} ${strategy}: ${found.length}/5 runs ${found.join(',')} total ${ms} ms`);
}
