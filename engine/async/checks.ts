/**
 * What a scheduled run is judged by, after every step: the model's `always` properties on the
 * observed state (or the system's own invariants), conformance to the model's steps, and four
 * findings that only code can have: a task that fails or a rejection nobody handles, a deadlock
 * (nothing can run while a task is unfinished), and work still pending when the step budget ends.
 * `sometimes` properties are watched so that a green run can say it was not vacuous.
 */
import { refusePromise } from '../core/sync.ts';
import { RacehuntError, messageOf, unknownName } from '../core/errors.ts';
import { DEADLOCK as NO_DEADLOCK } from '../core/builtin.ts';
import { configure, type Instance } from '../core/instance.ts';
import { applies, decide, monitorObserve, monitorStart } from '../core/judge.ts';
import type { Params, PropertyKind, SometimesProperty, Verdict } from '../core/model.ts';

type Witness = SometimesProperty<unknown, Params, unknown>;
import { formatChange } from '../render/format.ts';
import { Conformance, type ModelStep } from './conformance.ts';
import { diff } from './data.ts';
import type { System } from './system.ts';

export interface Claim {
  readonly name: string;
  readonly kind: PropertyKind;
  readonly doc: string;
}

export interface AsyncFinding {
  readonly property: Claim;
  readonly outcome: 'counterexample' | 'witness';
  readonly message: string;
  /** Steps taken when it was found (0 = right after setup). */
  readonly atStep: number;
}

export const CONFORMS: Claim = {
  name: 'conforms-to-model',
  kind: 'always',
  doc: "every operation's change to the observed state is a step the model allows, or no change",
};
export const NO_REJECTION: Claim = {
  name: 'no-unhandled-rejection',
  kind: 'always',
  doc: 'no task fails and no promise rejection goes unhandled',
};
/** The built-in every model has too (core/builtin.ts): for code, nothing can go while a task is unfinished. */
export { NO_DEADLOCK };
export const SETTLES: Claim = {
  name: 'settles',
  kind: 'progress',
  doc: 'every task finishes, with nothing pending, within the step budget',
};

interface Invariant extends Claim {
  check(state: unknown): Verdict;
}

/**
 * What one run has seen of the model's `sometimes` properties: which were reached, and the memory
 * of each witness of a run (one that remembers earlier states, as the core's runs carry it).
 */
export class Sightings {
  readonly reached = new Set<string>();
  readonly memory = new Map<string, unknown>();
}

export class Judge {
  readonly conformance: Conformance | null;
  /** The model bound to the variant's model variant and the run's parameters, if the system has a model. */
  readonly inst: Instance | null;
  readonly invariants: readonly Invariant[];
  readonly witnesses: readonly Witness[];
  readonly target: Claim | null;

  constructor(
    readonly system: System,
    readonly variant: string,
    params: Readonly<Record<string, number>>,
    target: string | undefined,
    /** Check no-deadlock (default true), as a model's `configure(…, { deadlock })`. */
    private readonly deadlock = true,
  ) {
    const spec = system.variants[variant];
    if (!spec) throw unknownName('variant', variant, Object.keys(system.variants), `of system "${system.name}"`);
    if (!system.model && Object.keys(params).length > 0)
      throw new RacehuntError('usage', `system "${system.name}" has no model, so it takes no --param`);
    this.inst = system.model
      ? configure(system.model, spec.model ?? Object.keys(system.model.variants)[0], params)
      : null;
    this.conformance = this.inst && spec.model !== undefined ? new Conformance(this.inst) : null;
    const inst = this.inst;
    const fromModel: Invariant[] = inst
      ? inst.model.properties.flatMap((p) =>
          p.kind === 'always'
            ? [{ name: p.name, kind: p.kind, doc: p.doc, check: (s: unknown) => p.check(s, inst.ctx) }]
            : [],
        )
      : [];
    const own = Object.entries(system.invariants ?? {}).map(([name, v]) => ({
      name,
      kind: 'always' as const,
      doc: v.doc,
      check: v.check,
    }));
    this.invariants = [...fromModel, ...own];
    // A witness that does not apply to this variant (its `applies` says so) is neither watched nor owed.
    this.witnesses = inst
      ? inst.model.properties.filter((p): p is Witness => p.kind === 'sometimes' && applies(inst, p))
      : [];
    const claims = this.claims();
    this.target = target === undefined ? null : (claims.find((c) => c.name === target) ?? null);
    if (target !== undefined && !this.target)
      throw unknownName(
        'invariant',
        target,
        claims.map((c) => c.name),
        `of system "${system.name}"`,
      );
  }

