/**
 * The Chandy–Lamport snapshot (K. M. Chandy and L. Lamport, "Distributed snapshots: determining
 * global states of distributed systems", ACM TOCS 3(1), 1985). Processes pass money over FIFO
 * channels; the total never changes. To record a consistent global state, a process records its own
 * balance and, before it sends anything else, sends a marker on every outgoing channel (the marker
 * sending rule). A process that receives a marker for the first time records its balance and that
 * channel as empty, and records every other incoming channel from then until a marker arrives on it
 * (the marker receiving rule). A complete snapshot must hold the total.
 *
 * The bug, `late-markers`, sends the markers one channel at a time, whenever the process gets to it:
 * money sent after the balance was recorded can overtake a marker, and is counted twice.
 */
import { modelKit, range, record } from '../../../engine/index.ts';

type Msg = number | 'marker';
export type SnapshotState = {
  readonly balance: readonly number[];
  /** channels[i][j]: the FIFO channel from i to j (i ≠ j). */
  readonly channels: readonly (readonly (readonly Msg[])[])[];
  /** The recorded balance, or null before the process records. */
  readonly recorded: readonly (number | null)[];
  /** open[j][i]: the channel from j to i is being recorded (its receiver recorded, its marker has not come). */
  readonly open: readonly (readonly boolean[])[];
  /** kept[j][i]: the money recorded on the channel from j to i. */
  readonly kept: readonly (readonly number[])[];
  /** done[j][i]: the marker on the channel from j to i has arrived. */
  readonly done: readonly (readonly boolean[])[];
  /** Markers each process still owes its outgoing channels (late-markers only). */
  readonly owed: readonly (readonly boolean[])[];
};
export type SnapshotParams = { readonly processes: number; readonly money: number; readonly capacity: number };
export type SnapshotSwitches = { readonly markersAtOnce: boolean };

const { action, always, sometimes, model } = modelKit<SnapshotState, SnapshotParams, SnapshotSwitches>();
type Ctx = { params: SnapshotParams };
const proc = (i: number) => `process ${i}`;
const pairs = ({ params }: Ctx) => record({ from: range(0, params.processes - 1), to: range(0, params.processes - 1) });
type Draft = {
  balance: number[];
  channels: Msg[][][];
  recorded: (number | null)[];
  open: boolean[][];
  kept: number[][];
  done: boolean[][];
  owed: boolean[][];
};

/** Record i's balance; markers go on every outgoing channel at once, or are owed (late-markers). */
function recordState(d: Draft, i: number, atOnce: boolean): void {
  d.recorded[i] = d.balance[i]!;
  for (let j = 0; j < d.balance.length; j++) {
    if (j === i) continue;
    if (!d.done[j]![i]) d.open[j]![i] = true;
    if (atOnce) d.channels[i]![j]!.push('marker');
    else d.owed[i]![j] = true;
  }
}

const processSendsMoney = action({
  name: 'processSendsMoney',
  doc: 'Send one unit of money to another process.',
  args: pairs,
  actor: ({ from }) => proc(from),
  target: ({ to }) => proc(to),
  when: (s, { from, to }, { params }) =>
    from !== to && s.balance[from]! > 0 && s.channels[from]![to]!.length < params.capacity,
  step: (d, { from, to }) => {
    d.balance[from]! -= 1;
    d.channels[from]![to]!.push(1);
  },
  describe: (_s, { from, to }) => `process ${from} sends 1 to process ${to}`,
});

const initiatorRecords = action({
  name: 'initiatorRecords',
  doc: 'Process 0 starts the snapshot: it records its balance and sends markers.',
  actor: proc(0),
  when: (s) => s.recorded[0] === null,
  step: (d, _a, { switches }) => recordState(d, 0, switches.markersAtOnce),
  describe: (s) => `process 0 records its balance ${s.balance[0]} and starts the snapshot`,
});

