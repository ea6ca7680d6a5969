/**
 * A like counter on a key-value store, incremented by web clients over a network that loses
 * replies, with retries: the lost update and its cures, from Kleppmann's DDIA, ch. 7 "Preventing
 * Lost Updates" (a read-modify-write cycle; "compare-and-set": "allowing an update to happen only
 * if the value has not changed since you last read it") and ch. 12 "The end-to-end argument for
 * databases" ("Operation identifiers": a retried request must not be applied twice; "Uniquely
 * identifying requests").
 *
 * Each client likes once: GET the counter and its version, PUT value + 1. A reply may be lost
 * and a client may time out before its answer comes; it then resends the same PUT (a client
 * library's retry), and ignores answers to attempts it abandoned.
 *
 * - Blind PUT: two clients that read the same value both write value + 1: a lost update.
 * - Compare-and-set on the version: no lost update, but a retried PUT whose first copy was applied
 *   (only its reply was lost) now fails its compare, so the client reads again and increments
 *   again: its like is counted twice.
 * - Compare-and-set with a request id (the like's id): the store remembers the ids it applied and
 *   answers a duplicate with success without applying it again.
 */
import type { Draft } from 'immer';
import { modelKit, range, record } from '../../../engine/index.ts';

export type KvState = {
  readonly value: number;
  readonly version: number;
  /** Request ids (one per like: the client's number) the store has applied, ascending. */
  readonly applied: readonly number[];
  readonly clients: readonly KvClient[];
  /** PUTs in flight, and replies in flight, sorted. */
  readonly requests: readonly Put[];
  readonly replies: readonly Reply[];
  readonly lossesLeft: number;
};

export type KvClient = {
  readonly phase: 'idle' | 'read' | 'waiting' | 'liked' | 'gave-up';
  readonly read: { readonly value: number; readonly version: number } | null;
  /** The attempt it waits for: every PUT sent (first or retry) is a new attempt. */
  readonly attempt: number;
  readonly retriesLeft: number;
  /** It has sent its PUT at least once (its like may be counted from then on). */
  readonly sent: boolean;
  /** It resent a PUT after a timeout (for the witness). */
  readonly resent: boolean;
};

export type Put = {
  readonly client: number;
  readonly attempt: number;
  readonly value: number;
  readonly expect: number;
};
export type Reply = { readonly client: number; readonly attempt: number; readonly ok: boolean };

export type KvParams = {
  readonly clients: number;
  readonly retries: number;
  readonly losses: number;
  readonly attempts: number;
};

export type KvSwitches = {
  readonly write: 'blind' | 'compare-and-set';
  readonly requestIds: boolean;
};

const { action, always, sometimes, model } = modelKit<KvState, KvParams, KvSwitches>();

const clientIds = ({ params }: { params: KvParams }) => range(1, params.clients);
const clientName = (c: number) => `client ${c}`;
const cl = (s: KvState, c: number) => s.clients[c - 1]!;
/** A message names one attempt of one client. */
const messageIds = ({ params }: { params: KvParams }) =>
  record({ client: range(1, params.clients), attempt: range(1, params.attempts) });
const byClientAttempt = (a: { client: number; attempt: number }, b: { client: number; attempt: number }) =>
  a.client - b.client || a.attempt - b.attempt;
const isMsg = (c: number, n: number) => (m: { client: number; attempt: number }) => m.client === c && m.attempt === n;

const clientReadsCounter = action({
  name: 'clientReadsCounter',
  doc: 'GET likes: the value and its version.',
  args: clientIds,
  actor: clientName,
  when: (s, c) => cl(s, c).phase === 'idle',
  step: (d, c) => {
    const me = d.clients[c - 1]!;
    me.read = { value: d.value, version: d.version };
    me.phase = 'read';
  },
  describe: (s, c) => `client ${c} reads likes = ${s.value} (version ${s.version})`,
  target: 'store',
});

/** Send a PUT as a new attempt (the first send, or a retry of the same PUT). */
function sendPut(d: Draft<KvState>, c: number): void {
  const me = d.clients[c - 1]!;
  me.attempt += 1;
  me.phase = 'waiting';
  me.sent = true;
  d.requests = [
    ...d.requests,
    { client: c, attempt: me.attempt, value: me.read!.value + 1, expect: me.read!.version },
  ].sort(byClientAttempt);
}

