/**
 * A frontier lineage: runs that go on, one after another, from where the run before stopped, with
 * the same schedule (its actor priorities as they stand, its action weights), so that depth
 * accumulates past the runs' `maxSteps`. A bug far deeper than the breadth-first phase reached
 * needs many runs' steps in a row, and an actor demoted in the lineage's first run (its change
 * points are drawn there, as a cover run's are) stays slow in the runs after it: "one actor is
 * unusually slow" for hundreds of steps. A lineage draws how many runs it takes (strategy.ts,
 * lineageRuns) and ends sooner when a run ends with nothing enabled. Each run is still at most
 * `maxSteps` executed steps, counted and judged as any run is; a failing path is its lineage's
 * steps from the initial state (corpus.ts).
 */
import type { Choice, Instance } from '../core/instance.ts';
import type { Box } from './arbitraries.ts';
import type { Corpus, Entry, Start } from './corpus.ts';
import { pctPriorities, pctStepper, pickActionFirst, type Schedule, type Stepper } from './strategy.ts';

/** A lineage's schedule as it stands between two of its runs. */
interface Lineage {
  /** Each actor's PCT priority, demotions included (null: action-first picks among every actor). */
  readonly priority: number[] | null;
  /** Change points, in steps since the lineage started. */
  readonly changeAt: readonly number[];
  readonly weights: readonly number[];
  /** Steps the lineage has taken. */
  clock: number;
  /** Runs it may still take, the coming one included. */
  runsLeft: number;
}

type FrontierSchedule = Extract<Schedule<unknown>, { kind: 'frontier' }>;

/**
 * The frontier's lineages, one under way at a time: a run goes on with it while it has runs left,
 * else starts a new one, from the corpus (corpus.ts: a lineage of one run as cover's runs start, a
 * longer one from the frontier or where a run stopped).
 */
export class Lineages {
  private going: { readonly lineage: Lineage; at: Entry } | null = null;

  constructor(private readonly inst: Instance) {}

  /** Where a run drawn as `s` starts, and its stepper. */
  start(corpus: Corpus, s: FrontierSchedule): { readonly start: Start; readonly next: Stepper } {
    let going = this.going;
    let start: Start;
    if (going && going.lineage.runsLeft > 0) start = { run: going.at.run.fork(), entry: going.at };
    else {
      start = s.runs > 1 ? corpus.startLineage(s.start) : corpus.start(s.start);
      going = this.going = { lineage: lineageOf(this.inst, s), at: start.entry };
    }
    return { start, next: lineageStepper(this.inst, going.lineage, s.picks) };
  }

  /**
   * A run of the lineage ended without a finding. The lineage goes on from where it stopped only if
   * it stopped at its step limit, not for want of an enabled step; that state is kept as a start.
   */
  ended(corpus: Corpus, box: Box): void {
    const going = this.going;
    if (!going) return;
    const capped = box.executed.length === box.limit;
    going.lineage.clock += box.executed.length;
    going.lineage.runsLeft = capped ? going.lineage.runsLeft - 1 : 0;
    if (capped) going.at = corpus.stopped(box.run, going.at, box.executed);
  }
}

/** The lineage a frontier run starts. */
function lineageOf(inst: Instance, s: FrontierSchedule): Lineage {
  const ranking = s.priority ?? (s.runs > 1 ? s.ranking : null);
  return {
    priority: ranking === null ? null : pctPriorities(inst, ranking, s.changeAt.length),
    changeAt: s.changeAt,
    weights: s.weights,
    clock: 0,
    runsLeft: s.runs,
  };
}

/** The stepper of one run of a lineage, with this run's picks. */
function lineageStepper(inst: Instance, lineage: Lineage, picks: readonly number[]): Stepper {
  const actionIndex = new Map(inst.model.actions.map((a, i) => [a.name, i]));
  const { weights } = lineage;
  const choose = (among: readonly Choice[], drawn: number) =>
    pickActionFirst(among, drawn, (a) => weights[actionIndex.get(a.name) ?? 0] ?? 1);
  if (lineage.priority === null) return (k, enabled) => choose(enabled, picks[k] ?? 0);
  return pctStepper(
    inst,
    { priority: lineage.priority, changeAt: lineage.changeAt, picks, clock: lineage.clock },
    choose,
  );
}
