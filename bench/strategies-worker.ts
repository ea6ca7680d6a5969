/** A worker thread of the strategy benchmark: measures the tasks it is sent, one at a time. */
import { parentPort } from 'node:worker_threads';
import { measure, type Task } from './strategies-cells.ts';

parentPort?.on('message', ({ id, task }: { id: number; task: Task }) => {
  try {
    parentPort?.postMessage({ id, measured: measure(task) });
  } catch (e) {
    parentPort?.postMessage({ id, error: e instanceof Error ? e.message : String(e) });
  }
});
