/**
 * The night replayed at a Region's scale (`racehunt scenario us-east-1`, models/us-east-1/
 * scenario.ts): the three periods in AWS's order and near AWS's times, every documented
 * intervention at its time, each mitigation ending its period (placed an hour later, its period
 * ends an hour later). The command line (its table, the committed chart, its one-line errors) is
 * tested in engine/tests/scenario.test.ts. About 10 s.
 */
import { describe, expect, it } from 'vitest';
import { DOCUMENTED, INTERVENTION_TIMES } from '../../models/us-east-1/night.ts';
import { replayTheNight, type NightReport } from '../../models/us-east-1/scenario.ts';

const night = replayTheNight({});
const period = (r: NightReport, i: number) => r.periods[i]!.model;
const event = (r: NightReport, label: RegExp) => r.events.find((e) => label.test(e.label))!;
const HOUR = 60;

describe('the night of 19–20 October 2025, replayed', () => {
  it('the three periods begin in AWS order, DynamoDB first, NLB last', () => {
    const [d, e, n] = [period(night, 0), period(night, 1), period(night, 2)];
    expect(d.start).toBe(0);
    expect(d.start!).toBeLessThanOrEqual(e.start!);
    expect(e.start!).toBeLessThan(n.start!);
    expect(d.end!).toBeLessThanOrEqual(n.start!);
  });

  it("DynamoDB's period is AWS's to the minute: 11:48 PM – 2:40 AM (the repair at 2:25, then 15 minutes of cached answers)", () => {
    expect(period(night, 0)).toEqual({ start: 0, end: DOCUMENTED.periods.dynamodb.end });
  });

  it('every documented intervention happens at its time', () => {
    for (const [label, at] of [
      [/DNS information restored/, INTERVENTION_TIMES.repair],
      [/restart DWFM hosts/, INTERVENTION_TIMES.restart],
      [/reduce the load/, INTERVENTION_TIMES.reduce],
      [/disable automatic health-check failover/, INTERVENTION_TIMES.disable],
      [/relaxing request throttles/, INTERVENTION_TIMES.relax],
      [/failover re-enabled/, INTERVENTION_TIMES.reenable],
    ] as const)
      expect(event(night, label).model, String(label)).toBe(at);
  });

  it('what the model derives lands within minutes of AWS: leases back, NLB errors begin, propagation normal, EC2 normal, NLB errors end with the failover switched off', () => {
    for (const label of [
      /leases with all droplets/,
      /NLB connection errors begin/,
      /propagation times normal/,
      /all EC2 APIs/,
    ]) {
      const e = event(night, label);
      expect(
        Math.abs(e.model! - e.documented),
        `${label}: model minute ${e.model}, documented ${e.documented}`,
      ).toBeLessThanOrEqual(5);
    }
    expect(period(night, 2).end!).toBeLessThanOrEqual(INTERVENTION_TIMES.disable);
    expect(period(night, 2).end!).toBeGreaterThan(INTERVENTION_TIMES.disable - 10);
  });

  it('where the model disagrees, it says so: its propagation delay rises as the backlog arrives, not at 6:21 AM', () => {
    const e = event(night, /latency rises/);
    expect(e.model!).toBeLessThan(e.documented - 30);
    expect(e.model!).toBeGreaterThanOrEqual(event(night, /leases with all droplets/).model!);
  });

  it('each documented mitigation ends its period: an hour later, the period ends an hour later (or not within the night)', () => {
    expect(period(replayTheNight({ repair: INTERVENTION_TIMES.repair + HOUR }), 0).end).toBe(
      DOCUMENTED.periods.dynamodb.end + HOUR,
    );
    const lateRestart = replayTheNight({ restart: INTERVENTION_TIMES.restart + HOUR });
    expect(event(lateRestart, /leases with all droplets/).model).toBe(
      event(night, /leases with all droplets/).model! + HOUR,
    );
    expect(period(lateRestart, 1).end).toBeNull();
    expect(period(replayTheNight({ disable: INTERVENTION_TIMES.disable + HOUR }), 2).end).toBe(
      period(night, 2).end! + HOUR,
    );
    const lateReduce = replayTheNight({ reduce: INTERVENTION_TIMES.reduce + HOUR });
    expect(event(lateReduce, /propagation times normal/).model!).toBeGreaterThan(
      event(night, /propagation times normal/).model! + HOUR - 5,
    );
  });
});
