/**
 * Exhaustive exploration (`racehunt check`): every reachable state of one variant, breadth-first,
 * over the same model definition that hunts sample. Where a hunt shrinks a counterexample until no
 * step can be removed, the explorer gives the shortest one there is; where a hunt survives its
 * budget, the explorer says the property holds in every reachable state, or within which bounds.
 *
 * The search itself is in explore/search.ts; here properties become watches, and each decided
 * property becomes a trace in the one trace format, recorded by re-running its path through the
 * engine's Run (so a trace found here replays exactly like a hunted one).
 *
 * Parallel and fingerprint-only (a hunt's prove phase calls it so; explore() stays synchronous):
 *
 *   const r = explore(inst, {
 *     target, maxStates, timeBudgetMs, interrupted,
 *     workers: 2,                          // threads in all, this one included (default 1)
 *     source: exploreSource({ modelRef, catalogModule, variant, params, deadlock }), // project/explore-source.ts
 *     fingerprintOnly: true,               // ≤ 16 bytes a state in memory; paths read back from disk
 *     maxMemoryBytes,                      // cut 'memory' (default DEFAULT_MAX_MEMORY_BYTES)
 *   });
 *   r.depthComplete          // every state ≤ this many steps away was stored and checked
 *   r.states, r.cut, r.complete, r.collisionProbability (TLC's), r.workers (threads used)
 *   r.properties[i].path     // a decided property's shortest path (choice indices), and its trace
 *
 * Without `source` (a model built in memory cannot be sent to a thread) the search runs on this
 * thread alone, with the same result. docs/exhaustive.md says what the parallel search guarantees.
 */
import { RacehuntError } from '../core/errors.ts';
import type { Instance } from '../core/instance.ts';
import { applies, remembers } from '../core/judge.ts';
import type { AnyProperty, PropertyKind } from '../core/model.ts';
import type { Outcome } from '../core/outcome.ts';
import { culpritOfNondeterminism, play, traceOf } from '../core/play.ts';
import type { Trace } from '../core/trace.ts';
import {
  DEFAULT_MAX_MEMORY_BYTES,
  defaultWorkers,
  search,
  type Cut,
  type SearchProgress,
  type SearchResult,
} from './search.ts';
import type { InstanceSource } from './helpers.ts';
import type { StepperKind } from './stepper.ts';
import type { Watch } from './watch.ts';

export type { Cut, SearchProgress as ExploreProgress } from './search.ts';
export type { StepperKind } from './stepper.ts';
export type { InstanceSource } from './helpers.ts';
export { DEFAULT_MAX_MEMORY_BYTES, defaultWorkers };

/** Ten million states: about half a gigabyte of store, and one to three minutes on these machines. */
export const DEFAULT_MAX_STATES = 10_000_000;

export interface ExploreOptions {
  /**
   * Check these properties only (plus every `sometimes`, for coverage), and stop once they are
   * decided; default: every property.
   */
  readonly target?: string | readonly string[] | undefined;
  readonly maxStates?: number | undefined;
  /** Explore runs of at most this many steps. */
  readonly maxDepth?: number | undefined;
  /** Use the model's `canonical` symmetry reduction when it has one (default true). */
  readonly symmetry?: boolean | undefined;
  /**
   * Explore the whole state space even after every property is decided (default false: the search
   * stops once each property checked is broken or reached). State counts need it.
   */
  readonly exhaust?: boolean | undefined;
  readonly stepper?: StepperKind | undefined;
  /** Check properties (default true); false only enumerates states, to count them or time it. */
  readonly checkProperties?: boolean | undefined;
  /** How the model is named in traces (registry name or module path). */
  readonly modelRef?: string | undefined;
  /** Called about once a second. */
  readonly onProgress?: ((p: SearchProgress) => void) | undefined;
  /**
   * Stop at the first counterexample to a property asked about (default false: stop once every
   * property asked is decided); the properties still open are then undecided, with the bound reached.
   */
  readonly stopAtCounterexample?: boolean | undefined;
  /** Called with each property's verdict the moment it is decided (a counterexample or a witness). */
  readonly onVerdict?: ((p: PropertyResult, ms: number) => void) | undefined;
  /** Stop after this many milliseconds: the result is then cut ('time-budget'), not a proof. */
  readonly timeBudgetMs?: number | undefined;
  /**
   * Asked between chunks of 256 states: true stops the search there (Ctrl-C, core/interrupt.ts),
   * with cut 'interrupted' and every property still open undecided.
   */
  readonly interrupted?: (() => boolean) | undefined;
  /**
   * Threads that expand states, this one included (default 1). More than one needs `source`:
   * without it the search runs on this thread alone (`workers` in the result says so). The
   * result is the same for any number (search.ts says why).
   */
  readonly workers?: number | undefined;
  /** How helper threads load this instance's model (engine/project's exploreSource makes one). */
  readonly source?: InstanceSource | undefined;
  /**
   * Keep only fingerprints in memory (at most 16 bytes a state); the way back to each state goes
   * to a temporary file, from which a counterexample's path is read. For state spaces larger than
   * memory; the default keeps it in memory (6 more bytes a state).
   */
  readonly fingerprintOnly?: boolean | undefined;
  /**
   * Stop, with cut 'memory', once the process holds this many bytes (resident memory, asked
   * between chunks); default DEFAULT_MAX_MEMORY_BYTES, 60% of this machine's memory.
   */
  readonly maxMemoryBytes?: number | undefined;
  /**
   * When the search is cut, return the paths to up to this many of the states it had reached but
   * not expanded, evenly spread over its frontier (a hunt's sampling starts there). Default 0.
   */
  readonly frontier?: number | undefined;
}

