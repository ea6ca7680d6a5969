/**
 * The whole cascade, found from scratch (models/us-east-1, as-2025): a hunt (PCT, seed 20251019)
 * reaches three-periods-in-order — from a healthy Region, the DNS race, DynamoDB's period, EC2's,
 * NLB's, and healthy again — and shrinks it to the explorer's shortest, 52 steps. The committed
 * witness is read as AWS's story. About 15 s on a 2-core machine.
 */
import { describe, expect, it } from 'vitest';
import { loadTrace, statesOf } from '../../engine/index.ts';
import { describeManifest } from '../../engine/vitest.ts';
import type { RegionState } from '../../models/us-east-1/state.ts';
import { outcomesWhere } from './outcomes.ts';

describeManifest(outcomesWhere((o) => o.variant === 'as-2025' && o.expect !== 'holds'));

describe('us-east-1 / as-2025: the shrunk cascade reads as the summary tells it', () => {
  const trace = loadTrace('shrunk-traces/us-east-1/as-2025/three-periods-in-order.json');
  const states = statesOf(trace) as RegionState[];
  const last = states.at(-1)!;
  const stepOf = (action: string) => trace.steps.findIndex((s) => s.action === action);

  it('starts healthy, and the trigger is the DNS race: the regional endpoint empties in the first minute', () => {
    const first = states[0]!;
    expect(first.periods).toEqual({
      dynamodb: { start: null, episode: null, last: null },
      ec2: { start: null, episode: null, last: null },
      nlb: { start: null, episode: null, last: null },
    });
    const emptied = states.findIndex((s) => s.dns.route53[0]!.records.length === 0);
    expect(trace.steps[emptied - 1]!.action).toBe('enactorCleansUpOldPlans');
    expect(states[emptied]!.minute).toBe(0);
  });

  it("the three periods begin in AWS order — DynamoDB, EC2, NLB — and DynamoDB's is over before NLB's begins", () => {
    const p = last.periods;
    expect(p.dynamodb.start!).toBeLessThanOrEqual(p.ec2.start!);
    expect(p.ec2.start!).toBeLessThan(p.nlb.start!);
    expect(p.dynamodb.last!).toBeLessThan(p.nlb.start!);
  });

  it('operators act in the documented order: repair, DWFM restart, load reduction, failover off, throttles relaxed, failover on', () => {
    const order = [
      'operatorRestoresEndpoint',
      'operatorsThrottleAndRestartDwfm',
      'operatorsReduceNetworkManagerLoad',
      'operatorsDisableNlbFailover',
      'operatorsRelaxThrottles',
      'operatorsReenableNlbFailover',
    ].map(stepOf);
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it('each link carries the one before: leases lapse after DynamoDB goes, the backlog reaches Network Manager once every lease is back, NLB loses capacity while it is drained', () => {
    const leasesGone = states.findIndex((s) => s.dwfm.leases.length === 0);
    const backlog = states.findIndex((s) => s.nm.backlog.at !== null);
    const noCapacity = states.findIndex((s) => s.periods.nlb.start !== null);
    expect(leasesGone).toBeGreaterThan(stepOf('enactorCleansUpOldPlans'));
    expect(backlog).toBeGreaterThan(stepOf('operatorsThrottleAndRestartDwfm'));
    expect(states[backlog]!.dwfm.leases.reduce((n, c) => n + c.count, 0)).toBe(states[backlog]!.dwfm.fleet!.droplets);
    expect(noCapacity).toBeGreaterThan(backlog);
    expect(states[noCapacity]!.nm.queue.length).toBeGreaterThan(0);
  });
});
