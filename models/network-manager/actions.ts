/**
 * The steps a hunt schedules. Network Manager's own work is one step, `timePasses` (tick.ts says
 * why); the scheduler chooses what the world does around it: the load at the start, when the
 * delayed backlog arrives from DWFM and how large it is, and — reduce-load only — operators, whose
 * runbook is urgent: while it is due, time does not pass until they act.
 */
import { TIME, oneOf } from '../../engine/index.ts';
import { backlogSizes, loads } from './draws.ts';
import { kit, rulesOf, time, type NmCtx } from './kit.ts';
import { propagationCost, reduceDue, restoreDue } from './rules.ts';
import { heldBack, propagationDelay, queued, unreachable, type NmState } from './state.ts';
import { backlogArrives, reduceLoad, restoreLoad, startAtNormalLoad, timePasses as tick } from './tick.ts';

export { TIME } from '../../engine/index.ts';
export const NETWORK_MANAGER = 'Network Manager';
export const DWFM = 'DWFM';
export const OPERATORS = 'operators';

/** Operators' steps exist only where they have a runbook: an empty domain removes them from other hunts. */
const runbookOnly = (ctx: NmCtx) => (ctx.switches.reduceLoad ? oneOf([NETWORK_MANAGER]) : oneOf<string>([]));
const running = (s: NmState, ctx: NmCtx) => s.load !== null && time.running(s, ctx);

/** "Network Manager, which is responsible for the management and propagation of network state to all EC2 instances" */
export const networkManagerStartsAtNormalLoad = kit.action({
  name: 'networkManagerStartsAtNormalLoad',
  doc: 'The run starts: Network Manager propagates the normal flow of launches and terminations, nothing waits.',
  args: loads,
  actor: NETWORK_MANAGER,
  when: (s, load) => s.load === null && load.rate < load.capacity,
  step: (d, load) => startAtNormalLoad(d, load),
  describe: (_, l) =>
    `Network Manager completes ${l.capacity} units of work per tick; ${l.rate} propagation${l.rate === 1 ? '' : 's'} arrive${l.rate === 1 ? 's' : ''} every tick at normal load`,
});

/** "Since these network propagation events had been delayed by the issue with DWFM, a significant backlog of network state propagations needed to be processed" */
export const dwfmReleasesDelayedPropagations = kit.action({
  name: 'dwfmReleasesDelayedPropagations',
  doc: 'DWFM has recovered: the network state changes it held back arrive at Network Manager at once.',
  args: backlogSizes,
  actor: DWFM,
  when: (s, _, ctx) => running(s, ctx) && s.backlog.at === null,
  step: (d, size, ctx) => backlogArrives(d, size, rulesOf(ctx)),
  describe: (s, size, _after, ctx) => {
    const where = ctx.switches.queueLimit ? 'wait upstream for room in the queue' : 'join the queue';
    return `${size} delayed propagation${size === 1 ? '' : 's'} arrive at once and ${where} (${queued(s)} already queued)`;
  },
  target: NETWORK_MANAGER,
});

export const timePasses = kit.action({
  name: 'timePasses',
  doc: 'One tick: the normal flow of propagations arrives, admission control admits what fits, Network Manager works through its queue.',
  actor: TIME,
  when: (s, _, ctx) => s.load !== null && time.canPass(s, ctx),
  step: (d, _, ctx) => tick(d, rulesOf(ctx)),
  describe: (before, _, after, ctx) => describeTick(before, after, ctx),
});

/** "Engineers worked to reduce the load on Network Manager to address network configuration propagation times" */
export const operatorsReduceLoad = kit.action({
  name: 'operatorsReduceLoad',
  doc: 'reduce-load: propagation delays have stayed elevated; operators cut the incoming work.',
  args: runbookOnly,
  actor: OPERATORS,
  when: (s, _, ctx) => reduceDue(s, rulesOf(ctx)),
  step: (d) => reduceLoad(d),
  describe: (s, _, _after, { params }) =>
    `propagation delays elevated for ${s.elevatedFor} ticks (${propagationDelay(s)} now): operators cut incoming work to ${params.reducedPercent}% of normal`,
  target: NETWORK_MANAGER,
});

/** "By 10:36 AM, network configuration propagation times had returned to normal levels" */
export const operatorsRestoreLoad = kit.action({
  name: 'operatorsRestoreLoad',
  doc: 'reduce-load: propagation delays are normal again; operators let the normal load back in.',
  args: runbookOnly,
  actor: OPERATORS,
  when: (s, _, ctx) => restoreDue(s, rulesOf(ctx)),
  step: (d) => restoreLoad(d),
  describe: (s) => `propagation delay back to ${propagationDelay(s)}: operators let the normal load back in`,
  target: NETWORK_MANAGER,
});

/** A tick in one line, from what it did. */
function describeTick(before: NmState, after: NmState, ctx: NmCtx): string {
  const r = after.last;
  const parts = [`${r.arrived} propagation${r.arrived === 1 ? '' : 's'} arrive${r.arrived === 1 ? 's' : ''}`];
  if (after.reduced && (after.load?.rate ?? 0) > r.arrived)
    parts[0] += ` (load reduced: ${(after.load?.rate ?? 0) - r.arrived} refused)`;
  if (ctx.switches.queueLimit && heldBack(before) + r.arrived > 0)
    parts.push(`${r.admitted} admitted, ${heldBack(after)} held upstream`);
  if (r.spent > 0) {
    const cost = propagationCost(Math.max(0, queued(before) + r.admitted - 1), ctx.params.knee);
    parts.push(`${r.landed} land${r.landed === 1 ? 's' : ''} (${r.spent} units; the head of the queue cost ${cost})`);
  }
  return `tick ${after.tick}: ${parts.join('; ')} → ${unreachable(after)} instance${unreachable(after) === 1 ? '' : 's'} without network configuration, delay ${propagationDelay(after)}`;
}