export interface PropertyResult {
  readonly name: string;
  readonly kind: PropertyKind;
  /**
   * counterexample / reached: decided, with its shortest trace. holds / unreached: in every state
   * explored (a proof when the result is complete, bounded otherwise). undecided: the search
   * stopped as soon as the properties it was asked about were decided, before this one was.
   */
  readonly outcome: Outcome;
  /** Length of the shortest trace, when decided. */
  readonly steps: number | null;
  readonly message: string | null;
  readonly trace: Trace | null;
  /** The shortest trace as choice indices (into the instance's choices), when decided. */
  readonly path: readonly number[] | null;
  /** When it was decided: states stored, and the depth (deterministic, unlike the time). */
  readonly decidedAfter: { readonly states: number; readonly depth: number } | null;
}

export interface ExploreResult {
  readonly model: string;
  readonly variant: string;
  readonly params: Readonly<Record<string, number>>;
  /** The property asked about, when one was; all of them in `targets`. */
  readonly target: string | null;
  readonly targets: readonly string[];
  /** A counterexample (or, for a `sometimes` target, a witness) was found. */
  readonly found: boolean;
  /** The target's trace, else the shortest counterexample to any property. */
  readonly trace: Trace | null;
  /** Every reachable state was explored: "holds" is a proof, "unreached" means unreachable. */
  readonly complete: boolean;
  readonly cut: Cut;
  readonly maxStates: number;
  readonly maxDepth: number | null;
  /**
   * Distinct states explored (classes of states under symmetry reduction); when a progress
   * monitor is checked, each state with each memory the monitors can have of the run so far.
   */
  readonly states: number;
  /** Distinct states of the model alone (classes under symmetry): what a manifest's `reachable` pins. */
  readonly modelStates: number;
  /** Enabled (state, action, argument) triples executed, including those reaching known states. */
  readonly transitions: number;
  readonly depth: number;
  /**
   * Every state at most this many steps from the initial state was stored and checked: every run
   * of at most this many steps is covered, whatever cut the search. Equal to `depth` when complete.
   */
  readonly depthComplete: number;
  /** States where no action is enabled. */
  readonly terminal: number;
  readonly symmetry: boolean;
  /** Why a model's symmetry reduction was not used (null when used, or when it has none). */
  readonly symmetryOff: string | null;
  readonly stepper: StepperKind;
  readonly ms: number;
  readonly statesPerSec: number;
  /** What the visited-state store holds per state (its typed arrays over the states stored). */
  readonly bytesPerState: number;
  /** The largest BFS level held at once, as encoded states, and the bytes it took. */
  readonly peakFrontier: number;
  readonly peakFrontierBytes: number;
  /** The chance that two distinct states shared a 64-bit fingerprint: about n²/2⁶⁵. */
  readonly collisionOdds: number;
  /**
   * The chance that a fingerprint collision hid a state, as TLC reports it ("calculated
   * (optimistic)"): n·(m − n)/2⁶⁴ for n distinct states among m generated (transitions + 1).
   */
  readonly collisionProbability: number;
  /** Threads that expanded states, this one included. */
  readonly workers: number;
  /** The way back to each state was kept on disk: only fingerprints in memory. */
  readonly fingerprintOnly: boolean;
  readonly properties: readonly PropertyResult[];
  /** Choice-index paths to states reached but not expanded when the search was cut (ExploreOptions.frontier). */
  readonly frontier: readonly (readonly number[])[];
  /**
   * When safety and progress properties were asked together of a model with a symmetry: the two
   * searches (safety up to symmetry, progress without), whose sums and verdicts the fields above give.
   */
  readonly passes?: readonly ExploreResult[];
}

