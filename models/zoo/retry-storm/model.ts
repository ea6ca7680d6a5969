/**
 * A retry storm that keeps a server's queue full after the trigger is gone: the metastable failure
 * of Bronson, Aghayev, Charapko & Zhu ("Metastable Failures in Distributed Systems", HotOS 2021),
 * where a transient trigger pushes the system into a bad state that a sustaining effect (here,
 * retries) keeps it in after the trigger is gone, and the work it does is no longer useful. The
 * cures are Marc Brooker's ("Timeouts, retries, and backoff with jitter", Amazon Builders'
 * Library): back off before retrying; and David Yanacek's ("Using load shedding to avoid
 * overload", same library): do not spend work on requests whose client has already given up.
 *
 * Closed-loop clients each keep one request outstanding; the server serves one request per tick
 * from a FIFO queue of bounded capacity. A client that gets no answer within `timeout` ticks gives
 * up and sends the request again, but its first copy stays in the queue, and the server, which
 * cannot tell, serves it anyway: wasted work. One pause of the server (the trigger: a GC pause, a
 * failover) pushes the waits past the timeout; from then on each request waits behind abandoned
 * copies until it too is abandoned, and nothing is ever served in time again.
 *
 * Time is a tick of the server; client timeouts happen in the tick (deterministic); the clients
 * choose when they send. No absolute time is kept, so the state space is finite.
 */
import type { Draft } from 'immer';
import { modelKit, range } from '../../../engine/index.ts';

export type StormState = {
  /** FIFO: the head is served next. */
  readonly queue: readonly Request[];
  readonly clients: readonly StormClient[];
  /** Requests served in time in a row, without a timeout in between (capped at the number of clients). */
  readonly streak: number;
  readonly pausesLeft: number;
  /** For the witnesses: a timeout happened; the server served an abandoned request. */
  readonly timedOut: boolean;
  readonly wasted: boolean;
};

export type Request = {
  readonly client: number;
  /** Ticks it has waited (for an abandoned copy: the timeout). */
  readonly age: number;
  /** Its client still waits for it. */
  readonly live: boolean;
};

export type StormClient = {
  readonly phase: 'ready' | 'waiting' | 'backing-off';
  /** Ticks of backoff left. */
  readonly backoff: number;
};

export type StormParams = {
  readonly clients: number;
  readonly capacity: number;
  readonly timeout: number;
  readonly backoff: number;
  readonly pauses: number;
};

export type StormSwitches = {
  /** After a timeout, wait `backoff` ticks before sending again. */
  readonly backoff: boolean;
  /** The server drops requests older than the clients' timeout without serving them. */
  readonly dropExpired: boolean;
};

const { action, sometimes, recovers, model } = modelKit<StormState, StormParams, StormSwitches>();

const clientIds = ({ params }: { params: StormParams }) => range(1, params.clients);
const clientName = (c: number) => `client ${c}`;
const cl = (s: StormState, c: number) => s.clients[c - 1]!;
const queueText = (q: readonly Request[]) =>
  q.length === 0 ? 'empty' : q.map((r) => `${r.client}${r.live ? `@${r.age}` : '✗'}`).join(' ');

const clientSendsRequest = action({
  name: 'clientSendsRequest',
  doc: 'A ready client sends its request, if the queue has room.',
  args: clientIds,
  actor: clientName,
  when: (s, c, { params }) => cl(s, c).phase === 'ready' && s.queue.length < params.capacity,
  step: (d, c) => {
    d.queue.push({ client: c, age: 0, live: true });
    d.clients[c - 1]!.phase = 'waiting';
  },
  describe: (s, c) => `client ${c} sends a request (queue: ${queueText(s.queue)})`,
  target: 'server',
});

/** One tick of time: ages grow, waits that reach the timeout are abandoned, backoffs count down. */
function tick(d: Draft<StormState>, params: StormParams, sw: StormSwitches): void {
  d.queue = d.queue.map((r) => (r.live ? { ...r, age: r.age + 1 } : r));
  for (const c of d.clients) if (c.phase === 'backing-off') c.backoff -= 1;
  for (const [i, c] of d.clients.entries())
    if (c.phase === 'backing-off' && c.backoff === 0) d.clients[i] = { phase: 'ready', backoff: 0 };
  for (const [i, r] of d.queue.entries()) {
    if (!r.live || r.age < params.timeout) continue;
    d.queue[i] = { client: r.client, age: params.timeout, live: false };
    d.clients[r.client - 1] = sw.backoff
      ? { phase: 'backing-off', backoff: params.backoff }
      : { phase: 'ready', backoff: 0 };
    d.streak = 0;
    d.timedOut = true;
  }
}

