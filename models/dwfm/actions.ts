/**
 * The steps a hunt schedules. The DWFM's own work is one step, `timePasses` (tick.ts says why);
 * the scheduler chooses what the world does around it: the fleet the host takes over, when
 * DynamoDB fails and for how long, customers' launches, and — throttled-restart only — operators,
 * whose runbook is urgent: while it is due, time does not pass until they act.
 */
import { TIME, oneOf } from '../../engine/index.ts';
import { fleets, outageLengths } from './draws.ts';
import { kit, rulesOf, time, type DwfmCtx } from './kit.ts';
import { launchAllowed, launchOutcome, relaxDue, restartDue } from './rules.ts';
import { activeLeases, backlog, staleQueued, waitingDroplets, type DwfmState } from './state.ts';
import { dynamoGoesDown, relaxThrottle, restartHost, takeOverFleet, timePasses as tick } from './tick.ts';

export { TIME } from '../../engine/index.ts';
export const HOST = 'DWFM host';
export const DYNAMODB = 'DynamoDB';
export const CUSTOMER = 'EC2 customer';
export const OPERATORS = 'operators';

/** Operators' steps exist only where they have a runbook: an empty domain removes them from other hunts. */
const runbookOnly = (ctx: DwfmCtx) => (ctx.switches.runbook ? oneOf([HOST]) : oneOf<string>([]));

/** "Each DWFM manages a set of droplets within each Availability Zone and maintains a lease for each droplet." */
export const dwfmTakesOverFleet = kit.action({
  name: 'dwfmTakesOverFleet',
  doc: 'The run starts: a DWFM host holds a lease on every droplet of a healthy fleet of the drawn size.',
  args: fleets,
  actor: HOST,
  when: (s) => s.fleet === null,
  step: (d, fleet, ctx) => takeOverFleet(d, fleet, rulesOf(ctx)),
  describe: (_, f) =>
    `a DWFM host holds leases on ${f.droplets} droplet${f.droplets === 1 ? '' : 's'}; it completes ${f.capacity} unit${f.capacity === 1 ? '' : 's'} of work per tick, and a droplet waits ${f.timeout} tick${f.timeout === 1 ? '' : 's'} for a lease request before asking again`,
});

/** "these DWFM state checks began to fail as the process depends on DynamoDB and was unable to complete" */
export const dynamoDbGoesDown = kit.action({
  name: 'dynamoDbGoesDown',
  doc: "DynamoDB's regional endpoint stops resolving for the drawn number of ticks; DWFM's state checks and lease work fail meanwhile.",
  args: outageLengths,
  actor: DYNAMODB,
  when: (s, _, { params }) => s.fleet !== null && s.dynamo.up && s.dynamo.outages < params.outages,
  step: (d, ticks) => dynamoGoesDown(d, ticks),
  describe: (s, ticks) =>
    `dynamodb.us-east-1.amazonaws.com resolves to nothing for ticks ${s.tick + 1}–${s.tick + ticks}: state checks and lease work fail`,
  target: 'DWFM host',
});

export const timePasses = kit.action({
  name: 'timePasses',
  doc: 'One tick: state checks renew or miss, leases time out, droplets ask for leases, the DWFM host works through its queue.',
  actor: TIME,
  when: (s, _, ctx) => s.fleet !== null && time.canPass(s, ctx),
  step: (d, _, ctx) => tick(d, rulesOf(ctx)),
  describe: (before, _, after) => describeTick(before, after),
});

/** "new instance launches failed with either a 'request limit exceeded' or 'insufficient capacity' error" */
export const customerLaunchesInstance = kit.action({
  name: 'customerLaunchesInstance',
  doc: 'A customer asks EC2 for a new instance (at most LAUNCHES_PER_TICK times a tick); only droplets with an active lease are candidates.',
  actor: CUSTOMER,
  when: (s) => launchAllowed(s),
  step: (d) => {
    d.launches[launchOutcome(d as DwfmState)] += 1;
    d.last.launches = (d.last.launches ?? 0) + 1;
  },
  describe: (s) => {
    const outcome = launchOutcome(s);
    if (outcome === 'requestLimitExceeded')
      return 'a launch request fails: request limit exceeded (operators throttle incoming work)';
    if (outcome === 'insufficientCapacity')
      return 'a launch request fails: insufficient capacity (no droplet holds an active lease)';
    return `a launch request succeeds (${activeLeases(s)} droplet${activeLeases(s) === 1 ? '' : 's'} with an active lease to choose from)`;
  },
  target: 'EC2 API',
});

/** "at 4:14 AM engineers throttled incoming work and began selective restarts of DWFM hosts" */
export const operatorsThrottleAndRestartHost = kit.action({
  name: 'operatorsThrottleAndRestartHost',
  doc: 'throttled-restart: lease work has stalled; operators throttle incoming work and restart the DWFM host, clearing its queue.',
  args: runbookOnly,
  actor: OPERATORS,
  when: (s, _, ctx) => restartDue(s, rulesOf(ctx)),
  step: (d) => restartHost(d),
  describe: (s) =>
    `no lease established for ${s.stalledFor} ticks: operators throttle incoming work and restart the DWFM host, dropping ${backlog(s)} queued attempt${backlog(s) === 1 ? '' : 's'}`,
  target: HOST,
});

/** "our engineers began relaxing request throttles as they worked towards full recovery" */
export const operatorsRelaxThrottle = kit.action({
  name: 'operatorsRelaxThrottle',
  doc: 'throttled-restart: every droplet holds a lease again; operators lift the throttle.',
  args: runbookOnly,
  actor: OPERATORS,
  when: (s) => relaxDue(s),
  step: (d) => relaxThrottle(d),
  describe: () => 'every droplet holds a lease again: operators relax the request throttle',
  target: HOST,
});

/** A tick in one line, from what it did. */
function describeTick(before: DwfmState, after: DwfmState): string {
  const r = after.last;
  const parts: string[] = [];
  if (!before.dynamo.up && after.dynamo.up) parts.push('DynamoDB is back');
  if (r.expired > 0)
    parts.push(`${r.expired} lease${r.expired === 1 ? '' : 's'} time${r.expired === 1 ? 's' : ''} out`);
  if (r.admitted + r.refused > 0)
    parts.push(
      `${r.admitted} lease request${r.admitted === 1 ? '' : 's'} queued${r.refused > 0 ? `, ${r.refused} refused` : ''}`,
    );
  const done = r.established + r.wasted;
  if (!after.dynamo.up)
    parts.push(backlog(after) > 0 ? 'state checks fail; the host waits on DynamoDB' : 'state checks fail');
  else if (done > 0) {
    parts.push(
      `host completes ${done} attempt${done === 1 ? '' : 's'}: ${r.established} lease${r.established === 1 ? '' : 's'} established, ${r.wasted} wasted${r.wasted > 0 ? ' on stale requests' : ''}`,
    );
  } else if (r.spent > 0)
    parts.push(`host works on an attempt (${after.attempt?.spent ?? 0}/${after.attempt?.cost ?? 0} units)`);
  if (r.dropped > 0) parts.push(`${r.dropped} stale item${r.dropped === 1 ? '' : 's'} dropped`);
  if (parts.length === 0) parts.push(waitingDroplets(after) === 0 ? 'state checks renew leases' : 'nothing completes');
  return `tick ${after.tick}: ${parts.join('; ')} → ${activeLeases(after)}/${after.fleet?.droplets ?? 0} leases, ${backlog(after)} in the queue (${staleQueued(after)} stale)`;
}
