/**
 * Termination detection on a ring (Dijkstra, Feijen and van Gasteren, "Derivation of a termination
 * detection algorithm for distributed computations", IPL 16(5), 1983; EWD840). Machines 0..N-1 do a
 * distributed computation: an active machine may send a message that activates another machine, and
 * may become passive by itself. Machine 0 wants to know when every machine is passive. It sends a
 * token around the ring (N-1, N-2, …, 1, back to 0); a machine hands the token on only when it is
 * passive. Colours catch the messages the token could miss: a machine that sends a message to a
 * machine the token has yet to visit again (a higher number) turns black, a black machine blackens
 * the token as it passes it on and turns white, and machine 0 concludes only on a white token, itself
 * white and passive. A black round is simply tried again.
 *
 * The bug, `white-token-only`, drops one rule: a black machine passes the token on as it got it,
 * so machine 0 can conclude while a machine the token already passed was re-activated.
 */
import { modelKit, range } from '../../../engine/index.ts';

type Colour = 'white' | 'black';
export type RingState = {
  readonly active: readonly boolean[];
  readonly colour: readonly Colour[];
  /** The machine holding the token. */
  readonly token: number;
  readonly tokenColour: Colour;
  /** Machine 0 has concluded that every machine is passive. */
  readonly detected: boolean;
};
export type RingParams = { readonly machines: number };
export type RingSwitches = {
  /** Rule 4: a black machine passes the token on black. */
  readonly blackensToken: boolean;
};

const { action, always, sometimes, model } = modelKit<RingState, RingParams, RingSwitches>();
const machine = (i: number) => `machine ${i}`;
const machines = ({ params }: { params: RingParams }) => range(0, params.machines - 1);
const pairs = ({ params }: { params: RingParams }) => range(0, params.machines * params.machines - 1);
const from = (pair: number, n: number) => Math.floor(pair / n);
const to = (pair: number, n: number) => pair % n;

const machineSendsMessage = action({
  name: 'machineSendsMessage',
  doc: 'Rules 0 and 2: an active machine sends a message, which makes its receiver active; sending to a higher number blackens the sender.',
  args: pairs,
  actor: (p, { params }) => machine(from(p, params.machines)),
  target: (p, { params }) => machine(to(p, params.machines)),
  when: (s, p, { params }) =>
    from(p, params.machines) !== to(p, params.machines) && s.active[from(p, params.machines)]!,
  step: (d, p, { params }) => {
    const [i, j] = [from(p, params.machines), to(p, params.machines)];
    d.active[j] = true;
    // Rule 2: the token may already have passed j, so i can no longer vouch for it.
    if (j > i) d.colour[i] = 'black';
  },
  describe: (s, p, _after, { params }) =>
    `machine ${from(p, params.machines)} sends a message to machine ${to(p, params.machines)}${s.active[to(p, params.machines)] ? '' : ' (which becomes active)'}`,
});

const machineBecomesPassive = action({
  name: 'machineBecomesPassive',
  doc: 'An active machine finishes its work.',
  args: machines,
  actor: machine,
  when: (s, i) => s.active[i]!,
  step: (d, i) => {
    d.active[i] = false;
  },
  describe: (_s, i) => `machine ${i} becomes passive`,
});

const machinePassesToken = action({
  name: 'machinePassesToken',
  doc: 'Rules 1 and 4: a passive machine i > 0 passes the token to i − 1, blackening it if it is black, and turns white.',
  args: machines,
  actor: machine,
  target: (i) => machine(i - 1),
  when: (s, i) => i > 0 && s.token === i && !s.active[i],
  step: (d, i, { switches }) => {
    if (switches.blackensToken && d.colour[i] === 'black') d.tokenColour = 'black';
    d.colour[i] = 'white';
    d.token = i - 1;
  },
  describe: (s, i) =>
    `machine ${i} passes a ${s.colour[i] === 'black' ? 'black' : s.tokenColour} token to machine ${i - 1}`,
});

const masterStartsProbe = action({
  name: 'masterStartsProbe',
  doc: 'Rule 3: machine 0, holding a token that cannot conclude, turns white and sends a white token to machine N − 1.',
  actor: machine(0),
  when: (s) => s.token === 0 && !s.detected && (s.tokenColour === 'black' || s.colour[0] === 'black'),
  step: (d, _a, { params }) => {
    d.colour[0] = 'white';
    d.tokenColour = 'white';
    d.token = params.machines - 1;
  },
  describe: () => 'machine 0 starts a new probe with a white token',
});

const masterConcludes = action({
  name: 'masterConcludes',
  doc: 'Rule 5: machine 0 concludes termination on a white token, itself white and passive.',
  actor: machine(0),
  when: (s) => s.token === 0 && !s.detected && s.tokenColour === 'white' && s.colour[0] === 'white' && !s.active[0],
  step: (d) => {
    d.detected = true;
  },
  describe: () => 'machine 0 concludes that every machine is passive',
});

export const tokenRing = model({
  name: 'token-ring',
  title: 'Termination detection on a ring (Dijkstra, Feijen, van Gasteren 1983)',
  doc: 'A token circulates on a ring of machines; machine 0 concludes that the computation terminated when a white token comes back to it.',
  params: { machines: { default: 8, min: 2, max: 10, doc: 'machines on the ring' } },
  variants: {
    'white-token-only': {
      doc: 'a black machine passes the token on as it got it (rule 4 dropped)',
      switches: { blackensToken: false },
    },
    ewd840: { doc: 'every rule of the paper (the fix)', switches: { blackensToken: true } },
  },
  // Machine 0 holds a black token: its first move is to start a probe. Every machine starts active.
  init: ({ params }) => ({
    active: Array.from({ length: params.machines }, () => true),
    colour: Array.from({ length: params.machines }, (): Colour => 'white'),
    token: 0,
    tokenColour: 'black',
    detected: false,
  }),
  actions: [machineSendsMessage, machineBecomesPassive, machinePassesToken, masterStartsProbe, masterConcludes],
  properties: [
    always({
      name: 'detection-is-correct',
      doc: 'when machine 0 concludes, every machine is passive',
      check: (s) =>
        !s.detected ||
        s.active.every((a) => !a) ||
        `machine 0 concluded termination, but machine ${s.active.findIndex((a) => a)} is active`,
    }),
    sometimes({ name: 'termination-detected', doc: 'machine 0 concludes', reached: (s) => s.detected }),
  ],
  ends: (s) => s.detected || s.active.every((a) => !a),
  actors: ({ params }) => Array.from({ length: params.machines }, (_, i) => machine(i)),
});
