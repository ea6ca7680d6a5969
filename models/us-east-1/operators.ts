/**
 * The documented interventions, each an urgent step of the operators: once its cause has held for
 * the operators' reaction time (a parameter), time does not pass until they act — bounded reaction
 * without a fairness assumption, as DWFM's runbook in models/dwfm. A variant without a mitigation
 * has no such step. Each step calls the part's own function for what engineers did.
 */
import { restartHost } from '../dwfm/tick.ts';
import { restoreDue } from '../network-manager/rules.ts';
import { propagationDelay } from '../network-manager/state.ts';
import { reduceLoad, restoreLoad } from '../network-manager/tick.ts';
import { disableFailover, enableFailover } from '../nlb/tick.ts';
import { dnsPart, kit, nmRules, type RegionCtx, type RegionParams } from './kit.ts';
import { INTERVENTIONS, type InterventionName, type RegionState } from './state.ts';

export const OPERATORS = 'operators';

const reaction: Readonly<Record<InterventionName, keyof RegionParams>> = {
  repair: 'repairAfter',
  restart: 'restartAfter',
  reduce: 'reduceAfter',
  disable: 'disableAfter',
  relax: 'relaxAfter',
  reenable: 'reenableAfter',
};

/** Operators take this intervention now: the variant has it, its cause has held long enough, and they have not acted on this episode yet. */
export function due(s: RegionState, name: InterventionName, ctx: RegionCtx): boolean {
  const op = s.ops[name];
  if (!ctx.switches[name] || op.since === null) return false;
  if (op.done !== null && op.done >= op.since) return false;
  return s.minute - op.since >= ctx.params[reaction[name]];
}

const acted =
  (name: InterventionName) =>
  (d: { ops: Record<InterventionName, { since: number | null; done: number | null }>; minute: number }) => {
    d.ops[name] = { since: d.ops[name].since, done: d.minute };
  };

/**
 * "This situation ultimately required manual operator intervention to correct." — DNS's own
 * operator step (models/dns/operator.ts), scheduled by the Region once the repair is due.
 */
export const operatorRestoresEndpoint = (() => {
  const lifted = dnsPart.action('operatorRestoresEndpoint', { when: (s, _arg, ctx) => due(s, 'repair', ctx) });
  return {
    ...lifted,
    step: (d: Parameters<typeof lifted.step>[0], arg: unknown, ctx: RegionCtx) => {
      lifted.step(d, arg, ctx);
      // Once no endpoint is left without its plan, the repair is done.
      if (!d.dns.route53.some((ep) => d.dns.plans[ep.plan] === undefined)) acted('repair')(d);
    },
  };
})();

/** "at 4:14 AM engineers throttled incoming work and began selective restarts of DWFM hosts" */
export const operatorsThrottleAndRestartDwfm = kit.action({
  name: 'operatorsThrottleAndRestartDwfm',
  doc: "DWFM has made no progress for the operators' reaction time: they throttle incoming requests and restart the DWFM hosts, clearing their queues.",
  actor: OPERATORS,
  when: (s, _a, ctx) => due(s, 'restart', ctx),
  step: (d, _a, { params }) => {
    restartHost(d.dwfm);
    d.ec2.throttle = params.throttlePercent;
    acted('restart')(d);
  },
  describe: (s, _a, _after, { params }) =>
    `no lease established for ${s.dwfm.stalledFor} minutes: operators throttle EC2 requests to ${params.throttlePercent}% and restart the DWFM hosts, dropping ${s.dwfm.queue.reduce((n, w) => n + w.count, 0)} queued attempts`,
  target: 'DWFM',
});

/**
 * "Engineers worked to reduce the load on Network Manager to address network configuration
 * propagation times and took action to accelerate recovery": the work reaching it is cut to
 * `reducedPercent`, and its capacity raised by `accelerationPercent`.
 */
