/**
 * The explorer's ground truth for one model, in the shape its manifest pins: reachable states per
 * variant (the model alone, no symmetry, as `racehunt check --all-states` counts them), and per
 * property the outcome with the shortest counterexample or witness, or a proof.
 *
 *   node --import tsx bench/zoo-truth.ts models/zoo/peterson/index.ts
 */
import { configure, explore, loadModel } from '../engine/index.ts';
import { catalog } from '../models/index.ts';

const ref = process.argv[2];
if (!ref) {
  console.error('usage: node --import tsx bench/zoo-truth.ts <model|path>');
  process.exit(2);
}
const m = await loadModel(ref, catalog);
for (const variant of Object.keys(m.model.variants)) {
  const inst = configure(m.model, variant);
  const all = explore(inst, { exhaust: true, checkProperties: false, symmetry: false });
  const checked = explore(inst, { exhaust: true, symmetry: false });
  const props = checked.properties
    .map((p) => `${p.name}: ${p.outcome}${p.steps === null ? '' : ` ${p.steps}`}`)
    .join(', ');
  console.log(
    `${variant}: ${all.states} states (complete: ${all.complete}, depth ${all.depth}, ${all.terminal} terminal, ${all.ms} ms); ${props}`,
  );
}
