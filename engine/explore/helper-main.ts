/**
 * The body of a helper thread (helpers.ts): load the model, then expand the chunks it takes, with
 * a frozen codec that learns only what the search's thread numbered, and send back their records.
 * Everything it sends is a function of the level and the chunk, never of timing.
 */
import { receiveMessageOnPort, workerData } from 'node:worker_threads';
import { RacehuntError, messageOf } from '../core/errors.ts';
import type { Instance } from '../core/instance.ts';
import { StateCodec } from './codec/state-codec.ts';
import { CHUNK, Expander, type LevelView } from './expand.ts';
import { FingerprintReader } from './fingerprints.ts';
import {
  CHUNK_MASK,
  DOORBELL,
  GEN_SHIFT,
  INSERTED,
  LOOKAHEAD,
  NEWS,
  QUIT,
  TAKE,
  type FromHelper,
  type HelperSetup,
  type ToHelper,
  type WireBatch,
} from './helpers.ts';
import { monitorsOf, watchesFor } from './watch.ts';

const setup = workerData as HelperSetup;
const control = new Int32Array(setup.control);
const send = (m: FromHelper, transfer: ArrayBuffer[] = []): void => {
  setup.port.postMessage(m, transfer);
  Atomics.add(control, DOORBELL, 1);
  Atomics.notify(control, DOORBELL);
};

try {
  const mod = (await import(setup.source.module)) as {
    instanceFromSource(spec: unknown): Instance | Promise<Instance>;
  };
  const inst = await mod.instanceFromSource(setup.source.spec);
  const codec = new StateCodec(setup.initial);
  codec.frozen = true;
  const properties = setup.properties.map((n) => inst.property(n));
  const watches = watchesFor(inst, setup.initial, properties, () => false);
  const expander = new Expander({
    inst,
    codec,
    watches,
    monitors: monitorsOf(watches),
    symmetry: setup.symmetry,
    stepper: setup.stepper,
    countModels: setup.countModels,
  });
  run(expander, codec);
} catch (e) {
  send({
    kind: 'fatal',
    message: e instanceof RacehuntError ? e.message : messageOf(e),
    errorKind: e instanceof RacehuntError ? e.kind : null,
  });
}

function run(expander: Expander, codec: StateCodec): void {
  let news = -1;
  let gen = -1;
  let level: LevelView | null = null;
  let open: Uint8Array = new Uint8Array(0);
  let visited: FingerprintReader | null = null;
  for (;;) {
    if (Atomics.load(control, QUIT) !== 0) return;
    const n = Atomics.load(control, NEWS);
    if (n !== news) {
      news = n;
      for (let m = receiveMessageOnPort(setup.port); m !== undefined; m = receiveMessageOnPort(setup.port)) {
        const msg = m.message as ToHelper;
        if (msg.kind === 'tables') codec.learnTables(msg.delta);
        else if (msg.kind === 'visited') visited = new FingerprintReader(msg.table);
        else {
          gen = msg.gen;
          open = msg.open;
          level = {
            words: new Int32Array(msg.words),
            starts: new Int32Array(msg.starts),
            memories: msg.memories ? new Int32Array(msg.memories) : null,
            count: msg.count,
          };
        }
      }
    }
    const v = Atomics.load(control, TAKE);
    const chunks = level ? Math.ceil(level.count / CHUNK) : 0;
    if (level === null || visited === null || v >>> GEN_SHIFT !== gen || (v & CHUNK_MASK) >= chunks) {
      // A new level is posted before it is opened: its message is here to read.
      if (Atomics.load(control, NEWS) !== news) continue;
      // Nothing to take here (yet): wait for the next level.
      Atomics.wait(control, TAKE, v, 50);
      continue;
    }
    const j = v & CHUNK_MASK;
    const ahead = Atomics.load(control, INSERTED);
    if (j > ahead + LOOKAHEAD) {
      Atomics.wait(control, INSERTED, ahead, 50);
      continue;
    }
    if (Atomics.compareExchange(control, TAKE, v, v + 1) !== v) continue;
    const b = expander.expand(level, j, visited, open);
    const wire: WireBatch = {
      ...b,
      errors: b.errors.map((e) => ({
        message: e instanceof RacehuntError ? e.message : messageOf(e),
        kind: e instanceof RacehuntError ? e.kind : null,
      })),
    };
    send({ kind: 'batch', gen, batch: wire }, [b.records.buffer as ArrayBuffer]);
  }
}
