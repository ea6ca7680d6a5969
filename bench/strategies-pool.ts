/**
 * A fixed pool of worker threads for the strategy benchmark: tasks queue up and each worker
 * measures one at a time, so that N workers keep N cores busy and no more.
 */
import { Worker } from 'node:worker_threads';
import type { Measured, Task } from './strategies-cells.ts';

type Pending = { task: Task; resolve: (m: Measured) => void; reject: (e: Error) => void };

export class Pool {
  private readonly idle: Worker[] = [];
  private readonly waiting: Pending[] = [];
  private readonly busy = new Map<Worker, Pending>();
  private readonly workers: Worker[] = [];

  constructor(size: number) {
    // Workers load TypeScript through tsx, as bin/racehunt.mjs does: register it, then import.
    const api = import.meta.resolve('tsx/esm/api');
    const body = new URL('./strategies-worker.ts', import.meta.url).href;
    const code = `import(${JSON.stringify(api)}).then((m) => { m.register(); return import(${JSON.stringify(body)}); });`;
    for (let i = 0; i < size; i++) {
      const w = new Worker(code, { eval: true });
      w.on('message', (m: { measured?: Measured; error?: string }) => {
        const p = this.busy.get(w);
        this.busy.delete(w);
        if (p) {
          if (m.measured) p.resolve(m.measured);
          else p.reject(new Error(m.error ?? 'worker failed'));
        }
        this.release(w);
      });
      w.on('error', (e) => {
        const p = this.busy.get(w);
        this.busy.delete(w);
        p?.reject(e);
      });
      this.workers.push(w);
      this.idle.push(w);
    }
  }

  run(task: Task): Promise<Measured> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ task, resolve, reject });
      const w = this.idle.pop();
      if (w) this.release(w);
    });
  }

  private release(w: Worker): void {
    const next = this.waiting.shift();
    if (!next) {
      this.idle.push(w);
      return;
    }
    this.busy.set(w, next);
    w.postMessage({ id: 0, task: next.task });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
