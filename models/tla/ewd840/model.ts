/**
 * Dijkstra's termination detection in a ring (EWD 840), ported from tlaplus/Examples
 * (specifications/ewd840/EWD840.tla, by Stephan Merz). Nodes 0..N-1 are active or passive and white
 * or black; a token travels from node N-1 down to node 0, which starts each probe. An active node
 * may send a message to another (activating it; a message to a higher node blackens the sender) or
 * become passive. Node 0 detects termination when the token comes back white to a white, passive
 * node 0.
 *
 * Every combination of activity, colours and token position is an initial state (`inits`): 192 of
 * them for N = 3, and TLC counts 302 distinct states in all.
 */
import { model, range, record } from '../../../engine/index.ts';

type Color = 'white' | 'black';

export type Ewd840State = {
  readonly active: readonly boolean[];
  readonly color: readonly Color[];
  readonly tpos: number;
  readonly tcolor: Color;
};

type N = { params: { n: number } };
const nodes = ({ params }: N) => range(0, params.n - 1);
const sendable = ({ params }: N) =>
  record({ i: range(0, params.n - 1), j: range(0, params.n - 1) }).filter(({ i, j }) => i !== j);

const terminated = (s: Ewd840State) => s.active.every((a) => !a);
const terminationDetected = (s: Ewd840State) =>
  s.tpos === 0 && s.tcolor === 'white' && s.color[0] === 'white' && !s.active[0];

/** Every function from nodes to values: [Node -> values], as TLA+ writes it. */
const functions = <T>(n: number, values: readonly T[]): T[][] =>
  n === 0 ? [[]] : functions(n - 1, values).flatMap((f) => values.map((v) => [...f, v]));

export const ewd840 = model({
  name: 'ewd840',
  title: "Dijkstra's termination detection in a ring (EWD840.tla)",
  params: { n: { default: 3, min: 1, max: 5, doc: 'nodes in the ring (EWD840.cfg: N = 3)' } },
  inits: ({ params }) =>
    functions(params.n, [false, true]).flatMap((active) =>
      functions<Color>(params.n, ['white', 'black']).flatMap((color) =>
        range(0, params.n - 1).map((tpos): Ewd840State => ({ active, color, tpos, tcolor: 'black' })),
      ),
    ),
  actions: {
    nodeInitiatesProbe: {
      actor: 'node 0',
      when: (s) => s.tpos === 0 && (s.tcolor === 'black' || s.color[0] === 'black'),
      step: (d) => {
        d.tpos = d.color.length - 1;
        d.tcolor = 'white';
        d.color[0] = 'white';
      },
    },
    nodePassesToken: {
      args: ({ params }: N) => range(1, params.n - 1),
      when: (s, i) => s.tpos === i && (!s.active[i] || s.color[i] === 'black' || s.tcolor === 'black'),
      step: (d, i) => {
        d.tpos = i - 1;
        if (d.color[i] === 'black') d.tcolor = 'black';
        d.color[i] = 'white';
      },
    },
    nodeSendsMessage: {
      args: sendable,
      actor: ({ i }) => `node ${i}`,
      when: (s, { i }) => s.active[i] === true,
      step: (d, { i, j }) => {
        d.active[j] = true;
        if (j > i) d.color[i] = 'black';
      },
    },
    nodeDeactivates: {
      args: nodes,
      when: (s, i) => s.active[i] === true,
      step: (d, i) => void (d.active[i] = false),
    },
  },
  always: {
    'termination-detection': (s) =>
      !terminationDetected(s) || terminated(s) || 'termination detected, yet a node is active',
    // Inv, the spec's inductive invariant: P0 \/ P1 \/ P2.
    inv: (s) =>
      s.active.every((a, i) => !(s.tpos < i && a)) ||
      s.color.slice(0, s.tpos + 1).includes('black') ||
      s.tcolor === 'black' ||
      `none of P0, P1, P2 holds`,
  },
  // The one state where nothing is enabled is the one where termination has been detected.
  ends: terminationDetected,
});