const processSendsMarker = action({
  name: 'processSendsMarker',
  doc: 'late-markers: send a marker it owes on one outgoing channel.',
  args: pairs,
  actor: ({ from }) => proc(from),
  target: ({ to }) => proc(to),
  when: (s, { from, to }) => s.owed[from]![to] === true,
  step: (d, { from, to }) => {
    d.owed[from]![to] = false;
    d.channels[from]![to]!.push('marker');
  },
  describe: (_s, { from, to }) => `process ${from} sends a marker to process ${to}`,
});

const processReceives = action({
  name: 'processReceives',
  doc: 'Take the next message of a channel: money is added (and recorded, while recording); a marker records or closes.',
  args: pairs,
  actor: ({ to }) => proc(to),
  when: (s, { from, to }) => from !== to && s.channels[from]![to]!.length > 0,
  step: (d, { from, to }, { switches }) => {
    const m = d.channels[from]![to]!.shift()!;
    if (m === 'marker') {
      // The first marker: the channel it came on is recorded empty (done before recordState opens it).
      d.done[from]![to] = true;
      if (d.recorded[to] === null) recordState(d, to, switches.markersAtOnce);
      d.open[from]![to] = false;
      return;
    }
    d.balance[to]! += m;
    if (d.open[from]![to]) d.kept[from]![to]! += m;
  },
  describe: (s, { from, to }) =>
    s.channels[from]![to]![0] === 'marker'
      ? `process ${to} takes a marker from process ${from}${s.recorded[to] === null ? ` and records its balance ${s.balance[to]}` : ''}`
      : `process ${to} receives 1 from process ${from}`,
});

/** Every process recorded, every channel closed by its marker: the snapshot is complete. */
const complete = (s: SnapshotState) =>
  s.recorded.every((r) => r !== null) && s.done.every((row, j) => row.every((c, i) => i === j || c));

/** The money the snapshot holds: recorded balances plus what was recorded on channels. */
function snapshotTotal(s: SnapshotState): number {
  return s.recorded.reduce<number>((a, r) => a + (r ?? 0), 0) + s.kept.flat().reduce((a, b) => a + b, 0);
}

export const snapshot = model({
  name: 'snapshot',
  title: 'The Chandy–Lamport snapshot (Chandy & Lamport 1985)',
  doc: 'Processes pass money over FIFO channels and record a global snapshot with markers; the snapshot must hold all the money.',
  params: {
    processes: { default: 3, min: 2, max: 4, doc: 'processes' },
    money: { default: 1, min: 1, max: 4, doc: 'units of money each process starts with' },
    capacity: { default: 1, min: 1, max: 3, doc: 'money messages a channel holds (markers are always sent)' },
  },
  variants: {
    'late-markers': {
      doc: 'markers are sent one channel at a time, after the balance is recorded, not before any other message',
      switches: { markersAtOnce: false },
    },
    'chandy-lamport': { doc: 'markers on every channel at once (the fix)', switches: { markersAtOnce: true } },
  },
  init: ({ params }) => {
    const n = params.processes;
    const grid = <T>(v: () => T) => Array.from({ length: n }, () => Array.from({ length: n }, v));
    return {
      balance: Array.from({ length: n }, () => params.money),
      channels: grid((): Msg[] => []),
      recorded: Array.from({ length: n }, () => null),
      open: grid(() => false),
      kept: grid(() => 0),
      done: grid(() => false),
      owed: grid(() => false),
    };
  },
  actions: [processSendsMoney, initiatorRecords, processSendsMarker, processReceives],
  properties: [
    always({
      name: 'snapshot-holds-the-total',
      doc: 'a complete snapshot records exactly the money there is',
      check: (s, { params }) => {
        if (!complete(s)) return true;
        const total = params.processes * params.money;
        const got = snapshotTotal(s);
        return got === total || `the snapshot records ${got}, but there is ${total}`;
      },
    }),
    sometimes({ name: 'snapshot-complete', doc: 'a snapshot completes', reached: complete }),
  ],
  actors: ({ params }) => Array.from({ length: params.processes }, (_, i) => proc(i)),
});
