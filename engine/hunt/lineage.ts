/**
 * A frontier lineage: runs that go on, one after another, from where the run before stopped, with
 * the same schedule (its actor priorities as they stand, its action weights), so that depth
 * accumulates past the runs' `maxSteps`. A bug far deeper than the breadth-first phase reached
 * needs many runs' steps in a row. A lineage draws how many runs it takes (strategy.ts,
 * lineageRuns) and ends sooner when a run ends with nothing enabled. Each run is still at most
 * `maxSteps` executed steps, counted and judged as any run is; a failing path is its lineage's
 * steps from the initial state (corpus.ts).
 *
 * "One actor is unusually slow", the shape of the AWS race, takes two things a random schedule
 * rarely gives together, so a lineage gives them on purpose:
 * - **Slow with work in hand.** A lineage of several runs starts by putting one of the actors that
 *   can act where it starts below every other (PCT's change point at its first step). It then
 *   holds whatever it was doing while the others go on, for hundreds of steps, and acts only when
 *   nothing else can. The longest lineages start at the breadth-first frontier, where what an actor
 *   holds was taken early, not where another run stopped, after the others had carried it along.
 * - **Back at the wrong moment.** Acting only once everything else is done is usually harmless; the
 *   damage is done when it catches up in the middle of what the others are doing. So a lineage run
 *   notes where it stood before each rare action (a clean-up, a commit: an action that took at
 *   most an eighth of the lineage's steps) while an actor was held back, and queues release runs
 *   from the last two such places: short runs in which the actor held back the most goes first.
 */
import type { Choice, Instance } from '../core/instance.ts';
import type { Run } from '../core/run.ts';
import type { Box } from './arbitraries.ts';
import type { Corpus, Entry, Start } from './corpus.ts';
import { LINEAGE_RUNS, pctPriorities, pctStepper, pickActionFirst, type Schedule, type Stepper } from './strategy.ts';

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

/** A release run: where it starts, and the schedule it plays (lineage.ts's queueRelease). */
interface Release {
  readonly entry: Entry;
  readonly lineage: Lineage;
}

/** How many release runs a lineage run queues at most: from before its last rare actions. */
const RELEASES_PER_RUN = 2;
/** A release run's steps: enough for the released actor to finish what it holds, and the others to react. */
const RELEASE_STEPS = 16;
/** An action is rare while it took at most 1 / RARE_SHARE of a lineage's steps, once it took RARE_AFTER. */
const RARE_SHARE = 8;
const RARE_AFTER = 16;

/**
 * Lineages of this many runs (the longest) start at the breadth-first frontier, not where other
 * runs stopped: they go far enough on their own, and the actor they hold back then holds work it
 * took early (as the AWS enactor held an old plan), not work a run already carried far along.
 * Shorter lineages go on from where runs stopped, and so chain depth. (From 16 runs on, the queue
 * race at window 40 was found for 20 seeds of 20 but Raft's Figure 8 for 18: docs/strategies.md.)
 */
const FROM_FRONTIER = LINEAGE_RUNS;

type FrontierSchedule = Extract<Schedule<unknown>, { kind: 'frontier' }>;

/**
 * The frontier's lineages, one under way at a time: a run goes on with it while it has runs left,
 * else starts a new one, from the corpus (corpus.ts: a lineage of one run as cover's runs start, a
 * longer one from the frontier or where a run stopped).
 */
export class Lineages {
  private going: { readonly lineage: Lineage; at: Entry } | null = null;
  /** Release runs to make next (see stepped), and whether the run under way is one. */
  private readonly releases: Release[] = [];
  private releasing = false;
  /** The run under way before its last step, and the last places a rare action was taken from. */
  private before: Run | null = null;
  private rare: { readonly run: Run; readonly steps: number }[] = [];
  /** How often each action was taken in the lineage under way. */
  private taken = new Map<string, number>();
  private readonly actorIndex: ReadonlyMap<string, number>;

  constructor(private readonly inst: Instance) {
    this.actorIndex = new Map(inst.lanes.map((a, i) => [a, i]));
  }

