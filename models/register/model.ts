/**
 * The lost update: the smallest race there is, and racehunt's example model. Clients increment a
 * shared register by reading it and writing back the value plus one. When two clients read the same
 * value, one increment is lost. The fix makes the write a compare-and-set: it succeeds only if the
 * register still holds the value the client read, and otherwise the client reads again.
 *
 * It exists to exercise the engine on its own (hunt, shrink, trace, replay) and as the template for
 * a new model: state, parameters, variants, actors and their steps, then the properties.
 */
import { modelKit, range } from '../../engine/index.ts';

export type RegisterState = {
  readonly register: number;
  /** Increments that a client saw succeed: what the register should hold. */
  readonly acknowledged: number;
  readonly clients: readonly ClientState[];
};

export type ClientState = {
  readonly phase: 'idle' | 'holding' | 'done';
  /** The value read, while holding it. */
  readonly read: number | null;
};

export type RegisterParams = { readonly clients: number };

export type RegisterSwitches = {
  /** Write only if the register still holds what was read, else go back and read again. */
  readonly compareAndSet: boolean;
};

const { action, always, sometimes, recovers, model } = modelKit<RegisterState, RegisterParams, RegisterSwitches>();

const client = (c: number) => `client ${c}`;
const clientIds = (ctx: { params: RegisterParams }) => range(1, ctx.params.clients);

const clientReadsRegister = action({
  name: 'clientReadsRegister',
  doc: 'A client reads the register to increment it.',
  args: clientIds,
  actor: client,
  when: (s, c) => s.clients[c - 1]?.phase === 'idle',
  step: (d, c) => {
    const me = d.clients[c - 1]!;
    me.phase = 'holding';
    me.read = d.register;
  },
  describe: (s, c) => `client ${c} reads ${s.register}`,
  target: 'register',
});

const clientWritesIncrement = action({
  name: 'clientWritesIncrement',
  doc: 'A client writes back what it read plus one (as a compare-and-set in the fixed variant).',
  args: clientIds,
  actor: client,
  when: (s, c) => s.clients[c - 1]?.phase === 'holding',
  step: (d, c, { switches }) => {
    const me = d.clients[c - 1]!;
    const read = me.read!;
    me.read = null;
    if (switches.compareAndSet && d.register !== read) {
      me.phase = 'idle'; // the CAS failed: someone wrote in between, so read again
      return;
    }
    d.register = read + 1;
    d.acknowledged += 1;
    me.phase = 'done';
  },
  describe: (s, c, _after, { switches }) => {
    const read = s.clients[c - 1]?.read ?? 0;
    if (switches.compareAndSet && s.register !== read)
      return `client ${c}'s compare-and-set of ${read}→${read + 1} fails (register is ${s.register})`;
    return `client ${c} writes ${read + 1} (register was ${s.register})`;
  },
  target: 'register',
});

export const register = model({
  name: 'register',
  title: 'Lost update on a shared register',
  doc: 'Clients read a register and write back the value plus one; two reads of the same value lose an increment.',
  params: {
    clients: { default: 2, min: 1, max: 4, doc: 'clients, each incrementing the register once' },
  },
  variants: {
    'read-modify-write': { doc: 'read, then blindly write read+1 (the bug)', switches: { compareAndSet: false } },
    'compare-and-set': {
      doc: 'write read+1 only if the register still holds the value read (the fix)',
      switches: { compareAndSet: true },
    },
  },
  init: ({ params }) => ({
    register: 0,
    acknowledged: 0,
    clients: Array.from({ length: params.clients }, () => ({ phase: 'idle' as const, read: null })),
  }),
  actions: [clientReadsRegister, clientWritesIncrement],
  properties: [
    always({
      name: 'no-lost-update',
      doc: 'the register holds every acknowledged increment',
      check: (s) =>
        s.register === s.acknowledged || `register is ${s.register} but ${s.acknowledged} increments were acknowledged`,
    }),
    sometimes({
      name: 'all-clients-done',
      doc: 'every client has incremented the register',
      reached: (s) => s.clients.every((c) => c.phase === 'done'),
    }),
    recovers({
      name: 'clients-finish',
      doc: 'left alone, the clients all finish their increments',
      by: () => true,
      goal: (s) =>
        s.clients.every((c) => c.phase === 'done') ||
        `${s.clients.filter((c) => c.phase !== 'done').length} client(s) never finish`,
      within: ({ params }) => 4 * params.clients * params.clients,
    }),
  ],
  actors: ({ params }) => Array.from({ length: params.clients }, (_, i) => client(i + 1)),
  // Done when every client has incremented once: nothing is left to do, and that is no deadlock.
  ends: (s) => s.clients.every((c) => c.phase === 'done'),
});
