/**
 * One run of a model: the current state, the progress monitors' memories, and the property checks
 * on the initial state and after every step. Hunting, shrinking, replaying and recording a trace
 * all drive a Run, so a property means the same in each of them. A run returns what it finds; it
 * never throws a result (only errors: a model that throws, or is nondeterministic).
 */
import { RacehuntError } from './errors.ts';
import { recoveryAttempt } from './fair.ts';
import type { Choice, Instance, StepRecord } from './instance.ts';
import {
  applies,
  decide,
  guarded,
  isMonitor,
  isRecovers,
  monitorObserve,
  monitorStart,
  remembers,
  type Recovers,
} from './judge.ts';
import type { AnyProperty } from './model.ts';
import { assertPlainData } from './plain.ts';

/** What a run found: a broken property (counterexample) or a reached `sometimes` (witness). */
export interface Finding {
  readonly property: AnyProperty;
  /** For a `recovers` property: what the automation did when left alone (recorded runs only). */
  readonly recovery?: readonly StepRecord[];
  readonly outcome: 'counterexample' | 'witness';
  readonly message: string;
  /** Number of steps taken when it was found (0 = the initial state). */
  readonly atStep: number;
}

export interface RecordedStep extends StepRecord {
  readonly index: number;
}

export interface RunOptions {
  /**
   * The property hunted: only it is checked (a `sometimes` target turns the run into a witness
   * search). Undefined: every always/progress property is checked and `sometimes` are recorded.
   */
  readonly target?: AnyProperty | undefined;
  /** Record each step's description and changes (for traces); off while hunting, for speed. */
  readonly record?: boolean;
  /** Execute each step and guard twice and compare, and check that states stay plain data. */
  readonly probe?: boolean;
  /** Where the run starts: one of the model's initial states (default: the first). */
  readonly initial?: unknown;
}

export class Run {
  state: unknown;
  readonly initial: unknown;
  steps = 0;
  readonly recorded: RecordedStep[] = [];
  /** `sometimes` properties reached so far in this run. */
  readonly reached = new Set<string>();
  /** What the run found, once it found something; no step may be taken after that. */
  found: Finding | null = null;
  private readonly always: AnyProperty[];
  /** Monitors, and witnesses of a run: each with its memory. */
  private readonly monitors: { readonly property: AnyProperty; memory: unknown }[];
  private readonly recovers: Recovers[];
  private readonly sometimes: AnyProperty[];

  constructor(
    readonly inst: Instance,
    readonly options: RunOptions = {},
    from?: Run,
  ) {
    if (from) {
      // A fork: the same run so far, going on from where `from` stands (states are immutable, so
      // branching from a reached state costs nothing but the memories' copies).
      this.always = from.always;
      this.recovers = from.recovers;
      this.sometimes = from.sometimes;
      this.state = from.state;
      this.initial = from.initial;
      this.steps = from.steps;
      this.reached = new Set(from.reached);
      this.monitors = from.monitors.map((m) => ({ ...m }));
      this.found = from.found;
      return;
    }
    const t = options.target;
    const props = t ? [t] : inst.properties;
    this.always = props.filter((p) => p.kind === 'always');
    this.recovers = props.filter(isRecovers);
    // Every `sometimes` that applies to this variant is watched, whatever the target, so that
    // coverage can tell a vacuous hunt.
    this.sometimes = inst.properties.filter((p) => p.kind === 'sometimes' && (p === t || applies(inst, p)));
    this.state = this.initial = options.initial === undefined ? inst.initial() : options.initial;
    this.monitors = [...props.filter(isMonitor), ...this.sometimes.filter(remembers)].map((property) => ({
      property,
      memory: monitorStart(inst, property, this.state),
    }));
    this.found = this.check();
  }

  /** An independent copy of this run as it stands (not recording: a fork has no steps of its own yet). */
  fork(): Run {
    return new Run(this.inst, { ...this.options, record: false }, this);
  }

  /** Is this choice enabled now? */
  enabled(c: Choice): boolean {
    const yes = this.inst.enabled(this.state, c);
    if (this.options.probe && this.inst.enabled(this.state, c) !== yes) {
      throw new RacehuntError(
        'model-error',
        `${this.inst.culprit(c)}: its guard is nondeterministic (same state and arguments, different answers)`,
      );
    }
    // A step into a state outside the model's constraint (TLC's CONSTRAINT) is not in the model:
    // runs never take it, as the explorer never stores its state.
    if (yes && this.inst.model.constraint) return this.inst.inModel(this.inst.next(this.state, c));
    return yes;
  }

  /** Take one step (its guard must allow it) and check properties; returns what it found, if anything. */
  step(c: Choice): Finding | null {
    if (this.found) throw new Error(`Run.step: the run already found ${this.found.property.name}`);
    const { inst } = this;
    const before = this.state;
    let next: unknown;
    if (this.options.record) {
      const r = inst.record(before, c);
      next = r.state;
      this.recorded.push({ index: this.steps + 1, ...r.step });
    } else {
      next = inst.next(before, c);
    }
    if (this.options.probe) this.probe(before, c, next);
    this.state = next;
    this.steps++;
    for (const m of this.monitors) m.memory = monitorObserve(inst, m.property, m.memory, next);
    this.found = this.check();
    return this.found;
  }

  /** End-of-run checks: recovery properties are judged from the state the run ends in. */
  finish(): Finding | null {
    if (this.found) return this.found;
    for (const p of this.recovers) {
      const r = guarded(this.inst, p, () => recoveryAttempt(this.inst, p, this.state, this.options.record === true));
      if (!r.ok)
        return (this.found = {
          property: p,
          outcome: 'counterexample',
          message: r.message,
          atStep: this.steps,
          ...(this.options.record ? { recovery: r.steps } : {}),
        });
    }
    return null;
  }

  /** The same state and argument give the same next state, and states stay plain data. */
  private probe(before: unknown, c: Choice, next: unknown): void {
    const { inst } = this;
    assertPlainData(
      next,
      'state',
      (at, what) =>
        new RacehuntError(
          'bad-model',
          `${inst.culprit(c)}: after its step, ${at} is ${what}; states must be plain data (objects, arrays, numbers, strings, booleans, null)`,
        ),
    );
    const again = inst.next(before, c);
    if (JSON.stringify(again) !== JSON.stringify(next)) {
      throw new RacehuntError(
        'model-error',
        `${inst.culprit(c)} is nondeterministic: the same state and arguments gave different next states (a step must not read clocks, randomness or outside variables)`,
      );
    }
  }

  private check(): Finding | null {
    const { inst } = this;
    const found = (property: AnyProperty, outcome: Finding['outcome'], message: string): Finding => ({
      property,
      outcome,
      message,
      atStep: this.steps,
    });
    for (const p of this.always) {
      const m = decide(inst, p, this.state);
      if (m !== null) return found(p, 'counterexample', m);
    }
    for (const mon of this.monitors) {
      if (mon.property.kind === 'sometimes') continue; // a witness's memory is read below
      const m = decide(inst, mon.property, this.state, mon.memory);
      if (m !== null) return found(mon.property, 'counterexample', m);
    }
    let witness: Finding | null = null;
    for (const p of this.sometimes) {
      if (this.reached.has(p.name)) continue;
      if (decide(inst, p, this.state, this.monitors.find((m) => m.property === p)?.memory) !== null) {
        this.reached.add(p.name);
        if (p === this.options.target) witness = found(p, 'witness', p.doc);
      }
    }
    return witness;
  }
}
