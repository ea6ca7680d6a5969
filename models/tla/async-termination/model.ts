/**
 * Termination detection with asynchronous messages, abstractly, ported from tlaplus/Examples
 * (specifications/ewd998/AsyncTerminationDetection.tla, by Stephan Merz and Markus Kuppe): nodes
 * are active or not and have messages pending; an active node sends messages to any node (itself
 * included); a node with a pending message receives it and becomes active; an active node may
 * terminate, and termination may be detected once every node is passive with nothing pending.
 *
 * Its initial states are many (`inits`: every node active or not, and termination detected or not
 * when it already holds), and its state space is infinite: TLC bounds it with a CONSTRAINT of at
 * most three messages pending at any node, and counts 4,097 distinct states for N = 4; `constraint`
 * bounds racehunt's search in the same way.
 */
import { model, range, record } from '../../../engine/index.ts';

export type AsyncTerminationState = {
  readonly active: readonly boolean[];
  readonly pending: readonly number[];
  readonly terminationDetected: boolean;
};

type N = { params: { n: number } };
const nodes = ({ params }: N) => range(0, params.n - 1);

const terminated = (s: { readonly active: readonly boolean[]; readonly pending: readonly number[] }) =>
  s.active.every((a) => !a) && s.pending.every((p) => p === 0);

const subsets = (n: number): boolean[][] =>
  n === 0 ? [[]] : subsets(n - 1).flatMap((f) => [false, true].map((v) => [...f, v]));

export const asyncTermination = model({
  name: 'async-termination',
  title: 'Termination detection, asynchronous (AsyncTerminationDetection.tla)',
  params: {
    n: { default: 4, min: 1, max: 5, doc: 'nodes (AsyncTerminationDetection.cfg: N = 4)' },
    pending: { default: 3, min: 0, max: 5, doc: 'the most messages pending at a node (StateConstraint)' },
  },
  inits: ({ params }) =>
    subsets(params.n).flatMap((active) => {
      const pending = active.map(() => 0);
      const detectable = terminated({ active, pending });
      return [false, ...(detectable ? [true] : [])].map((terminationDetected): AsyncTerminationState => ({
        active,
        pending,
        terminationDetected,
      }));
    }),
  // StateConstraint == \A n \in Node : pending[n] <= 3
  constraint: (s, { params }) => s.pending.every((p) => p <= params.pending),
  actions: {
    nodeTerminates: {
      // terminationDetected' \in {terminationDetected, terminated'}: `detect` picks the second.
      args: ({ params }: N) => record({ node: range(0, params.n - 1), detect: [false, true] }),
      when: (s, { node }) => s.active[node] === true,
      step: (d, { node, detect }) => {
        d.active[node] = false;
        if (detect) d.terminationDetected = terminated(d);
      },
    },
    nodeSendsMessage: {
      args: ({ params }: N) => record({ node: range(0, params.n - 1), to: range(0, params.n - 1) }),
      when: (s, { node }) => s.active[node] === true,
      step: (d, { to }) => void (d.pending[to] = (d.pending[to] ?? 0) + 1),
    },
    nodeReceivesMessage: {
      args: nodes,
      when: (s, i) => (s.pending[i] ?? 0) > 0,
      step: (d, i) => {
        d.active[i] = true;
        d.pending[i] = (d.pending[i] ?? 0) - 1;
      },
    },
    detectorDetectsTermination: {
      when: (s) => terminated(s),
      step: (d) => void (d.terminationDetected = true),
    },
  },
  always: {
    safe: (s) =>
      !s.terminationDetected || terminated(s) || 'termination detected, but a node is active or has a message pending',
  },
});
