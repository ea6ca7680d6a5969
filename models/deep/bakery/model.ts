/**
 * Lamport's bakery algorithm (L. Lamport, "A new solution of Dijkstra's concurrent programming
 * problem", CACM 17(8), 1974). A process takes a number one higher than every number it reads, one
 * process at a time, then waits for each other process j: first until j is not choosing a number,
 * then until j has no number or a later one (number, then id, breaks ties). The lowest number enters
 * the critical section first.
 *
 * Lamport's paper explains why `choosing` is needed: a process that has read every number but not
 * yet written its own looks like a process with no number. The bug, `no-choosing`, leaves the flag
 * out: another process passes it by, enters, and then the slow one writes the same number, wins the
 * tie on its lower id, and enters too. Each process goes round `rounds` times, so numbers stay small.
 */
import { modelKit, range } from '../../../engine/index.ts';

type Pc = 'idle' | 'reading' | 'writing' | 'waiting-choice' | 'waiting-number' | 'critical' | 'done';
type Proc = {
  readonly pc: Pc;
  /** The process whose number (or flag) is read next. */
  readonly at: number;
  /** The highest number read so far while choosing. */
  readonly max: number;
  readonly rounds: number;
};
export type BakeryState = {
  readonly choosing: readonly boolean[];
  readonly number: readonly number[];
  readonly procs: readonly Proc[];
};
export type BakeryParams = { readonly processes: number; readonly rounds: number };
export type BakerySwitches = { readonly choosingFlag: boolean };

const { action, always, sometimes, model } = modelKit<BakeryState, BakeryParams, BakerySwitches>();
const proc = (i: number) => `process ${i}`;
const processes = ({ params }: { params: BakeryParams }) => range(0, params.processes - 1);
const before = (s: BakeryState, j: number, i: number) =>
  s.number[j]! < s.number[i]! || (s.number[j] === s.number[i] && j < i);

const processStartsChoosing = action({
  name: 'processStartsChoosing',
  doc: 'choosing[i] := true; then read every number, one at a time.',
  args: processes,
  actor: proc,
  when: (s, i) => s.procs[i]!.pc === 'idle',
  step: (d, i, { switches }) => {
    if (switches.choosingFlag) d.choosing[i] = true;
    d.procs[i] = { ...d.procs[i]!, pc: 'reading', at: 0, max: 0 };
  },
});

const processReadsNumber = action({
  name: 'processReadsNumber',
  doc: 'Read number[at] while choosing: remember the highest.',
  args: processes,
  actor: proc,
  when: (s, i) => s.procs[i]!.pc === 'reading',
  step: (d, i, { params }) => {
    const p = d.procs[i]!;
    p.max = Math.max(p.max, d.number[p.at]!);
    p.at += 1;
    if (p.at === params.processes) p.pc = 'writing';
  },
  describe: (s, i) => `process ${i} reads number[${s.procs[i]!.at}] = ${s.number[s.procs[i]!.at]}`,
});

const processTakesNumber = action({
  name: 'processTakesNumber',
  doc: 'number[i] := 1 + the highest read; choosing[i] := false; then wait for each process in turn.',
  args: processes,
  actor: proc,
  when: (s, i) => s.procs[i]!.pc === 'writing',
  step: (d, i) => {
    const p = d.procs[i]!;
    d.number[i] = p.max + 1;
    d.choosing[i] = false;
    p.pc = 'waiting-choice';
    p.at = 0;
  },
  describe: (s, i) => `process ${i} takes number ${s.procs[i]!.max + 1}`,
});

const processWaitsForOther = action({
  name: 'processWaitsForOther',
  doc: 'For j in turn: wait while choosing[j]; then wait while j has an earlier number; then the next j.',
  args: processes,
  actor: proc,
  when: (s, i) => {
    const p = s.procs[i]!;
    if (p.pc === 'waiting-choice') return p.at === i || !s.choosing[p.at];
    if (p.pc === 'waiting-number') return p.at === i || s.number[p.at] === 0 || !before(s, p.at, i);
    return false;
  },
  step: (d, i, { params }) => {
    const p = d.procs[i]!;
    if (p.pc === 'waiting-choice' && p.at !== i) {
      p.pc = 'waiting-number';
      return;
    }
    p.at += 1;
    p.pc = p.at === params.processes ? 'critical' : 'waiting-choice';
  },
  describe: (s, i) => {
    const p = s.procs[i]!;
    if (p.pc === 'waiting-choice' && p.at !== i) return `process ${i} sees process ${p.at} is not choosing`;
    return `process ${i} passes process ${p.at} (number ${s.number[p.at]} against its own ${s.number[i]})`;
  },
});

const processLeavesCriticalSection = action({
  name: 'processLeavesCriticalSection',
  doc: 'number[i] := 0.',
  args: processes,
  actor: proc,
  when: (s, i) => s.procs[i]!.pc === 'critical',
  step: (d, i) => {
    const p = d.procs[i]!;
    d.number[i] = 0;
    p.rounds -= 1;
    p.pc = p.rounds === 0 ? 'done' : 'idle';
  },
});

export const bakery = model({
  name: 'bakery',
  title: "Lamport's bakery algorithm (Lamport 1974)",
  doc: 'Processes take numbered tickets, reading the others one at a time, and enter the critical section in ticket order.',
  params: {
    processes: { default: 5, min: 2, max: 6, doc: 'processes' },
    rounds: { default: 1, min: 1, max: 3, doc: 'times each process enters the critical section' },
  },
  variants: {
    'no-choosing': { doc: 'the choosing flag left out', switches: { choosingFlag: false } },
    bakery: { doc: "Lamport's algorithm (the fix)", switches: { choosingFlag: true } },
  },
  init: ({ params }) => ({
    choosing: Array.from({ length: params.processes }, () => false),
    number: Array.from({ length: params.processes }, () => 0),
    procs: Array.from({ length: params.processes }, () => ({
      pc: 'idle' as const,
      at: 0,
      max: 0,
      rounds: params.rounds,
    })),
  }),
  actions: [
    processStartsChoosing,
    processReadsNumber,
    processTakesNumber,
    processWaitsForOther,
    processLeavesCriticalSection,
  ],
  properties: [
    always({
      name: 'mutual-exclusion',
      doc: 'at most one process is in the critical section',
      check: (s) => {
        const inside = s.procs.flatMap((p, i) => (p.pc === 'critical' ? [i] : []));
        return (
          inside.length <= 1 ||
          `processes ${inside.join(' and ')} are both in the critical section (numbers ${inside.map((i) => s.number[i]).join(' and ')})`
        );
      },
    }),
    sometimes({
      name: 'same-number',
      doc: 'two processes hold the same number',
      reached: (s) => s.number.some((n, i) => n > 0 && s.number.indexOf(n) !== i),
    }),
  ],
  ends: (s) => s.procs.every((p) => p.pc === 'done'),
  actors: ({ params }) => Array.from({ length: params.processes }, (_, i) => proc(i)),
});
