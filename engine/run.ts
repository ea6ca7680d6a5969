/**
 * One run of a model: the current state, the progress monitors' memories, and the property checks
 * after every step. Hunting, replaying and recording a trace all drive a Run, so a property means
 * the same thing in each of them.
 */
import { RacehuntError } from './errors.ts';
import type { Choice, Instance, StepRecord } from './instance.ts';
import type { AnyProperty, MonitorProperty, Params, RecoversProperty, SometimesProperty, Verdict } from './model.ts';
import { recoveryAttempt } from './recover.ts';

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

/** Thrown out of a fast-check command so that fast-check records the run as failing and shrinks it. */
export class FindingError extends Error {
  constructor(readonly finding: Finding) {
    super(`${finding.property.name}: ${finding.message}`);
    this.name = 'FindingError';
  }
}

export interface RecordedStep extends StepRecord {
  readonly index: number;
}

export interface RunOptions {
  /**
   * The property hunted: only it is checked (a `sometimes` target turns the hunt into a witness
   * search). Undefined: every always/progress property is checked and `sometimes` are recorded.
   */
  readonly target?: AnyProperty | undefined;
  /** Record each step's description and changes (for traces); off while hunting, for speed. */
  readonly record?: boolean;
  /** Execute each step and guard twice and compare: catches nondeterministic models. */
  readonly probe?: boolean;
}

type Monitor = { readonly property: MonitorProperty<unknown, Params, unknown>; memory: unknown };
type Witness = { readonly property: SometimesProperty<unknown, Params, unknown>; memory: unknown };

export class Run {
  state: unknown;
  steps = 0;
  readonly recorded: RecordedStep[] = [];
  /** `sometimes` properties reached so far in this run. */
  readonly reached = new Set<string>();
  private readonly always: AnyProperty[];
  private readonly monitors: Monitor[];
  private readonly recovers: RecoversProperty<unknown, Params, unknown>[];
  private readonly sometimes: Witness[];
  private readonly witnessTarget: boolean;

  constructor(
    readonly inst: Instance,
    readonly options: RunOptions = {},
  ) {
    const t = options.target;
    const props = t ? [t] : inst.model.properties;
    this.witnessTarget = t?.kind === 'sometimes';
    this.always = props.filter((p) => p.kind === 'always');
    this.recovers = props.filter((p): p is RecoversProperty<unknown, Params, unknown> => p.kind === 'progress' && p.form === 'recovers');
    this.state = inst.initial();
    this.monitors = props
      .filter((p): p is MonitorProperty<unknown, Params, unknown> => p.kind === 'progress' && p.form === 'monitor')
      .map((property) => ({ property, memory: this.guarded(property, () => property.start(this.state, inst.ctx)) }));
    // Every `sometimes` that applies to this variant is watched, whatever the target, so that
    // coverage can tell a vacuous hunt.
    this.sometimes = inst.model.properties
      .filter((p): p is SometimesProperty<unknown, Params, unknown> => p.kind === 'sometimes' && (p === t || p.applies(inst.ctx)))
      .map((property) => ({ property, memory: property.memory ? this.guarded(property, () => property.memory!.start(this.state, inst.ctx)) : undefined }));
    this.check();
  }

  /** Is this choice enabled now? */
  enabled(c: Choice): boolean {
    const yes = this.inst.enabled(this.state, c);
    if (this.options.probe && this.inst.enabled(this.state, c) !== yes) {
      throw new RacehuntError('model-error', `model "${this.inst.model.name}": the guard of ${c.action.name} is nondeterministic (same state and arguments, different answers)`);
    }
    return yes;
  }

  /** Take one step and check properties; throws FindingError when something is found. */
  step(c: Choice): void {
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
    if (this.options.probe) {
      const again = inst.next(before, c);
      if (JSON.stringify(again) !== JSON.stringify(next)) {
        throw new RacehuntError('model-error', `model "${inst.model.name}": action ${c.action.name}${c.arg === undefined ? '' : `(${JSON.stringify(c.arg)})`} is nondeterministic: the same state and arguments gave different next states (a step must not read clocks, randomness or outside variables)`);
      }
    }
    this.state = next;
    this.steps++;
    for (const m of this.monitors) m.memory = this.guarded(m.property, () => m.property.observe(m.memory, next, inst.ctx));
    for (const w of this.sometimes) {
      const memory = w.property.memory;
      if (memory && !this.reached.has(w.property.name)) w.memory = this.guarded(w.property, () => memory.observe(w.memory, next, inst.ctx));
    }
    this.check();
  }

  /** End-of-run checks: recovery properties are judged from the state the run ends in. */
  finish(): void {
    for (const p of this.recovers) {
      const r = this.guarded(p, () => recoveryAttempt(this.inst, p, this.state, this.options.record === true));
      if (!r.ok) throw new FindingError({ property: p, outcome: 'counterexample', message: r.message, atStep: this.steps, ...(this.options.record ? { recovery: r.steps } : {}) });
    }
  }

  private check(): void {
    const { ctx } = this.inst;
    for (const p of this.always) {
      if (p.kind !== 'always') continue;
      const v = this.guarded(p, () => p.check(this.state, ctx));
      if (v !== true) this.found(p, 'counterexample', brokenMessage(v, p.name));
    }
    for (const m of this.monitors) {
      const v = this.guarded(m.property, () => m.property.verdict(m.memory, this.state, ctx));
      if (v !== true) this.found(m.property, 'counterexample', brokenMessage(v, m.property.name));
    }
    for (const { property: p, memory } of this.sometimes) {
      if (this.reached.has(p.name)) continue;
      if (this.guarded(p, () => p.reached(this.state, ctx, memory))) {
        this.reached.add(p.name);
        if (this.witnessTarget && p === this.options.target) this.found(p, 'witness', p.doc);
      }
    }
  }

  private found(property: AnyProperty, outcome: Finding['outcome'], message: string): never {
    throw new FindingError({ property, outcome, message, atStep: this.steps });
  }

  private guarded<T>(p: AnyProperty, f: () => T): T {
    try {
      return f();
    } catch (e) {
      if (e instanceof FindingError || e instanceof RacehuntError) throw e;
      throw new RacehuntError('model-error', `model "${this.inst.model.name}": property ${p.name} threw ${e instanceof Error ? e.message : String(e)}`);
    }
  }
}

function brokenMessage(v: Verdict, name: string): string {
  return typeof v === 'string' ? v : `${name} is false`;
}
