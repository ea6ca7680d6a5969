/**
 * Szymanski's mutual exclusion for N processes (B. K. Szymanski, "A simple solution to Lamport's
 * concurrent programming problem with linear wait", Proc. ICS 1988, Figure 1). A waiting room with
 * a door: a process announces its intention (flag 1), waits for the door to be open (no flag ≥ 3),
 * stands in the doorway (flag 3), waits inside (flag 2) if someone else is still coming in, and
 * closes the door (flag 4). It then enters in order of ids, once every lower process has left
 * (their flags < 2). On its way out it waits until no process is still in the doorway or waiting
 * inside (flags 2 and 3), and resets its flag to 0.
 *
 * Every wait reads the other flags one at a time, as the paper's loops do, starting over when a flag
 * says "not yet": a process's `scan` is the next flag it reads. The bug, `no-order`, drops the wait
 * for lower ids, so two processes that closed the door together can both enter; the shortest way
 * there goes through a long stretch of reads.
 */
import { modelKit, range } from '../../../engine/index.ts';

/** Where a process is: each waiting place reads one flag per step. */
type Pc = 'idle' | 'await-open' | 'doorway' | 'await-closed' | 'await-lower' | 'critical' | 'await-exit';
export type SzymanskiState = {
  readonly pc: readonly Pc[];
  readonly flag: readonly number[];
  readonly scan: readonly number[];
};
export type SzymanskiParams = { readonly processes: number };
export type SzymanskiSwitches = { readonly waitForLower: boolean };

const { action, always, sometimes, model } = modelKit<SzymanskiState, SzymanskiParams, SzymanskiSwitches>();
const proc = (i: number) => `process ${i}`;
const processes = ({ params }: { params: SzymanskiParams }) => range(0, params.processes - 1);
const reading: readonly Pc[] = ['await-open', 'doorway', 'await-closed', 'await-lower', 'await-exit'];

type Draft = { pc: Pc[]; flag: number[]; scan: number[] };
const goTo = (d: Draft, i: number, pc: Pc, flag: number, scan = 0) => {
  d.pc[i] = pc;
  d.flag[i] = flag;
  d.scan[i] = scan;
};

/** The end of a wait: where the process goes next. */
function waitIsOver(d: Draft, i: number, n: number, waitForLower: boolean): void {
  const pc = d.pc[i];
  if (pc === 'await-open') goTo(d, i, 'doorway', 3);
  else if (pc === 'doorway')
    goTo(d, i, 'await-lower', 4); // nobody came in after it: it closes the door
  else if (pc === 'await-closed') goTo(d, i, 'await-lower', 4);
  else if (pc === 'await-lower') goTo(d, i, 'critical', 4);
  else if (pc === 'await-exit') goTo(d, i, 'idle', 0);
  if (d.pc[i] === 'await-lower' && (!waitForLower || i === 0)) goTo(d, i, 'critical', 4);
  if (d.pc[i] === 'await-exit' && i === n - 1) goTo(d, i, 'idle', 0);
}

const processAnnouncesIntent = action({
  name: 'processAnnouncesIntent',
  doc: 'flag[i] := 1: the process wants to enter, and waits for the door to be open.',
  args: processes,
  actor: proc,
  when: (s, i) => s.pc[i] === 'idle',
  step: (d, i) => goTo(d, i, 'await-open', 1),
});

const processReadsFlag = action({
  name: 'processReadsFlag',
  doc: "One read of a wait: the flag of process scan[i], and what the paper's loop does with it.",
  args: processes,
  actor: proc,
  when: (s, i) => reading.includes(s.pc[i]!),
  step: (d, i, { params, switches }) => {
    const j = d.scan[i]!;
    const f = d.flag[j]!;
    const n = params.processes;
    const last = (pc: Pc) => (pc === 'await-lower' ? i - 1 : n - 1);
    const pc = d.pc[i]!;
    // What this read says: "wait over" early, "start over", or read the next flag.
    const blocks =
      j !== i &&
      ((pc === 'await-open' && f >= 3) ||
        (pc === 'await-lower' && f >= 2) ||
        (pc === 'await-exit' && (f === 2 || f === 3)));
    if (pc === 'doorway' && j !== i && f === 1) return goTo(d, i, 'await-closed', 2);
    if (pc === 'await-closed' && j !== i && f === 4) return waitIsOver(d, i, n, switches.waitForLower);
    if (blocks) {
      d.scan[i] = pc === 'await-exit' ? i + 1 : 0;
      return;
    }
    if (j < last(pc)) d.scan[i] = j + 1;
    else if (pc === 'await-closed')
      d.scan[i] = 0; // nobody closed the door yet: read them all again
    else waitIsOver(d, i, n, switches.waitForLower);
  },
  describe: (s, i) => `process ${i} reads flag[${s.scan[i]}] = ${s.flag[s.scan[i]!]} (${s.pc[i]})`,
});

const processLeavesCriticalSection = action({
  name: 'processLeavesCriticalSection',
  doc: 'The critical section ends; the exit protocol waits for the room to see the door closed.',
  args: processes,
  actor: proc,
  when: (s, i) => s.pc[i] === 'critical',
  step: (d, i, { params }) => {
    if (i === params.processes - 1) goTo(d, i, 'idle', 0);
    else goTo(d, i, 'await-exit', 4, i + 1);
  },
});

export const szymanski = model({
  name: 'szymanski',
  title: "Szymanski's mutual exclusion (Szymanski 1988)",
  doc: 'N processes enter a critical section through a waiting room with a door, in order of ids.',
  params: { processes: { default: 6, min: 2, max: 7, doc: 'processes competing' } },
  variants: {
    'no-order': {
      doc: 'a process that closed the door enters at once (the wait for lower ids dropped)',
      switches: { waitForLower: false },
    },
    szymanski: { doc: "Szymanski's algorithm (the fix)", switches: { waitForLower: true } },
  },
  init: ({ params }) => ({
    pc: Array.from({ length: params.processes }, (): Pc => 'idle'),
    flag: Array.from({ length: params.processes }, () => 0),
    scan: Array.from({ length: params.processes }, () => 0),
  }),
  actions: [processAnnouncesIntent, processReadsFlag, processLeavesCriticalSection],
  properties: [
    always({
      name: 'mutual-exclusion',
      doc: 'at most one process is in the critical section',
      check: (s) => {
        const inside = s.pc.flatMap((pc, i) => (pc === 'critical' ? [i] : []));
        return inside.length <= 1 || `processes ${inside.join(' and ')} are both in the critical section`;
      },
    }),
    sometimes({
      name: 'waited-inside',
      doc: 'a process waits inside the room for the door to close',
      reached: (s) => s.pc.includes('await-closed'),
    }),
  ],
  actors: ({ params }) => Array.from({ length: params.processes }, (_, i) => proc(i)),
});