/**
 * Explore one variant. Progress properties are judged by a round-robin in lane order, which
 * symmetry reduction cannot respect, so a search that checks them runs without it. When safety
 * and progress properties are asked together and the model has a symmetry, two searches do better
 * than one: safety up to symmetry (often the difference between a proof and a cut search),
 * progress without. Either way the result is one: every property asked, its verdict and trace.
 */
export function explore(inst: Instance, opts: ExploreOptions = {}): ExploreResult {
  const named = (
    opts.target === undefined ? [] : typeof opts.target === 'string' ? [opts.target] : [...opts.target]
  ).map((t) => inst.property(t));
  const asked = named.length > 0 ? named : inst.properties.filter((p) => p.kind !== 'sometimes');
  const progress = asked.filter((p) => p.kind === 'progress');
  const safety = asked.filter((p) => p.kind !== 'progress');
  if (
    (opts.symmetry ?? true) &&
    inst.canonical &&
    progress.length > 0 &&
    safety.length > 0 &&
    opts.checkProperties !== false
  ) {
    const first = exploreOnce(inst, safety, opts);
    const order = named.length > 0 ? named : inst.properties;
    // Stopping at the first counterexample (or interrupted): the progress search need not run at all.
    const interrupted = first.cut === 'interrupted';
    if ((opts.stopAtCounterexample && first.found) || interrupted) {
      const why = interrupted
        ? 'interrupted before it was searched'
        : 'not searched, the check stopped at its first counterexample';
      const skipped = progress.map((p): PropertyResult => ({
        name: p.name,
        kind: p.kind,
        outcome: 'undecided',
        steps: null,
        message: `undecided: ${why}`,
        trace: null,
        path: null,
        decidedAfter: null,
      }));
      return {
        ...first,
        targets: [...first.targets, ...progress.map((p) => p.name)],
        properties: order
          .map((p) => [...first.properties, ...skipped].find((r) => r.name === p.name))
          .filter((r): r is PropertyResult => r !== undefined),
      };
    }
    // A time budget is for both searches: the second gets what the first left.
    const rest =
      opts.timeBudgetMs === undefined ? opts : { ...opts, timeBudgetMs: Math.max(0, opts.timeBudgetMs - first.ms) };
    return combine([first, exploreOnce(inst, progress, rest)], order);
  }
  return exploreOnce(inst, named, opts);
}

