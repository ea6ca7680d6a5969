/**
 * The checked DWFM model driven on the count simulator's fixed schedule (take over the fleet,
 * DynamoDB down for `outage` ticks, then time passes, operators first whenever their runbook is
 * due), with both lease monitors judged as a hunt judges them: start, then observe and verdict
 * after every step, by the model's own property objects.
 *
 * It cannot hang: a model whose time stops (an urgent step due forever, or nothing enabled) fails
 * with one clear message once more steps have passed than the ticks asked for allow.
 */
import { configure, type AnyModel, type Choice, type Params, type Property } from '../../engine/index.ts';
import { STEPS_BETWEEN_TICKS } from '../../models/dwfm/rules.ts';
import { activeLeases, queued, type DwfmState, type Fleet } from '../../models/dwfm/state.ts';

export type Row = {
  readonly tick: number;
  readonly active: number;
  readonly queued: number;
  readonly throttled: boolean;
};

export type Driven = {
  /** The first message of each monitor that broke, by property name (absent: it held). */
  readonly broken: Readonly<Record<string, string>>;
  /** One row after the fleet is taken over and after every tick. */
  readonly rows: readonly Row[];
};

const MONITORS = ['leases-make-progress', 'goodput-not-zero'];
const OPERATORS = ['operatorsThrottleAndRestartHost', 'operatorsRelaxThrottle'];

export function driveOnSchedule(
  model: AnyModel,
  variant: string,
  fleet: Fleet,
  outage: number,
  horizon: number,
): Driven {
  const inst = configure(model, variant);
  const { ctx } = inst;
  const monitors = MONITORS.map((name) => inst.property(name)).filter(isMonitor);
  const choice = (name: string, arg?: unknown): Choice => ({ action: inst.action(name), arg });
  const operators = OPERATORS.map((name) => choice(name, 'DWFM host'));
  const time = choice('timePasses');
  const broken: Record<string, string> = {};
  const rows: Row[] = [];
  let state = inst.initial() as DwfmState;
  let memories = monitors.map((m) => m.start(state, ctx));
  const step = (c: Choice): void => {
    state = inst.next(state, c) as DwfmState;
    memories = monitors.map((m, k) => m.observe(memories[k], state, ctx));
    monitors.forEach((m, k) => {
      const v = m.verdict(memories[k], state, ctx);
      if (v !== true && !(m.name in broken)) broken[m.name] = typeof v === 'string' ? v : `${m.name} is false`;
    });
    if (c === time || c.action.name === 'dwfmTakesOverFleet')
      rows.push({ tick: state.tick, active: activeLeases(state), queued: queued(state), throttled: state.throttled });
  };

  step(choice('dwfmTakesOverFleet', fleet));
  step(choice('dynamoDbGoesDown', outage));
  const lastTick = outage + 1 + horizon;
  // Between two ticks at most STEPS_BETWEEN_TICKS steps fit; here only the operators' and time's.
  const bound = 2 + (lastTick + 1) * (STEPS_BETWEEN_TICKS + 1);
  for (let steps = 2; state.tick < lastTick; steps++) {
    const where = `${model.name} / ${variant} ${JSON.stringify(fleet)} outage ${outage}`;
    if (steps >= bound)
      throw new Error(
        `${where}: time stopped at tick ${state.tick}: ${steps} steps taken without reaching tick ${lastTick} (at most ${STEPS_BETWEEN_TICKS} steps fit between two ticks)`,
      );
    const next = [...operators, time].find((c) => inst.enabled(state, c));
    if (!next)
      throw new Error(
        `${where}: nothing can happen at tick ${state.tick}: neither time nor the operators can take a step`,
      );
    step(next);
  }
  return { broken, rows };
}

type Monitor = Extract<Property<unknown, Params, unknown>, { form: 'monitor' }>;

function isMonitor(p: Property<unknown, Params, unknown>): p is Monitor {
  return p.kind === 'progress' && p.form === 'monitor';
}