  /** Everything a run can be judged by, in the order findings are looked for. */
  claims(): Claim[] {
    const sometimes = this.witnesses.map((p) => ({ name: p.name, kind: p.kind, doc: p.doc }));
    return [
      ...(this.conformance ? [CONFORMS] : []),
      ...this.invariants.map(({ name, kind, doc }) => ({ name, kind, doc })),
      NO_REJECTION,
      ...(this.deadlock ? [NO_DEADLOCK] : []),
      SETTLES,
      ...sometimes,
    ];
  }

  wants(c: Claim): boolean {
    if (c === NO_DEADLOCK && !this.deadlock) return false;
    return this.target === null ? c.kind !== 'sometimes' : this.target.name === c.name;
  }

  /** The state right after setup: invariants must already hold. */
  initial(state: unknown, seen: Sightings): AsyncFinding | null {
    return this.invariantsOn(state, 0) ?? this.watch(state, seen, 0);
  }

  /**
   * After step j (states[j] is the state it left): which model step it was (when conformance is
   * checked or steps are being described), and the first finding, if any.
   */
  afterStep(
    states: readonly unknown[],
    j: number,
    issued: number,
    task: string,
    label: string,
    seen: Sightings,
    describing: boolean,
    changed: boolean,
  ): { model: ModelStep | 'stutter' | null | undefined; finding: AsyncFinding | null } {
    let model: ModelStep | 'stutter' | null | undefined;
    if (this.conformance && (describing || this.wants(CONFORMS)))
      model = changed ? this.conformance.match(states, j, issued, task) : 'stutter';
    // Nothing changed, nothing to judge: invariants held on this state already.
    if (!changed) return { model, finding: null };
    if (model === null && this.wants(CONFORMS) && this.conformance) {
      const before = states[j - 1];
      const changes = diff(before, states[j]).map(formatChange).join(', ');
      const allowed = this.conformance.allowed(before);
      const inst = this.conformance.inst;
      const closest = this.conformance.closest(before, states[j], task);
      const message = `${label} by ${task} (step ${j}) does not conform to model ${inst.model.name} / ${inst.variant}: it changed ${changes}, which no enabled step does${closest ? ` (${closest})` : ''}; in the model state after step ${j - 1} the model allowed ${allowed.length === 0 ? 'nothing' : allowed.join('; ')}`;
      return { model, finding: { property: CONFORMS, outcome: 'counterexample', message, atStep: j } };
    }
    return { model, finding: this.invariantsOn(states[j], j) ?? this.watch(states[j], seen, j) };
  }

  private invariantsOn(state: unknown, step: number): AsyncFinding | null {
    for (const p of this.invariants) {
      if (!this.wants(p)) continue;
      let v: Verdict;
      try {
        v = p.check(state);
      } catch (e) {
        throw new RacehuntError(
          'model-error',
          `system "${this.system.name}": invariant ${p.name} threw ${messageOf(e)} on the state after step ${step} (does the mapping fit it?)`,
        );
      }
      // A promise is no verdict (truthy, and its rejection would surface later as a second error).
      refusePromise(v, () => `system "${this.system.name}": invariant ${p.name}`);
      if (v !== true)
        return {
          property: { name: p.name, kind: p.kind, doc: p.doc },
          outcome: 'counterexample',
          message: typeof v === 'string' ? v : `${p.name} is false`,
          atStep: step,
        };
    }
    return null;
  }

  /** A witness observes every state that changed (a stutter is no model step), so its memory sees the run as the model does. */
  private watch(state: unknown, seen: Sightings, step: number): AsyncFinding | null {
    const inst = this.inst;
    if (!inst) return null;
    for (const w of this.witnesses) {
      if (seen.reached.has(w.name)) continue;
      let yes: boolean;
      try {
        const memory = seen.memory.has(w.name)
          ? monitorObserve(inst, w, seen.memory.get(w.name), state)
          : monitorStart(inst, w, state);
        if (w.memory) seen.memory.set(w.name, memory);
        yes = decide(inst, w, state, memory) !== null;
      } catch (e) {
        throw new RacehuntError(
          'model-error',
          `system "${this.system.name}": ${messageOf(e)}, on the state after step ${step}`,
        );
      }
      if (!yes) continue;
      seen.reached.add(w.name);
      const target = this.target;
      if (target?.name === w.name) return { property: target, outcome: 'witness', message: target.doc, atStep: step };
    }
    return null;
  }
}
