/**
 * Network Manager over one tick, and the few things that happen between ticks, as edits of a state.
 *
 * Written against immer's Draft type so that the checked model's actions call them inside immer,
 * and the count simulator and the composed Region call them on plain objects: one implementation
 * of the rules for a hunt over a handful of propagations and a simulation of a million.
 *
 * As in models/dwfm, "time passes" does everything Network Manager and the normal flow of launches
 * do by themselves every tick; the scheduler chooses what the world does: the load drawn at the
 * start, when the delayed backlog arrives and how large it is, and (reduce-load) when operators act.
 */
import type { Draft } from 'immer';
import { admissionAllowance, delayElevated, incoming, propagationCost, type Rules } from './rules.ts';
import { NO_REPORT, type Cohort, type Load, type NmState, type TickReport } from './state.ts';

type D = Draft<NmState>;
type Report = { -readonly [K in keyof TickReport]: number };

/** The run's first step: Network Manager at its normal load, nothing waiting. */
export function startAtNormalLoad(d: D, load: Load): void {
  if (load.rate >= load.capacity)
    throw new Error(
      `normal load (${load.rate} a tick) must be below capacity (${load.capacity}), or nothing ever drains`,
    );
  d.load = { ...load };
}

/**
 * "At 5:28 AM PDT, shortly after the recovery of DWFM, Network Manager began propagating updated
 * network configurations to newly launched instances and instances that had been terminated
 * during the event. Since these network propagation events had been delayed by the issue with
 * DWFM, a significant backlog of network state propagations needed to be processed": `size`
 * propagations arrive at once.
 */
export function backlogArrives(d: D, size: number, r: Rules): void {
  d.backlog = { at: d.tick, size };
  enqueue(d, size, r);
}

/** Propagations that arrived now join the queue, or wait upstream behind older held ones (queue-size-limit). */
function enqueue(d: D, count: number, r: Rules): void {
  if (count <= 0) return;
  const into = r.switches.queueLimit ? d.held : d.queue;
  push(into, d.tick, count);
}

function push(xs: Cohort[], since: number, count: number): void {
  const last = xs[xs.length - 1];
  if (last && last.since === since) xs[xs.length - 1] = { since, count: last.count + count };
  else xs.push({ since, count });
}

/** One tick of Network Manager. */
export function timePasses(d: D, r: Rules): void {
  const load = d.load;
  if (!load) throw new Error('time passes before the load is drawn');
  d.tick += 1;
  const rep: Report = { ...NO_REPORT };

  // Launches and other changes keep coming at the normal rate (or the reduced one).
  const arrived = incoming(d as NmState, load.rate, r);
  d.total.refused += load.rate - arrived;
  rep.arrived = arrived;
  enqueue(d, arrived, r);

  // queue-size-limit: admit held work, oldest first, as far as the queue's size allows.
  let allowance = admissionAllowance(d as NmState, load.capacity, r);
  while (allowance > 0 && d.held.length > 0) {
    const h = d.held[0]!;
    const n = Math.min(h.count, allowance);
    push(d.queue, h.since, n);
    allowance -= n;
    rep.admitted += n;
    if (n === h.count) d.held.shift();
    else d.held[0] = { since: h.since, count: h.count - n };
  }
  if (!r.switches.queueLimit) rep.admitted = arrived;

  networkManagerWorks(d, load.capacity, r, rep);

  // What operators watch: "at 6:21 AM, Network Manager started to experience increased latencies".
  d.elevatedFor = delayElevated(d as NmState, r) ? d.elevatedFor + 1 : 0;
  d.last = rep;
  d.total.landed += rep.landed;
}

/**
 * Network Manager spends this tick's capacity on its queue, oldest first. A propagation costs more
 * the longer the queue behind it (rules.propagationCost); one that does not fit in what is left of
 * the tick is carried over. Propagations that cost the same are done in batches — exactly what
 * doing them one by one would give, so that a simulation of 10^6 takes milliseconds.
 */
function networkManagerWorks(d: D, capacity: number, r: Rules, rep: Report): void {
  const { knee } = r.settings;
  let units = capacity;
  let total = d.queue.reduce((n, c) => n + c.count, 0);
  while (units > 0 && total > 0) {
    const head = d.queue[0]!;
    const cost = propagationCost(total - 1, knee);
    if (d.spent > 0 || units < cost) {
      // Finish (or keep working on) the propagation at the head, one at a time.
      const use = Math.min(units, cost - d.spent);
      units -= use;
      rep.spent += use;
      if (d.spent + use < cost) {
        d.spent += use;
        break;
      }
      d.spent = 0;
      land(d, 1);
      total -= 1;
      rep.landed += 1;
      continue;
    }
    // Until the queue shrinks past a multiple of the knee, every propagation costs the same.
    const sameCost = ((total - 1) % knee) + 1;
    const batch = Math.min(head.count, sameCost, Math.floor(units / cost));
    units -= batch * cost;
    rep.spent += batch * cost;
    land(d, batch);
    total -= batch;
    rep.landed += batch;
  }
}

/** The oldest `n` propagations land: their instances can communicate. */
function land(d: D, n: number): void {
  let left = n;
  while (left > 0) {
    const head = d.queue[0]!;
    const k = Math.min(left, head.count);
    left -= k;
    if (k === head.count) d.queue.shift();
    else d.queue[0] = { since: head.since, count: head.count - k };
  }
}

/** reduce-load: "Engineers worked to reduce the load on Network Manager to address network configuration propagation times." */
export function reduceLoad(d: D): void {
  d.reduced = true;
  d.elevatedFor = 0;
  d.total.reductions += 1;
}

/** Propagation times are normal again: the load goes back to normal. */
export function restoreLoad(d: D): void {
  d.reduced = false;
}