/** A client that has used all its attempts gives up on its like (its retry policy is bounded). */
function giveUp(d: Draft<KvState>, c: number): void {
  const me = d.clients[c - 1]!;
  me.phase = 'gave-up';
  me.read = null;
}

const clientSendsPut = action({
  name: 'clientSendsPut',
  doc: 'PUT likes = read + 1 (with the version read, for a compare-and-set); a client out of attempts gives up instead.',
  args: clientIds,
  actor: clientName,
  when: (s, c) => cl(s, c).phase === 'read',
  step: (d, c, { params }) => (d.clients[c - 1]!.attempt < params.attempts ? sendPut(d, c) : giveUp(d, c)),
  describe: (s, c, _a, { params, switches }) =>
    cl(s, c).attempt < params.attempts
      ? `client ${c} sends PUT likes = ${cl(s, c).read!.value + 1}${switches.write === 'compare-and-set' ? ` if version = ${cl(s, c).read!.version}` : ''}`
      : `client ${c} gives up: it has made ${params.attempts} attempts`,
  target: 'store',
});

const storeHandlesPut = action({
  name: 'storeHandlesPut',
  doc: 'The store applies a PUT (blindly, or if the version still matches; a known request id is answered with success, not applied) and replies.',
  args: messageIds,
  actor: 'store',
  when: (s, m) => s.requests.some(isMsg(m.client, m.attempt)),
  step: (d, m, { switches }) => {
    const put = d.requests.find(isMsg(m.client, m.attempt))!;
    d.requests = d.requests.filter((x) => !isMsg(m.client, m.attempt)(x));
    let ok: boolean;
    if (switches.requestIds && d.applied.includes(put.client)) ok = true;
    else if (switches.write === 'compare-and-set' && d.version !== put.expect) ok = false;
    else {
      d.value = put.value;
      d.version += 1;
      if (!d.applied.includes(put.client)) d.applied = [...d.applied, put.client].sort((a, b) => a - b);
      ok = true;
    }
    d.replies = [...d.replies, { client: put.client, attempt: put.attempt, ok }].sort(byClientAttempt);
  },
  describe: (s, m, after, { switches }) => {
    const put = s.requests.find(isMsg(m.client, m.attempt))!;
    const who = `client ${m.client}'s PUT likes = ${put.value} (attempt ${m.attempt})`;
    if (switches.requestIds && s.applied.includes(put.client))
      return `store sees ${who} again: already applied, replies OK`;
    if (after.value === s.value && after.version === s.version)
      return `store rejects ${who}: version is ${s.version}, not ${put.expect}`;
    return `store applies ${who}: likes ${s.value} → ${put.value}`;
  },
  target: ({ client }) => clientName(client),
});

const networkLosesReply = action({
  name: 'networkLosesReply',
  doc: 'The network loses a reply.',
  args: messageIds,
  actor: 'network',
  when: (s, m) => s.lossesLeft > 0 && s.replies.some(isMsg(m.client, m.attempt)),
  step: (d, m) => {
    d.replies = d.replies.filter((x) => !isMsg(m.client, m.attempt)(x));
    d.lossesLeft -= 1;
  },
  describe: (s, m) =>
    `the network loses the ${s.replies.find(isMsg(m.client, m.attempt))!.ok ? 'OK' : 'CONFLICT'} reply to client ${m.client}'s attempt ${m.attempt}`,
});

const clientReceivesReply = action({
  name: 'clientReceivesReply',
  doc: 'A reply arrives: OK means liked, a conflict means read again; a reply to an abandoned attempt is ignored.',
  args: messageIds,
  actor: ({ client }) => clientName(client),
  when: (s, m) => s.replies.some(isMsg(m.client, m.attempt)),
  step: (d, m) => {
    const reply = d.replies.find(isMsg(m.client, m.attempt))!;
    d.replies = d.replies.filter((x) => !isMsg(m.client, m.attempt)(x));
    const me = d.clients[m.client - 1]!;
    if (me.phase !== 'waiting' || me.attempt !== m.attempt) return;
    me.read = null;
    me.phase = reply.ok ? 'liked' : 'idle';
  },
  describe: (s, m) => {
    const reply = s.replies.find(isMsg(m.client, m.attempt))!;
    const me = cl(s, m.client);
    if (me.phase !== 'waiting' || me.attempt !== m.attempt)
      return `client ${m.client} ignores the reply to its abandoned attempt ${m.attempt}`;
    return reply.ok
      ? `client ${m.client} gets OK: its like is in`
      : `client ${m.client} gets CONFLICT and will read again`;
  },
});

