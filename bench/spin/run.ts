/**
 * One racehunt search of a benchmark protocol, in its own process so that its peak memory is its
 * own: `node --import tsx bench/spin/run.ts <protocol> <workers>` prints one JSON line (states,
 * transitions, depth, ms). Every state is stored, nothing is checked, no symmetry: what SPIN's
 * `pan -E` built with -DBFS -DNOREDUCE does.
 */
import { fileURLToPath } from 'node:url';
import { configure, explore, exploreSource, type AnyModel } from '../../engine/index.ts';
import { PROTOCOLS } from './protocols.ts';

const [name = '', workersArg = '1', fingerprintOnly] = process.argv.slice(2);
const protocol = PROTOCOLS.find((p) => p.name === name);
if (!protocol) throw new Error(`no protocol ${name}: ${PROTOCOLS.map((p) => p.name).join(', ')}`);
const mod = (await import(protocol.module)) as Record<string, AnyModel>;
const model = Object.values(mod)[0] as AnyModel;
const variant = Object.keys(model.variants)[0] as string;
const inst = configure(model, variant, protocol.params);
const r = explore(inst, {
  exhaust: true,
  checkProperties: false,
  symmetry: false,
  workers: Number(workersArg),
  fingerprintOnly: fingerprintOnly === 'fp',
  source: exploreSource({
    modelRef: fileURLToPath(protocol.module),
    catalogModule: null,
    variant,
    params: protocol.params,
    deadlock: true,
  }),
});
console.log(
  JSON.stringify({
    states: r.states,
    transitions: r.transitions,
    depth: r.depth,
    ms: r.ms,
    workers: r.workers,
    bytesPerState: r.bytesPerState,
  }),
);
