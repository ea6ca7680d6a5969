/** The body of a parallel hunt's worker: load the model, hunt one seed stream, post the result. */
import { parentPort, workerData } from 'node:worker_threads';
import { catalog } from '../../models/index.ts';
import { RacehuntError, messageOf } from '../core/errors.ts';
import { hunt } from './hunt.ts';
import { configure } from '../core/instance.ts';
import { loadModel } from '../project/load.ts';
import type { WorkerTask } from './parallel.ts';

const task = workerData as WorkerTask;
try {
  const loaded = await loadModel(task.modelRef, catalog);
  const inst = configure(loaded.model, task.variant, task.params);
  const result = hunt(inst, { ...task.options, onProgress: (progress) => parentPort?.postMessage({ kind: 'progress', progress }) });
  parentPort?.postMessage({ kind: 'result', result });
} catch (e) {
  parentPort?.postMessage({ kind: 'error', message: e instanceof RacehuntError ? e.message : messageOf(e), errorKind: e instanceof RacehuntError ? e.kind : null });
}