  /** Where a run drawn as `s` starts, its stepper, and its step limit when it is not the hunt's. */
  start(
    corpus: Corpus,
    s: FrontierSchedule,
  ): { readonly start: Start; readonly next: Stepper; readonly limit?: number } {
    this.rare = [];
    const release = this.releases.shift();
    this.releasing = release !== undefined;
    if (release)
      return {
        start: { run: release.entry.run.fork(), entry: release.entry },
        next: lineageStepper(this.inst, release.lineage, s.picks),
        limit: RELEASE_STEPS,
      };
    let going = this.going;
    let start: Start;
    if (going && going.lineage.runsLeft > 0) start = { run: going.at.run.fork(), entry: going.at };
    else {
      start =
        s.runs >= FROM_FRONTIER
          ? corpus.startAtFrontier(s.start)
          : s.runs > 1
            ? corpus.startLineage(s.start)
            : corpus.start(s.start);
      going = this.going = { lineage: lineageOf(this.inst, s), at: start.entry };
      // Which actor is slow: the start draw's high bits (its low bits chose where the lineage starts).
      if (s.runs > 1) this.demoteOneAtWork(going.lineage, start.run, s.start >>> 8);
      this.taken = new Map();
    }
    this.before = going.lineage.priority ? start.run.fork() : null;
    return { start, next: lineageStepper(this.inst, going.lineage, s.picks) };
  }

  /**
   * After each step of a lineage run with priorities: note where the run stood before a rare
   * action (one of at most an eighth of the lineage's steps so far), a candidate for a release run.
   */
  stepped(box: Box): void {
    const going = this.going;
    const before = this.before;
    if (this.releasing || !going || !before) return;
    const last = box.executed[box.executed.length - 1] as Choice;
    const priority = going.lineage.priority as number[];
    // Once the actor held back the most acts, nobody is held back any more: no release from here on.
    if ((priority[this.actorIndex.get(this.inst.actor(last)) ?? 0] ?? 0) <= Math.min(...priority)) {
      this.before = null;
      return;
    }
    const action = last.action.name;
    const n = (this.taken.get(action) ?? 0) + 1;
    this.taken.set(action, n);
    const steps = going.lineage.clock + box.executed.length;
    if (steps >= RARE_AFTER && n * RARE_SHARE <= steps) {
      this.rare.push({ run: before, steps: box.executed.length - 1 });
      if (this.rare.length > RELEASES_PER_RUN) this.rare.shift();
    }
    this.before = box.run.fork();
  }

  /**
   * A lineage of several runs starts with one actor slow: one that can act where it starts, drawn
   * among those, goes below every other (PCT's change point at its first step: the actor demoted
   * has work in hand, as the actor on top at a change point has).
   */
  private demoteOneAtWork(lineage: Lineage, run: Run, drawn: number): void {
    const priority = lineage.priority;
    if (!priority) return;
    const able: number[] = [];
    for (const c of this.inst.allChoices()) {
      const a = this.actorIndex.get(this.inst.actor(c)) ?? 0;
      if (!able.includes(a) && run.enabled(c)) able.push(a);
    }
    if (able.length < 2) return;
    priority[able[drawn % able.length] as number] = 0;
  }

  /**
   * A run of the lineage ended without a finding. The lineage goes on from where it stopped only if
   * it stopped at its step limit, not for want of an enabled step; that state is kept as a start.
   */
  ended(corpus: Corpus, box: Box): void {
    const going = this.going;
    if (this.releasing) this.releasing = false;
    else if (going) this.endedLineageRun(corpus, box, going);
  }

  private endedLineageRun(corpus: Corpus, box: Box, going: { readonly lineage: Lineage; at: Entry }): void {
    for (const r of this.rare) this.queueRelease(corpus, going, r.run, box.executed.slice(0, r.steps));
    this.rare = [];
    this.before = null;
    const capped = box.executed.length === box.limit;
    going.lineage.clock += box.executed.length;
    going.lineage.runsLeft = capped ? going.lineage.runsLeft - 1 : 0;
    if (capped) going.at = corpus.stopped(box.run, going.at, box.executed);
  }

  /**
   * A release run from where `run` stood: the actor the lineage's priorities held back the most
   * among those that could act there goes first, the others keep their order. A demoted actor then
   * catches up in the middle of what the others are doing, right before a rare action of theirs (a
   * clean-up, a commit), instead of only once every other actor has finished.
   */
  private queueRelease(
    corpus: Corpus,
    going: { readonly lineage: Lineage; readonly at: Entry },
    run: Run,
    steps: readonly Choice[],
  ): void {
    const priority = going.lineage.priority;
    if (!priority) return;
    let low = -1;
    let high = -1;
    for (const c of this.inst.allChoices()) {
      if (!run.enabled(c)) continue;
      const a = this.actorIndex.get(this.inst.actor(c)) ?? 0;
      if (low === -1 || (priority[a] ?? 0) < (priority[low] ?? 0)) low = a;
      if (high === -1 || (priority[a] ?? 0) > (priority[high] ?? 0)) high = a;
    }
    if (low === high) return;
    const promoted = [...priority];
    promoted[low] = Math.max(...priority) + 1;
    this.releases.push({
      entry: corpus.entryAt(run, going.at, steps),
      lineage: { ...going.lineage, priority: promoted, changeAt: [], clock: 0, runsLeft: 1 },
    });
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