/** The clients whose wait reached the timeout in this tick (all waiting before, none answered). */
function timeouts(before: StormState, after: StormState, answered: number | null, sw: StormSwitches): string {
  const gaveUp = before.clients
    .map((_, i) => i + 1)
    .filter((c) => cl(before, c).phase === 'waiting' && c !== answered && cl(after, c).phase !== 'waiting');
  if (gaveUp.length === 0) return '';
  const one = gaveUp.length === 1;
  return `; client${one ? '' : 's'} ${gaveUp.join(' and ')} time${one ? 's' : ''} out and ${sw.backoff ? (one ? 'backs off' : 'back off') : one ? 'retries' : 'retry'}`;
}

const serverServesRequest = action({
  name: 'serverServesRequest',
  doc: 'One tick: the server serves the head of the queue (dropping abandoned ones first, in the load-shedding variant).',
  actor: 'server',
  step: (d, _a, { params, switches }) => {
    if (switches.dropExpired) while (d.queue[0] && !d.queue[0].live) d.queue.shift();
    const r = d.queue.shift();
    if (r?.live) {
      d.clients[r.client - 1]!.phase = 'ready';
      d.streak = Math.min(params.clients, d.streak + 1);
    } else if (r) d.wasted = true;
    tick(d, params, switches);
  },
  describe: (s, _a, after, { switches }) => {
    const firstLive = s.queue.findIndex((r) => r.live);
    const dropped = switches.dropExpired ? (firstLive < 0 ? s.queue.length : firstLive) : 0;
    const head = s.queue[dropped];
    const served =
      head === undefined
        ? 'has nothing to serve'
        : head.live
          ? `answers client ${head.client} after ${head.age} ticks`
          : `serves client ${head.client}'s abandoned request (wasted)`;
    return `server ${dropped > 0 ? `drops ${dropped} abandoned request(s) and ` : ''}${served}${timeouts(s, after, head?.live ? head.client : null, switches)}; queue: ${queueText(after.queue)}`;
  },
  target: 'clients',
});

const serverPauses = action({
  name: 'serverPauses',
  doc: 'The trigger: the server pauses for a tick and serves nothing.',
  actor: 'environment',
  when: (s) => s.pausesLeft > 0,
  step: (d, _a, { params, switches }) => {
    d.pausesLeft -= 1;
    tick(d, params, switches);
  },
  describe: (s, _a, after, { switches }) =>
    `the server pauses for a tick${timeouts(s, after, null, switches)}; queue: ${queueText(after.queue)}`,
  target: 'server',
});

export const retryStorm = model({
  name: 'retry-storm',
  title: 'A retry storm that never drains (metastable failure, HotOS 2021)',
  doc: "After one pause of the server, clients' immediate retries keep the queue full of abandoned requests and nothing is served in time again; backoff or shedding abandoned requests drains it.",
  params: {
    clients: { default: 3, min: 1, max: 4, doc: 'clients, each with one request outstanding' },
    capacity: { default: 4, min: 1, max: 8, doc: "the server's queue capacity" },
    timeout: { default: 3, min: 1, max: 5, doc: 'ticks a client waits before it gives up and retries' },
    backoff: { default: 3, min: 1, max: 5, doc: 'ticks a client backs off after a timeout (backoff variant)' },
    pauses: { default: 2, min: 0, max: 3, doc: 'pauses of the server (the trigger)' },
  },
  variants: {
    'retry-immediately': {
      doc: 'a client that times out sends again at once (the bug: the storm sustains itself)',
      switches: { backoff: false, dropExpired: false },
    },
    backoff: {
      doc: 'a client that times out backs off before sending again (a fix)',
      switches: { backoff: true, dropExpired: false },
    },
    'drop-expired': {
      doc: 'retry at once, but the server drops requests whose client gave up (a fix)',
      switches: { backoff: false, dropExpired: true },
    },
  },
  init: ({ params }) => ({
    queue: [],
    clients: Array.from({ length: params.clients }, () => ({ phase: 'ready' as const, backoff: 0 })),
    streak: 0,
    pausesLeft: params.pauses,
    timedOut: false,
    wasted: false,
  }),
  actions: [clientSendsRequest, serverServesRequest, serverPauses],
  properties: [
    recovers({
      name: 'storm-drains',
      doc: 'with no more pauses, the server gets back to answering every client in time',
      by: (a) => a !== 'serverPauses',
      goal: (s, { params }) =>
        s.streak >= params.clients || `${s.streak} request(s) answered in time in a row (queue: ${queueText(s.queue)})`,
      within: ({ params }) => (params.capacity + params.clients) * (params.timeout + params.backoff),
    }),
    sometimes({
      name: 'a-client-times-out',
      doc: 'a client gave up on a request and retried',
      reached: (s) => s.timedOut,
    }),
    sometimes({
      name: 'healthy',
      doc: 'every client was answered in time, in a row',
      reached: (s, { params }) => s.streak >= params.clients,
    }),
  ],
  // Clients and server run forever: no state is an end (the server can always tick).
  ends: () => false,
  actors: ({ params }) => [
    ...Array.from({ length: params.clients }, (_, i) => clientName(i + 1)),
    'server',
    'environment',
  ],
});
