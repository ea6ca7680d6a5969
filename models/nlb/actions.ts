/**
 * The steps a hunt schedules. The health-check subsystem's own work is one step, `timePasses`
 * (tick.ts says why); the scheduler chooses what the world does around it: when EC2 brings a new
 * instance into service in which zone, and when Network Manager's work for it lands.
 */
import { TIME, range } from '../../engine/index.ts';
import { kit, rulesOf, time, type NlbCtx } from './kit.ts';
import { healthyCapacity, zoneName, zoneSummary, type NlbState } from './state.ts';
import { bringTargetIntoService, networkStateLands as lands, timePasses as tick } from './tick.ts';

export { TIME } from '../../engine/index.ts';
export const CHECKERS = 'health checkers';
export const EC2 = 'EC2';
export const NETWORK_MANAGER = 'Network Manager';

const running = time.running;
const zoneIds = ({ params }: NlbCtx) => range(0, params.zones - 1);
/** The ids of the new-target slots (each zone's existing targets come first). */
const slotIds = ({ params }: NlbCtx) => {
  const per = params.existingTargets + params.newTargets;
  return {
    values: Array.from(
      { length: params.zones * params.newTargets },
      (_, k) => Math.floor(k / params.newTargets) * per + params.existingTargets + (k % params.newTargets),
    ),
  };
};

/** "the health checking subsystem bringing new EC2 instances into service while the network state for those instances had not yet fully propagated" */
export const ec2BringsTargetIntoService = kit.action({
  name: 'ec2BringsTargetIntoService',
  doc: 'A new EC2 instance is registered behind the load balancer and brought into service before its network state has propagated.',
  args: zoneIds,
  actor: EC2,
  when: (s, az, ctx) => running(s, ctx) && s.targets.some((t) => t.az === az && !t.registered),
  step: (d, az, ctx) => void bringTargetIntoService(d, az, rulesOf(ctx)),
  describe: (s, az) =>
    `EC2 brings a new instance into service in ${zoneName(az)} (target ${s.targets.findIndex((t) => t.az === az && !t.registered)}); its network state has not propagated yet`,
  target: CHECKERS,
});

/** Network Manager's propagation for the instance lands. */
export const networkStateLands = kit.action({
  name: 'networkStateLands',
  doc: "Network Manager's work for a new target lands: its network state has propagated.",
  args: slotIds,
  actor: NETWORK_MANAGER,
  when: (s, id, ctx) => running(s, ctx) && (s.targets[id]?.registered ?? false) && !(s.targets[id]?.propagated ?? true),
  step: (d, id) => lands(d, id),
  describe: (s, id) => `the network state of target ${id} (${zoneName(s.targets[id]?.az ?? 0)}) has propagated`,
  target: CHECKERS,
});

export const timePasses = kit.action({
  name: 'timePasses',
  doc: "One tick: each zone's health checkers pay for DNS updates, then check targets in turn; failover removes zones with no freshly healthy target.",
  actor: TIME,
  when: (s, _, ctx) => time.canPass(s, ctx),
  step: (d, _, ctx) => tick(d, rulesOf(ctx)),
  describe: (before, _, after, ctx) => describeTick(before, after, ctx),
});

function describeTick(before: NlbState, after: NlbState, { params }: NlbCtx): string {
  const r = after.last;
  const parts = [`${r.checks} check${r.checks === 1 ? '' : 's'}`];
  if (r.changes > 0) parts.push(`${r.changes} target${r.changes === 1 ? '' : 's'} removed or returned`);
  const moved = after.zones
    .map((z, az) =>
      z.inDns === before.zones[az]?.inDns ? null : `${zoneName(az)} ${z.inDns ? 'back in DNS' : 'removed from DNS'}`,
    )
    .filter((x) => x !== null);
  if (moved.length > 0) parts.push(moved.join(', '));
  if (after.spared > before.spared)
    parts.push(
      `${after.spared - before.spared} unhealthy zone${after.spared - before.spared === 1 ? '' : 's'} kept in DNS`,
    );
  const backlog = after.zones.reduce((n, z) => n + z.pending.length, 0);
  if (backlog > 0) parts.push(`${backlog} check${backlog === 1 ? '' : 's'} delayed`);
  const cap = healthyCapacity(after);
  return `tick ${after.tick}: ${parts.join('; ')} → ${zoneSummary(after)}; healthy capacity ${cap}${cap < params.load ? ` < load ${params.load}` : ''}`;
}