function exploreOnce(inst: Instance, targets: readonly AnyProperty[], opts: ExploreOptions): ExploreResult {
  const target = targets.length === 1 ? targets[0] : undefined;
  const maxStates = opts.maxStates ?? DEFAULT_MAX_STATES;
  if (!Number.isInteger(maxStates) || maxStates < 1)
    throw new RacehuntError('usage', `max-states must be a positive integer, got ${maxStates}`);
  // Beside the targets, the witnesses that apply are checked as coverage; not those with a memory,
  // which would split the explored states and block the symmetry reduction for a side result.
  const coverage = inst.properties.filter(
    (p) => p.kind === 'sometimes' && !targets.includes(p) && applies(inst, p) && !remembers(p),
  );
  const everything = inst.properties.filter((p) => applies(inst, p));
  const checked = opts.checkProperties === false ? [] : targets.length > 0 ? [...targets, ...coverage] : everything;
  const unsymmetric = symmetryBlockers(checked);
  const symmetry = (opts.symmetry ?? true) && inst.canonical !== undefined && unsymmetric.length === 0;
  const stepper = opts.stepper ?? 'copy';
  const modelRef = opts.modelRef ?? inst.model.name;
  const decided = new Map<Watch, PropertyResult>();
  const s = search(inst, checked, (p) => targets.length === 0 || targets.includes(p), {
    maxStates,
    maxDepth: opts.maxDepth,
    symmetry,
    exhaust: opts.exhaust ?? false,
    stepper,
    onProgress: opts.onProgress,
    interrupted: opts.interrupted,
    stopAtCounterexample: opts.stopAtCounterexample,
    timeBudgetMs: opts.timeBudgetMs,
    workers: opts.workers,
    source: opts.source,
    fingerprintOnly: opts.fingerprintOnly,
    maxMemoryBytes: opts.maxMemoryBytes,
    frontier: opts.frontier,
    onDecided: (w, path, ms, origin) => {
      const r = decidedResult(inst, w, path, w.at + 1, modelRef, origin);
      decided.set(w, r);
      opts.onVerdict?.(r, ms);
    },
  });

  const complete = s.cut === null;
  const properties = s.watches.map((w) => decided.get(w) ?? openResult(w, s));
  const mine = target ? properties[0] : undefined;
  const counterexamples = properties
    .filter((p) => p.outcome === 'counterexample')
    .sort((a, b) => (a.steps ?? 0) - (b.steps ?? 0));
  const trace = mine ? mine.trace : (counterexamples[0]?.trace ?? null);
  const asked = targets.length > 0 ? properties.slice(0, targets.length) : properties;
  return {
    model: modelRef,
    variant: inst.variant,
    params: { ...inst.params },
    target: target?.name ?? null,
    targets: targets.map((t) => t.name),
    found: mine ? mine.trace !== null : asked.some((p) => p.outcome === 'counterexample'),
    trace,
    complete,
    cut: s.cut,
    maxStates,
    maxDepth: opts.maxDepth ?? null,
    states: s.states,
    modelStates: s.modelStates,
    transitions: s.transitions,
    depth: s.depth,
    depthComplete: s.depthComplete,
    terminal: s.terminal,
    symmetry: s.symmetry,
    symmetryOff:
      inst.canonical !== undefined && !s.symmetry
        ? opts.symmetry === false
          ? 'turned off (--no-symmetry)'
          : `off: ${unsymmetric.join(', ')} cannot be judged up to symmetry`
        : null,
    stepper,
    ms: s.ms,
    statesPerSec: Math.round(s.states / Math.max(s.ms / 1000, 0.001)),
    bytesPerState: Math.round(s.storeBytes / Math.max(s.states, 1)),
    peakFrontier: s.peakFrontier,
    peakFrontierBytes: s.peakFrontierBytes,
    collisionOdds: (s.states * s.states) / 2 ** 65,
    collisionProbability: tlcCollisionProbability(s.states, s.transitions + 1),
    workers: s.workers,
    fingerprintOnly: s.fingerprintOnly,
    properties,
    frontier: s.frontier,
  };
}

/** TLC's optimistic estimate: each of the m − n generated states that matched could have been new. */
export function tlcCollisionProbability(distinct: number, generated: number): number {
  return (distinct * Math.max(generated - distinct, 0)) / 2 ** 64;
}

/** Two searches as one result: their sums, every property from the search that checked it. */
function combine(passes: readonly ExploreResult[], order: readonly AnyProperty[]): ExploreResult {
  const [first, second] = passes as [ExploreResult, ExploreResult];
  const byName = new Map<string, PropertyResult>();
  for (const pass of passes)
    for (const p of pass.properties) if (!byName.has(p.name) || pass.targets.includes(p.name)) byName.set(p.name, p);
  const properties = order.map((p) => byName.get(p.name)).filter((p): p is PropertyResult => p !== undefined);
  const counterexamples = properties
    .filter((p) => p.outcome === 'counterexample')
    .sort((a, b) => (a.steps ?? 0) - (b.steps ?? 0));
  const states = first.states + second.states;
  const ms = first.ms + second.ms;
  return {
    ...first,
    target: null,
    targets: [...first.targets, ...second.targets],
    found: passes.some((p) => p.found),
    trace: counterexamples[0]?.trace ?? null,
    complete: passes.every((p) => p.complete),
    cut: passes.some((p) => p.cut === 'interrupted')
      ? 'interrupted'
      : (passes.find((p) => p.cut !== null)?.cut ?? null),
    states,
    // The pass without symmetry reduction (the larger count) saw every state of the model.
    modelStates: Math.max(first.modelStates, second.modelStates),
    transitions: first.transitions + second.transitions,
    depth: Math.max(first.depth, second.depth),
    terminal: first.terminal + second.terminal,
    ms,
    statesPerSec: Math.round(states / Math.max(ms / 1000, 0.001)),
    collisionOdds: Math.max(first.collisionOdds, second.collisionOdds),
    collisionProbability: Math.max(first.collisionProbability, second.collisionProbability),
    depthComplete: Math.min(first.depthComplete, second.depthComplete),
    properties,
    frontier: [...first.frontier, ...second.frontier],
    passes,
  };
}
/**
 * Properties that symmetry reduction would judge wrongly. A monitor's (or a run witness's) memory may name actors,
 * which a model's canonical() does not rename; a `recovers` property is judged by a round-robin
 * over actors in lane order, so two states that differ only by actor names can recover in a
 * different number of steps. Symmetry is used only when neither kind is checked.
 */
