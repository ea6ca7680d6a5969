/**
 * A fixed pool of worker processes for the strategy benchmark: tasks queue up and each worker
 * measures one at a time, so that N workers keep N cores busy and no more.
 *
 * Processes, not threads: a process's CPU time (process.cpuUsage) is then the CPU time of the one
 * hunt it is running, which is what the benchmark caps and reports, so that a machine shared with
 * other work slows the benchmark down without changing what it finds.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Measured, Task } from './strategies-cells.ts';

type Pending = { task: Task; resolve: (m: Measured) => void; reject: (e: Error) => void };

export class Pool {
  private readonly idle: ChildProcess[] = [];
  private readonly waiting: Pending[] = [];
  private readonly busy = new Map<ChildProcess, Pending>();
  private readonly workers: ChildProcess[] = [];
  private closing = false;

  constructor(size: number) {
    // Workers load TypeScript through tsx, as npm's bench scripts do.
    const body = fileURLToPath(new URL('./strategies-worker.ts', import.meta.url));
    for (let i = 0; i < size; i++) {
      const w = fork(body, [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
      w.on('message', (m: { measured?: Measured; error?: string }) => {
        const p = this.busy.get(w);
        this.busy.delete(w);
        if (p) {
          if (m.measured) p.resolve(m.measured);
          else p.reject(new Error(m.error ?? 'worker failed'));
        }
        this.release(w);
      });
      w.on('exit', (code) => {
        const p = this.busy.get(w);
        this.busy.delete(w);
        if (!this.closing) p?.reject(new Error(`a benchmark worker exited (code ${code}) in the middle of a task`));
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

  private release(w: ChildProcess): void {
    const next = this.waiting.shift();
    if (!next) {
      this.idle.push(w);
      return;
    }
    this.busy.set(w, next);
    w.send({ task: next.task });
  }

  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(
      this.workers.map(
        (w) =>
          new Promise<void>((done) => {
            if (w.exitCode !== null) return done();
            w.once('exit', () => done());
            w.disconnect();
          }),
      ),
    );
  }
}
