/** A worker process of the strategy benchmark: measures the tasks it is sent, one at a time. */
import { measure, type Task } from './strategies-cells.ts';

process.on('message', ({ task }: { task: Task }) => {
  try {
    process.send?.({ measured: measure(task) });
  } catch (e) {
    process.send?.({ error: e instanceof Error ? e.message : String(e) });
  }
});