function symmetryBlockers(properties: readonly AnyProperty[]): string[] {
  return properties.filter((p) => p.kind === 'progress' || remembers(p)).map((p) => p.name);
}

/** A property the search decided: its shortest trace. */
function decidedResult(
  inst: Instance,
  w: Watch,
  path: readonly number[],
  states: number,
  modelRef: string,
  origin: number,
): PropertyResult {
  const p = w.property;
  const trace = recordPath(inst, p, path, states, modelRef, origin);
  return {
    name: p.name,
    kind: p.kind,
    outcome: p.kind === 'sometimes' ? 'reached' : 'counterexample',
    steps: path.length,
    message: trace.message,
    trace,
    path,
    decidedAfter: { states, depth: w.depth },
  };
}

/** A property still open when the search ended: it holds (or is unreached) in what was explored, or is undecided. */
function openResult(w: Watch, s: SearchResult): PropertyResult {
  const p = w.property;
  const undecided = s.cut === 'decided' || s.cut === 'interrupted';
  const outcome: Outcome = undecided ? 'undecided' : p.kind === 'sometimes' ? 'unreached' : 'holds';
  const why = s.cut === 'interrupted' ? 'when it was interrupted' : 'once what it was asked about was decided';
  const message = undecided
    ? `undecided: the search stopped after ${s.states.toLocaleString('en-US')} states, depth ${s.depth}, ${why}`
    : null;
  return { name: p.name, kind: p.kind, outcome, steps: null, message, trace: null, path: null, decidedAfter: null };
}

/**
 * Record a path as a trace by playing it like any run, which checks the property exactly as a
 * hunt or a replay does. `states` in the provenance is how many states had been stored when the
 * property was decided: the same whichever properties were checked alongside.
 */
export function recordPath(
  inst: Instance,
  property: AnyProperty,
  path: readonly number[],
  states: number,
  modelRef: string,
  /** Which of the model's initial states the path starts from. */
  origin = 0,
): Trace {
  const choices = inst.allChoices();
  const where = `model "${inst.model.name}" (${inst.variant}): the explorer's path to ${property.name}`;
  const steps = path.map((k) => choices[k]!);
  const { run, finding, blocked } = play(inst, steps, {
    target: property,
    record: true,
    probe: true,
    disabled: 'stop',
    initial: inst.initials()[origin],
  });
  if (blocked !== null)
    throw (
      culpritOfNondeterminism(inst, steps, property, `${where} is not enabled when re-run`) ??
      new RacehuntError(
        'model-error',
        `${where} is not enabled when re-run; the model is nondeterministic or its canonical() is not a symmetry`,
      )
    );
  if (!finding || finding.property !== property || finding.atStep !== path.length) {
    const got = finding ? `decided ${finding.property.name} at step ${finding.atStep}` : 'did not decide it';
    // Plays that differ name the culprit; plays that agree point at canonical(), which made the path.
    throw (
      culpritOfNondeterminism(inst, steps, property, `${where} (${path.length} steps) ${got} when re-run`) ??
      new RacehuntError(
        'model-error',
        `${where} (${path.length} steps) ${got} when re-run; the model is nondeterministic or its canonical() is not a symmetry`,
      )
    );
  }
  return traceOf(inst, modelRef, finding, run, { by: 'check', states, depth: path.length });
}
