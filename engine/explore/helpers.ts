/**
 * The helper threads of a parallel breadth-first search, from the search's side. The search stays
 * synchronous (a hunt's prove phase and the vitest helpers call it so): it talks to its helpers
 * through shared memory and message ports it reads with receiveMessageOnPort, and waits with
 * Atomics.wait, never on the event loop.
 *
 * Per level the search shares the level's states (SharedArrayBuffers) and hands out chunks of it
 * through one shared counter, which it takes from too. Helpers send back each chunk's records;
 * the search stores them strictly in chunk order, so what it stores, numbers and decides is what
 * a search without helpers does (search.ts). A helper runs at most LOOKAHEAD chunks ahead of the
 * last chunk stored, which bounds the memory held in records and the work wasted when the search
 * stops inside a level.
 *
 * A helper needs the model: it loads it from an InstanceSource (a module and what to tell it),
 * since an Instance and its functions cannot cross threads. engine/project makes sources for
 * models named by catalog name or module path; a model built in memory has none and is explored
 * by the search's own thread alone.
 */
import { Worker, receiveMessageOnPort, MessageChannel, type MessagePort } from 'node:worker_threads';
import { RacehuntError } from '../core/errors.ts';
import type { TablesDelta } from './codec/state-codec.ts';
import type { Batch } from './expand.ts';
import type { StepperKind } from './stepper.ts';

/** How a helper thread gets the same Instance: `module` (a URL) exports `instanceFromSource(spec)`. */
export interface InstanceSource {
  readonly module: string;
  /** Plain data (it is copied to each thread). */
  readonly spec: unknown;
}

/** What a helper is told when it starts. */
export interface HelperSetup {
  readonly source: InstanceSource;
  /** The search's initial state, so that every codec starts from the same shape. */
  readonly initial: unknown;
  /** The properties checked, by name, in the search's order. */
  readonly properties: readonly string[];
  readonly symmetry: boolean;
  readonly stepper: StepperKind;
  readonly countModels: boolean;
  readonly control: SharedArrayBuffer;
  readonly port: MessagePort;
}

/** Control words (Int32 slots of `control`). */
export const TAKE = 0; // (level generation mod 256) << 23 | the next chunk to take
export const INSERTED = 1; // chunks of the level stored so far
export const DOORBELL = 2; // bumped by a helper after it posts a batch
export const NEWS = 3; // bumped by the search after it posts a message (tables, a new visited set)
export const QUIT = 4;
const CONTROL_SLOTS = 8;

export const GEN_SHIFT = 23;
export const CHUNK_MASK = (1 << GEN_SHIFT) - 1;
/** How many chunks a helper may run ahead of the last one stored. */
export const LOOKAHEAD = 16;

export type ToHelper =
  | {
      readonly kind: 'level';
      readonly gen: number;
      readonly words: SharedArrayBuffer;
      readonly starts: SharedArrayBuffer;
      readonly memories: SharedArrayBuffer | null;
      readonly count: number;
      readonly open: Uint8Array;
    }
  | { readonly kind: 'tables'; readonly delta: TablesDelta }
  | { readonly kind: 'visited'; readonly table: SharedArrayBuffer };

export interface WireBatch {
  readonly chunk: number;
  readonly records: Int32Array;
  readonly messages: readonly string[];
  readonly errors: readonly { readonly message: string; readonly kind: RacehuntError['kind'] | null }[];
  readonly transitions: number;
  readonly terminal: number;
}

export type FromHelper =
  | { readonly kind: 'batch'; readonly gen: number; readonly batch: WireBatch }
  | { readonly kind: 'fatal'; readonly message: string; readonly errorKind: RacehuntError['kind'] | null };

export class Helpers {
  readonly control = new Int32Array(new SharedArrayBuffer(CONTROL_SLOTS * 4));
  private readonly ports: MessagePort[] = [];
  private readonly workers: Worker[] = [];
  private gen = 0;
  private readonly ready = new Map<number, Batch>();

  constructor(count: number, setup: Omit<HelperSetup, 'control' | 'port'>) {
    for (let i = 0; i < count; i++) {
      const { port1, port2 } = new MessageChannel();
      const data: HelperSetup = { ...setup, control: this.control.buffer as SharedArrayBuffer, port: port2 };
      const w = new Worker(new URL('./helper.mjs', import.meta.url), { workerData: data, transferList: [port2] });
      // The search never waits on the event loop; a helper must not keep a process alive either.
      w.unref();
      port1.unref();
      this.workers.push(w);
      this.ports.push(port1);
    }
  }

  get count(): number {
    return this.workers.length;
  }

  /** Post to every helper, then ring. */
  private post(m: ToHelper): void {
    for (const p of this.ports) p.postMessage(m);
    Atomics.add(this.control, NEWS, 1);
  }

  tables(delta: TablesDelta): void {
    if (delta.strings.length > 0 || delta.keySets.length > 0) this.post({ kind: 'tables', delta });
  }

  visited(table: SharedArrayBuffer): void {
    this.post({ kind: 'visited', table });
  }

  /** Share a level and open its chunks from `first` on. */
  level(level: Omit<ToHelper & { kind: 'level' }, 'kind' | 'gen'>, first: number): void {
    this.gen = (this.gen + 1) & 0xff;
    this.ready.clear();
    this.post({ kind: 'level', gen: this.gen, ...level });
    Atomics.store(this.control, INSERTED, first);
    Atomics.store(this.control, TAKE, (this.gen << GEN_SHIFT) | first);
    Atomics.notify(this.control, TAKE);
  }

  /** Take the next chunk of this level for the search's own thread, or -1 when none is left below `count`. */
  take(count: number): number {
    for (;;) {
      const v = Atomics.load(this.control, TAKE);
      const j = v & CHUNK_MASK;
      if (j >= count) return -1;
      if (Atomics.compareExchange(this.control, TAKE, v, v + 1) === v) return j;
    }
  }

  /** Chunks before `k` are stored: helpers may run on to k + LOOKAHEAD. */
  stored(k: number): void {
    Atomics.store(this.control, INSERTED, k);
    Atomics.notify(this.control, INSERTED);
  }

  /** The batch of chunk k, if a helper sent it; waits up to `ms` for news when not. */
  batch(k: number, ms: number): Batch | undefined {
    const seen = Atomics.load(this.control, DOORBELL);
    this.drain();
    let b = this.ready.get(k);
    if (b === undefined && ms > 0) {
      Atomics.wait(this.control, DOORBELL, seen, ms);
      this.drain();
      b = this.ready.get(k);
    }
    if (b !== undefined) this.ready.delete(k);
    return b;
  }

  private drain(): void {
    for (const port of this.ports) {
      for (let m = receiveMessageOnPort(port); m !== undefined; m = receiveMessageOnPort(port)) {
        const msg = m.message as FromHelper;
        if (msg.kind === 'fatal')
          throw msg.errorKind ? new RacehuntError(msg.errorKind, msg.message) : new Error(msg.message);
        if (msg.gen !== this.gen) continue; // a chunk of a level the search has left
        const w = msg.batch;
        this.ready.set(w.chunk, {
          ...w,
          errors: w.errors.map((e) => (e.kind ? new RacehuntError(e.kind, e.message) : new Error(e.message))),
        });
      }
    }
  }

  stop(): void {
    Atomics.store(this.control, QUIT, 1);
    Atomics.notify(this.control, TAKE);
    Atomics.notify(this.control, INSERTED);
    for (const w of this.workers) void w.terminate().catch(() => undefined);
    for (const p of this.ports) p.close();
  }
}