const clientTimesOut = action({
  name: 'clientTimesOut',
  doc: 'No answer yet to the current attempt: the client resends the same PUT, or gives up when out of retries or attempts.',
  args: clientIds,
  actor: clientName,
  when: (s, c) => cl(s, c).phase === 'waiting' && !s.replies.some(isMsg(c, cl(s, c).attempt)),
  step: (d, c, { params }) => {
    const me = d.clients[c - 1]!;
    if (me.retriesLeft === 0 || me.attempt >= params.attempts) return giveUp(d, c);
    me.retriesLeft -= 1;
    me.resent = true;
    sendPut(d, c);
  },
  describe: (s, c, _a, { params }) =>
    cl(s, c).retriesLeft === 0 || cl(s, c).attempt >= params.attempts
      ? `client ${c} times out and gives up`
      : `client ${c} times out on attempt ${cl(s, c).attempt} and resends the same PUT`,
  target: 'store',
});

const liked = (s: KvState) => s.clients.filter((c) => c.phase === 'liked').length;
const senders = (s: KvState) => s.clients.filter((c) => c.sent).length;
const allSettled = (s: KvState) =>
  s.clients.every((c) => c.phase === 'liked' || c.phase === 'gave-up') &&
  s.requests.length === 0 &&
  s.replies.length === 0;

export const lostUpdateKv = model({
  name: 'lost-update-kv',
  title: 'A like counter on a key-value store, with retries (DDIA ch. 7 and 12)',
  doc: 'Blind read-modify-write loses likes; compare-and-set with retries counts one twice; a request id makes the retry safe.',
  params: {
    clients: { default: 2, min: 1, max: 3, doc: 'clients, each liking once' },
    retries: { default: 1, min: 0, max: 2, doc: 'times a client resends a PUT after a timeout' },
    losses: { default: 1, min: 0, max: 2, doc: 'replies the network may lose' },
    attempts: {
      default: 3,
      min: 1,
      max: 4,
      doc: 'PUT attempts a client makes at most (first sends after a conflict count too)',
    },
  },
  variants: {
    'blind-write': {
      doc: 'PUT overwrites whatever is there (the bug: a lost update)',
      switches: { write: 'blind', requestIds: false },
    },
    'compare-and-set': {
      doc: 'PUT only if the version is still the one read (no lost update; a retry counts a like twice)',
      switches: { write: 'compare-and-set', requestIds: false },
    },
    'cas-with-request-id': {
      doc: 'compare-and-set, and the store remembers applied request ids (the fix)',
      switches: { write: 'compare-and-set', requestIds: true },
    },
  },
  init: ({ params }) => ({
    value: 0,
    version: 0,
    applied: [],
    clients: Array.from({ length: params.clients }, () => ({
      phase: 'idle' as const,
      read: null,
      attempt: 0,
      retriesLeft: params.retries,
      sent: false,
      resent: false,
    })),
    requests: [],
    replies: [],
    lossesLeft: params.losses,
  }),
  actions: [
    clientReadsCounter,
    clientSendsPut,
    storeHandlesPut,
    networkLosesReply,
    clientReceivesReply,
    clientTimesOut,
  ],
  properties: [
    always({
      name: 'no-lost-like',
      doc: 'the counter holds at least every like a client was told is in',
      check: (s) => s.value >= liked(s) || `likes = ${s.value}, but ${liked(s)} clients were told their like is in`,
    }),
    always({
      name: 'no-double-like',
      doc: 'the counter holds at most one like per client that sent one',
      check: (s) => s.value <= senders(s) || `likes = ${s.value}, but only ${senders(s)} client(s) ever liked`,
    }),
    sometimes({
      name: 'every-like-in',
      doc: 'every client was told its like is in',
      reached: (s) => s.clients.every((c) => c.phase === 'liked'),
    }),
    sometimes({
      name: 'retry-then-liked',
      doc: 'a client resent its PUT after a timeout, and was then told its like is in',
      reached: (s) => s.clients.some((c) => c.resent && c.phase === 'liked'),
    }),
  ],
  ends: allSettled,
  actors: ({ params }) => [...Array.from({ length: params.clients }, (_, i) => clientName(i + 1)), 'store', 'network'],
});