export const operatorsReduceNetworkManagerLoad = kit.action({
  name: 'operatorsReduceNetworkManagerLoad',
  doc: "Propagation delays have been elevated for the operators' reaction time: they cut the work reaching Network Manager.",
  actor: OPERATORS,
  when: (s, _a, ctx) => due(s, 'reduce', ctx),
  step: (d, _a, { params }) => {
    reduceLoad(d.nm);
    d.nm.load!.capacity = Math.floor((params.nmCapacity * (100 + params.accelerationPercent)) / 100);
    acted('reduce')(d);
  },
  describe: (s, _a, _after, { params }) =>
    `propagation delay ${propagationDelay(s.nm)} minutes: operators cut the work reaching Network Manager to ${params.reducedPercent}%${params.accelerationPercent > 0 ? ` and raise its capacity by ${params.accelerationPercent}%` : ''}`,
  target: 'Network Manager',
});

/** "By 10:36 AM, network configuration propagation times had returned to normal levels" */
export const operatorsRestoreNetworkManagerLoad = kit.action({
  name: 'operatorsRestoreNetworkManagerLoad',
  doc: 'Propagation delays are normal again: operators let the normal load reach Network Manager.',
  actor: OPERATORS,
  when: (s, _a, ctx) => ctx.switches.reduce && restoreDue(s.nm, nmRules(ctx)),
  step: (d) => restoreLoad(d.nm),
  describe: (s) =>
    `propagation delay back to ${propagationDelay(s.nm)} minutes: operators let the normal load reach Network Manager again`,
  target: 'Network Manager',
});

/** "At 9:36 AM, engineers disabled automatic health check failovers for NLB" */
export const operatorsDisableNlbFailover = kit.action({
  name: 'operatorsDisableNlbFailover',
  doc: "NLB connection errors have lasted the operators' reaction time: they disable automatic health-check failover.",
  actor: OPERATORS,
  when: (s, _a, ctx) => due(s, 'disable', ctx),
  step: (d) => {
    disableFailover(d.nlb);
    acted('disable')(d);
  },
  describe: () =>
    'operators disable automatic health-check failover for NLB: every healthy node and target back in service',
  target: 'NLB',
});

/** "at 11:23 AM PDT our engineers began relaxing request throttles as they worked towards full recovery" */
export const operatorsRelaxThrottles = kit.action({
  name: 'operatorsRelaxThrottles',
  doc: 'Leases are back and propagation is normal: operators begin relaxing the request throttle.',
  actor: OPERATORS,
  when: (s, _a, ctx) => due(s, 'relax', ctx),
  step: (d) => {
    d.ec2.relaxingSince = d.minute;
    acted('relax')(d);
  },
  describe: (_s, _a, _after, { params }) =>
    `operators begin relaxing the EC2 request throttle (fully open in ${params.relaxMinutes} minutes)`,
  target: 'EC2',
});

/** "Shortly after EC2 recovered, we re-enabled automatic DNS health check failover at 2:09 PM." */
export const operatorsReenableNlbFailover = kit.action({
  name: 'operatorsReenableNlbFailover',
  doc: 'EC2 has recovered: operators re-enable automatic health-check failover for NLB.',
  actor: OPERATORS,
  when: (s, _a, ctx) => due(s, 'reenable', ctx),
  step: (d) => {
    enableFailover(d.nlb);
    acted('reenable')(d);
  },
  describe: () => 'operators re-enable automatic health-check failover for NLB',
  target: 'NLB',
});

/** Is any intervention due (time waits for it)? */
export const anyDue = (s: RegionState, ctx: RegionCtx): boolean =>
  INTERVENTIONS.some(
    (n) =>
      due(s, n, ctx) &&
      (n !== 'repair' ||
        operatorRestoresEndpoint.domain(ctx)?.values.some((i) => operatorRestoresEndpoint.enabled(s, i, ctx)) === true),
  ) ||
  (ctx.switches.reduce && restoreDue(s.nm, nmRules(ctx)));
