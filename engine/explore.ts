/**
 * Exhaustive exploration (`racehunt check`): every reachable state of one variant, breadth-first,
 * over the same model definition that hunts sample. Where a hunt shrinks a counterexample until no
 * step can be removed, the explorer gives the shortest one there is; where a hunt survives its
 * budget, the explorer says the property holds in every reachable state, or within which bounds.
 *
 * The search itself is in explore/search.ts; here properties become watches, and each decided
 * property becomes a trace in the one trace format, recorded by re-running its path through the
 * engine's Run (so a trace found here replays exactly like a hunted one).
 */
import { RacehuntError } from './errors.ts';
import { search, type Cut, type SearchProgress } from './explore/search.ts';
import type { StepperKind } from './explore/stepper.ts';
import { watchesFor, type Watch } from './explore/watch.ts';
import type { Instance } from './instance.ts';
import type { AnyProperty, PropertyKind } from './model.ts';
import { FindingError, Run, type Finding } from './run.ts';
import { makeTrace, type Trace } from './trace.ts';

export type { Cut, SearchProgress as ExploreProgress } from './explore/search.ts';
export type { StepperKind } from './explore/stepper.ts';

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
}

export type ExploreOutcome = 'counterexample' | 'holds' | 'reached' | 'unreached' | 'unknown';

export interface PropertyResult {
  readonly name: string;
  readonly kind: PropertyKind;
  /**
   * counterexample / reached: decided, with its shortest trace. holds / unreached: in every state
   * explored (a proof when the result is complete, bounded otherwise). unknown: the search stopped
   * as soon as the properties it was asked about were decided, before this one was.
   */
  readonly outcome: ExploreOutcome;
  /** Length of the shortest trace, when decided. */
  readonly steps: number | null;
  readonly message: string | null;
  readonly trace: Trace | null;
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
  /** Distinct states (classes of states under symmetry reduction). */
  readonly states: number;
  /** Enabled (state, action, argument) triples executed, including those reaching known states. */
  readonly transitions: number;
  readonly depth: number;
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
  readonly properties: readonly PropertyResult[];
}

export function explore(inst: Instance, opts: ExploreOptions = {}): ExploreResult {
  const targets = (opts.target === undefined ? [] : typeof opts.target === 'string' ? [opts.target] : [...opts.target]).map((t) => inst.property(t));
  const target = targets.length === 1 ? targets[0] : undefined;
  const maxStates = opts.maxStates ?? DEFAULT_MAX_STATES;
  if (!Number.isInteger(maxStates) || maxStates < 1) throw new RacehuntError('usage', `max-states must be a positive integer, got ${maxStates}`);
  // Beside the targets, the witnesses that apply are checked as coverage; not those with a memory,
  // which would split the explored states and block the symmetry reduction for a side result.
  const coverage = inst.model.properties.filter((p) => p.kind === 'sometimes' && !targets.includes(p) && p.applies(inst.ctx) && !p.memory);
  const everything = inst.model.properties.filter((p) => p.kind !== 'sometimes' || p.applies(inst.ctx));
  const checked = opts.checkProperties === false ? [] : targets.length > 0 ? [...targets, ...coverage] : everything;
  const watches = watchesFor(checked, (p) => targets.length === 0 || targets.includes(p));
  const unsymmetric = symmetryBlockers(checked);
  const symmetry = (opts.symmetry ?? true) && inst.model.canonical !== undefined && unsymmetric.length === 0;
  const stepper = opts.stepper ?? 'copy';
  const s = search(inst, watches, { maxStates, maxDepth: opts.maxDepth, symmetry, exhaust: opts.exhaust ?? false, stepper, onProgress: opts.onProgress });

  const complete = s.cut === null;
  const modelRef = opts.modelRef ?? inst.model.name;
  const properties = watches.map((w) => resultOf(inst, w, s.cut, s.store.pathTo.bind(s.store), modelRef));
  const mine = target ? properties[0] : undefined;
  const counterexamples = properties.filter((p) => p.outcome === 'counterexample').sort((a, b) => (a.steps ?? 0) - (b.steps ?? 0));
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
    transitions: s.transitions,
    depth: s.depth,
    terminal: s.terminal,
    symmetry: s.symmetry,
    symmetryOff: inst.model.canonical !== undefined && !s.symmetry ? (opts.symmetry === false ? 'turned off (--no-symmetry)' : `off: ${unsymmetric.join(', ')} cannot be judged up to symmetry`) : null,
    stepper,
    ms: s.ms,
    statesPerSec: Math.round(s.states / Math.max(s.ms / 1000, 0.001)),
    bytesPerState: Math.round(s.store.bytes / Math.max(s.states, 1)),
    peakFrontier: s.peakFrontier,
    peakFrontierBytes: s.peakFrontierBytes,
    collisionOdds: (s.states * s.states) / 2 ** 65,
    properties,
  };
}

/**
 * Properties that symmetry reduction would judge wrongly. A monitor's or a witness's memory may
 * name actors, which a model's canonical() does not rename; a `recovers` property is judged by a round-robin
 * over actors in lane order, so two states that differ only by actor names can recover in a
 * different number of steps. Symmetry is used only when neither kind is checked.
 */
function symmetryBlockers(properties: readonly AnyProperty[]): string[] {
  return properties.filter((p) => p.kind === 'progress' || (p.kind === 'sometimes' && p.memory)).map((p) => p.name);
}

function resultOf(inst: Instance, w: Watch, cut: Cut, pathTo: (index: number) => number[], modelRef: string): PropertyResult {
  const p = w.property;
  const base = { name: p.name, kind: p.kind };
  if (w.open) {
    const outcome: ExploreOutcome = cut === 'decided' ? 'unknown' : p.kind === 'sometimes' ? 'unreached' : 'holds';
    return { ...base, outcome, steps: null, message: null, trace: null };
  }
  const path = pathTo(w.at);
  const trace = traceOf(inst, p, path, w.at + 1, modelRef);
  return { ...base, outcome: p.kind === 'sometimes' ? 'reached' : 'counterexample', steps: path.length, message: trace.message, trace };
}

/**
 * Record a path as a trace by running it through Run, which checks the property exactly as a hunt
 * or a replay does. `states` in the provenance is how many states had been stored when the
 * property was decided: the same whichever properties were checked alongside.
 */
export function traceOf(inst: Instance, property: AnyProperty, path: readonly number[], states: number, modelRef: string): Trace {
  const choices = inst.allChoices();
  const where = `model "${inst.model.name}" (${inst.variant}): the explorer's path to ${property.name}`;
  let run: Run | undefined;
  let initial: unknown;
  let finding: Finding | undefined;
  try {
    run = new Run(inst, { target: property, record: true, probe: true });
    initial = run.state;
    for (const k of path) {
      const c = choices[k];
      if (!c || !run.enabled(c)) throw new RacehuntError('model-error', `${where} is not enabled when re-run; the model is nondeterministic`);
      run.step(c);
    }
    run.finish();
  } catch (e) {
    if (!(e instanceof FindingError)) throw e;
    finding = e.finding;
  }
  if (!finding || finding.property !== property || finding.atStep !== path.length) {
    const got = finding ? `decided ${finding.property.name} at step ${finding.atStep}` : 'did not decide it';
    throw new RacehuntError('model-error', `${where} (${path.length} steps) ${got} when re-run; the model is nondeterministic or its canonical() is not a symmetry`);
  }
  return makeTrace(inst, modelRef, finding, run?.recorded ?? [], initial ?? inst.initial(), { by: 'check', states, depth: path.length });
}
