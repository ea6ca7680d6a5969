/**
 * The night of 19–20 October 2025, replayed (`racehunt scenario us-east-1`): the composed Region at
 * a Region's scale (night.ts), the DNS race AWS describes played at 11:48 PM (DNS's own shrunk
 * trace, shrunk-traces/dns/as-2025/endpoint-never-empty.json), and every documented intervention
 * played at its time. Operators in the model act a reaction time after their cause appears
 * (operators.ts); a time given here becomes that reaction time, found by replaying the night up to
 * it (the cause's onset depends on everything before it). An intervention placed before its cause
 * has appeared happens as soon as it appears.
 */
import { fileURLToPath } from 'node:url';
import { configure, loadTrace, type Choice, type Instance } from '../../engine/index.ts';
import { dwfmRecovered } from './links.ts';
import { region } from './model.ts';
import { NIGHT_PARAMS, DOCUMENTED, INTERVENTION_TIMES, type DocumentedEvent } from './night.ts';
import { span } from './properties.ts';
import { INTERVENTIONS, type InterventionName, type RegionState } from './state.ts';
import { propagationDelay } from '../network-manager/state.ts';
import { dynamodbReachable } from './links.ts';

const RACE = fileURLToPath(new URL('../../shrunk-traces/dns/as-2025/endpoint-never-empty.json', import.meta.url));
const NEVER = 1440;

const reactionParam: Readonly<Record<InterventionName, string>> = {
  repair: 'repairAfter',
  restart: 'restartAfter',
  reduce: 'reduceAfter',
  disable: 'disableAfter',
  relax: 'relaxAfter',
  reenable: 'reenableAfter',
};

/** One replay of the night with these reaction times, up to `until` (a minute) or the horizon. */
export function replayNight(
  reactions: Readonly<Record<string, number>>,
  until: number | null,
  onMinute?: (s: RegionState) => void,
): { inst: Instance; state: RegionState } {
  const inst = configure(region, 'as-2025', { ...NIGHT_PARAMS, ...reactions });
  const race = loadTrace(RACE).steps;
  const choices = inst.allChoices();
  const operators = choices.filter((c) => c.action.name.startsWith('operator'));
  const tick = choices.find((c) => c.action.name === 'timePasses')!;
  const raceChoice = (k: number): Choice => {
    const step = race[k]!;
    const c = choices.find(
      (x) => x.action.name === step.action && JSON.stringify(x.arg ?? null) === JSON.stringify(step.args ?? null),
    );
    if (!c) throw new Error(`the DNS race's step ${k + 1} (${step.action}) is not an action of the Region`);
    return c;
  };
  let s = inst.initial() as RegionState;
  let k = 0;
  const end = Math.min(until ?? Infinity, inst.params.horizon ?? 0);
  while (s.minute < end) {
    const op = operators.find((c) => inst.enabled(s, c));
    let next: Choice;
    if (op) next = op;
    else if (k < race.length) {
      next = raceChoice(k++);
      if (!inst.enabled(s, next))
        throw new Error(
          `the DNS race's step ${k} (${next.action.name}) is not enabled in the Region at minute ${s.minute}`,
        );
    } else next = tick;
    if (!inst.enabled(s, next)) break;
    const before = s.minute;
    s = inst.next(s, next) as RegionState;
    if (s.minute !== before) onMinute?.(s);
  }
  return { inst, state: s };
}

/** What a night's replay reports: the periods and the events, as the model sees them. */
export type NightReport = {
  readonly periods: readonly {
    readonly name: string;
    readonly model: { readonly start: number | null; readonly end: number | null };
    readonly documented: { readonly start: number; readonly end: number };
  }[];
  readonly events: readonly { readonly label: string; readonly model: number | null; readonly documented: number }[];
};

