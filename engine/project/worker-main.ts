/**
 * The body of a parallel hunt's worker: load the model (by catalog name from the catalog module it
 * is told of, or by path), hunt one seed stream, post the result. It stops before any run later
 * than the earliest failing run another stream found (parallel.ts says why).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { RacehuntError, messageOf } from '../core/errors.ts';
import { configure } from '../core/instance.ts';
import { sharedInterrupt } from '../core/interrupt.ts';
import { hunt } from '../hunt/hunt.ts';
import { withoutClaims } from './judge.ts';
import { loadModel, type Catalog } from './load.ts';
import type { WorkerTask } from './parallel.ts';

const task = workerData as WorkerTask;
const earliest = new Int32Array(task.earliest);
const interrupted = task.interrupt ? sharedInterrupt(task.interrupt).requested : () => false;
try {
  const catalog = task.catalogModule ? ((await import(task.catalogModule)) as { catalog: Catalog }).catalog : {};
  const loaded = await loadModel(task.modelRef, catalog);
  const view = task.skip.length > 0 ? withoutClaims(loaded.model, task.skip) : null;
  const inst = configure(view?.model ?? loaded.model, task.variant, task.params, { deadlock: view?.deadlock ?? true });
  const result = hunt(inst, {
    ...task.options,
    shouldStop: (run) => run > Atomics.load(earliest, 0),
    interrupted,
    // Lower the shared earliest failing run to ours, if ours is earlier, before shrinking.
    onFound: (run) => {
      for (let seen = Atomics.load(earliest, 0); run < seen; seen = Atomics.load(earliest, 0)) {
        if (Atomics.compareExchange(earliest, 0, seen, run) === seen) break;
      }
    },
    onProgress: (progress) => parentPort?.postMessage({ kind: 'progress', progress }),
  });
  parentPort?.postMessage({ kind: 'result', result });
} catch (e) {
  parentPort?.postMessage({
    kind: 'error',
    message: e instanceof RacehuntError ? e.message : messageOf(e),
    errorKind: e instanceof RacehuntError ? e.kind : null,
  });
}
