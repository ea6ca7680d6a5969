/**
 * What a search covered, so that a green one can be judged: runs, executed steps (mean and longest
 * run), distinct states reached, how often each action ran, and in how many runs each `sometimes`
 * property was reached. One counter for a hunt's runs of a model and a schedule search's runs of
 * code (RunCounter; async/search.ts adds how runs ended, the model steps matched and preemptions);
 * a model's adds which actions were never enabled, or enabled but never taken.
 */
import type { Choice, Instance } from '../core/instance.ts';
import { applies } from '../core/judge.ts';
import type { AnyProperty, PropertyKind } from '../core/model.ts';
import { Situations } from './situations.ts';

/** What every search counts, of a model or of code. */
export interface RunCounts {
  readonly runs: number;
  readonly steps: number;
  /** The most steps one run executed. */
  readonly longestRun: number;
  /** Distinct states reached (or situations, under the model's coverage abstraction). */
  readonly states: number;
  /** How many times each action ran (for code, each operation: `route53.getEndpoint`). */
  readonly actions: Readonly<Record<string, number>>;
  /** In how many runs each `sometimes` property was reached. */
  readonly reached: Readonly<Record<string, number>>;
}

export interface Coverage extends RunCounts {
  /** `states` is a lower bound: the set that tells them apart was full. */
  readonly statesCapped: boolean;
  /** Actions whose guard never allowed them in any state the search reached. */
  readonly neverEnabled: readonly string[];
  /** Actions that were enabled somewhere but never taken. */
  readonly neverTaken: readonly string[];
}

/** Runs being counted, as every search counts them. */
export class RunCounter {
  runs = 0;
  steps = 0;
  private longest = 0;
  protected readonly actions: Record<string, number> = {};
  protected readonly reached: Record<string, number> = {};

  /** `actions` start at 0 (a model's, known in advance); `sometimes`: the properties owed. */
  constructor(actions: Iterable<string>, sometimes: Iterable<string>) {
    for (const a of actions) this.actions[a] = 0;
    for (const p of sometimes) this.reached[p] = 0;
  }

  /** A run ended: the action of each step it executed (its own, not a prefix it started from) and what it reached. */
  countRun(actions: readonly string[], reached: Iterable<string>): void {
    this.runs++;
    this.steps += actions.length;
    if (actions.length > this.longest) this.longest = actions.length;
    for (const a of actions) this.actions[a] = (this.actions[a] ?? 0) + 1;
    for (const r of reached) this.reached[r] = (this.reached[r] ?? 0) + 1;
  }

  /**
   * The `sometimes` properties a green search owes and never reached: every one, or, when it
   * looked for one of them, that one (a green run with any of these proves little).
   */
  unreached(
    target: { readonly name: string; readonly kind: PropertyKind } | null | undefined,
    /** Reached by another phase of the search (a hunt's breadth-first phase). */
    reachedBefore: readonly string[] = [],
  ): string[] {
    return Object.entries(this.reached)
      .filter(
        ([name, n]) =>
          n === 0 && !reachedBefore.includes(name) && (target?.kind !== 'sometimes' || target.name === name),
      )
      .map(([name]) => name);
  }

  protected counts(states: number): RunCounts {
    return {
      runs: this.runs,
      steps: this.steps,
      longestRun: this.longest,
      states,
      actions: { ...this.actions },
      reached: { ...this.reached },
    };
  }
}

/** A model's coverage being counted, step by step and run by run. */
export class CoverageCounter extends RunCounter {
  private readonly enabledOnce = new Set<string>();
  /** Choices of actions not yet seen enabled: each state visited is scanned for them only. */
  private unseen: Choice[];
  readonly situations: Situations;

  constructor(
    private readonly inst: Instance,
    target?: AnyProperty,
  ) {
    super(
      inst.model.actions.map((a) => a.name),
      inst.properties.filter((p) => p.kind === 'sometimes' && (p === target || applies(inst, p))).map((p) => p.name),
    );
    this.unseen = [...inst.allChoices()];
    this.situations = new Situations(inst);
    this.visit(inst.initial());
  }

  /** A state the search reached; true when its situation is new. */
  visit(state: unknown): boolean {
    if (this.unseen.length > 0) {
      const now = this.unseen.filter((c) => this.inst.enabled(state, c)).map((c) => c.action.name);
      if (now.length > 0) {
        for (const a of now) this.enabledOnce.add(a);
        this.unseen = this.unseen.filter((c) => !this.enabledOnce.has(c.action.name));
      }
    }
    return this.situations.add(state);
  }

  /** A run ended: the steps it executed (its own, not a prefix it started from) and what it reached. */
  count(executed: readonly Choice[], reached: Iterable<string>): void {
    this.countRun(
      executed.map((c) => c.action.name),
      reached,
    );
  }

  get value(): Coverage {
    // Actions with no arguments in this variant (an empty domain) do not exist here: not reported.
    const present = new Set(this.inst.allChoices().map((c) => c.action.name));
    const names = this.inst.model.actions.map((a) => a.name).filter((a) => present.has(a));
    const c = this.counts(this.situations.size);
    return {
      runs: c.runs,
      steps: c.steps,
      longestRun: c.longestRun,
      states: c.states,
      statesCapped: this.situations.full,
      actions: c.actions,
      neverEnabled: names.filter((a) => !this.enabledOnce.has(a)),
      neverTaken: names.filter((a) => this.enabledOnce.has(a) && (this.actions[a] ?? 0) === 0),
      reached: c.reached,
    };
  }
}