export function replayTheNight(at: Readonly<Record<string, number>>): NightReport {
  const times = { ...INTERVENTION_TIMES, ...at } as Record<InterventionName, number>;
  // Each intervention's reaction time: replay up to its time with the earlier ones in place, and
  // measure how long its cause had held then.
  const reactions: Record<string, number> = Object.fromEntries(INTERVENTIONS.map((n) => [reactionParam[n], NEVER]));
  for (const name of [...INTERVENTIONS].sort((a, b) => times[a] - times[b])) {
    const { state } = replayNight(reactions, times[name]);
    // If its cause has not appeared yet (the night ran differently up to here), operators act as
    // soon as it does: they were ready at that time.
    const since = state.ops[name].since;
    reactions[reactionParam[name]] = since === null ? 0 : times[name] - since;
  }
  const seen: Partial<Record<DocumentedEvent, number>> = {};
  const first = (e: DocumentedEvent, m: number) => {
    if (seen[e] === undefined) seen[e] = m;
  };
  let peaked = false;
  const { state, inst } = replayNight(reactions, null, (s) => {
    const m = s.minute - 1; // the minute that just passed
    if (!dynamodbReachable(s.dns)) first('race', m);
    if (s.dwfm.dynamo.backAt !== null) first('dynamodb-back', s.dwfm.dynamo.backAt - 1);
    if (s.nm.backlog.at !== null) first('leases-back', s.nm.backlog.at - 1);
    if (propagationDelay(s.nm) > (NIGHT_PARAMS.normalDelay ?? 0)) {
      first('latency-rises', m);
      peaked = true;
    } else if (peaked && dwfmRecovered(s.dwfm)) first('propagation-normal', m);
  });
  const settle = inst.params.settle ?? 1;
  for (const name of INTERVENTIONS) if (state.ops[name].done !== null) seen[EVENT_OF[name]] = state.ops[name].done!;
  const d = span(state.periods.dynamodb, state.minute, settle);
  const e = span(state.periods.ec2, state.minute, settle);
  const n = span(state.periods.nlb, state.minute, settle);
  if (d) seen['dynamodb-ends'] = d.end;
  if (n) seen['nlb-errors'] = n.start;
  if (e) seen['ec2-normal'] = e.end;
  const periodOf = (p: RegionState['periods']['dynamodb'], sp: { start: number; end: number } | null) => ({
    start: p.start,
    end: sp ? sp.end : null,
  });
  return {
    periods: [
      {
        name: 'DynamoDB API errors',
        model: periodOf(state.periods.dynamodb, d),
        documented: DOCUMENTED.periods.dynamodb,
      },
      {
        name: 'EC2 launches and connectivity',
        model: periodOf(state.periods.ec2, e),
        documented: DOCUMENTED.periods.ec2,
      },
      { name: 'NLB connection errors', model: periodOf(state.periods.nlb, n), documented: DOCUMENTED.periods.nlb },
    ],
    events: DOCUMENTED.events.map((ev) => ({ label: ev.label, model: seen[ev.key] ?? null, documented: ev.at })),
  };
}

const EVENT_OF: Readonly<Record<InterventionName, DocumentedEvent>> = {
  repair: 'repair',
  restart: 'restart',
  reduce: 'reduce',
  disable: 'disable',
  relax: 'relax',
  reenable: 'reenable',
};

const INTERVENTION_DOCS: Readonly<Record<InterventionName, string>> = {
  repair: 'operators repair the empty DNS record (2:25 AM)',
  restart: 'engineers throttle incoming work and restart DWFM hosts (4:14 AM)',
  reduce: 'engineers reduce the load on Network Manager (not timed in the summary; assumed 6:30 AM)',
  disable: 'engineers disable automatic health-check failover for NLB (9:36 AM)',
  relax: 'engineers begin relaxing request throttles (11:23 AM)',
  reenable: 'automatic failover re-enabled (2:09 PM)',
};

/** What `racehunt scenario` reads (engine/core/scenario.ts). */
export const scenarios = {
  racehunt: 'scenarios' as const,
  clock: { origin: 23 * 60 + 48, zone: 'PDT' },
  out: 'models/us-east-1',
  list: {
    'night-of-2025': {
      title: 'The night of 19–20 October 2025 in us-east-1, replayed',
      doc: "AWS's summary's three periods of impact, as the composed Region (DNS, DWFM, Network Manager, NLB) sees them when the documented interventions are played at their times",
      end: DOCUMENTED.nightEnds,
      interventions: Object.fromEntries(
        INTERVENTIONS.map((n) => [n, { doc: INTERVENTION_DOCS[n], at: INTERVENTION_TIMES[n] }]),
      ),
      run: (at: Readonly<Record<string, number>>) => replayTheNight(at),
    },
  },
};
