/**
 * What a hunt's search covered, so that a green hunt can be judged: runs, executed steps (mean and
 * longest run), distinct situations reached, how often each action ran, which actions were never
 * enabled or enabled but never taken, and in how many runs each `sometimes` property was reached.
 */
import type { Choice, Instance } from '../core/instance.ts';
import { applies } from '../core/judge.ts';
import type { AnyProperty } from '../core/model.ts';
import { Situations } from './situations.ts';

export interface Coverage {
  readonly runs: number;
  readonly steps: number;
  /** The most steps one run executed. */
  readonly longestRun: number;
  /** Distinct states reached (or situations, under the model's coverage abstraction). */
  readonly states: number;
  /** `states` is a lower bound: the set that tells them apart was full. */
  readonly statesCapped: boolean;
  /** How many times each action ran. */
  readonly actions: Readonly<Record<string, number>>;
  /** Actions whose guard never allowed them in any state the search reached. */
  readonly neverEnabled: readonly string[];
  /** Actions that were enabled somewhere but never taken. */
  readonly neverTaken: readonly string[];
  /** In how many runs each `sometimes` property was reached. */
  readonly reached: Readonly<Record<string, number>>;
}

/** A coverage being counted, step by step and run by run. */
export class CoverageCounter {
  runs = 0;
  steps = 0;
  private longest = 0;
  private readonly actions: Record<string, number> = {};
  private readonly reached: Record<string, number> = {};
  private readonly enabledOnce = new Set<string>();
  /** Choices of actions not yet seen enabled: each state visited is scanned for them only. */
  private unseen: Choice[];
  readonly situations: Situations;

  constructor(
    private readonly inst: Instance,
    target?: AnyProperty,
  ) {
    for (const a of inst.model.actions) this.actions[a.name] = 0;
    for (const p of inst.properties)
      if (p.kind === 'sometimes' && (p === target || applies(inst, p))) this.reached[p.name] = 0;
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
    this.runs++;
    this.steps += executed.length;
    if (executed.length > this.longest) this.longest = executed.length;
    for (const c of executed) this.actions[c.action.name] = (this.actions[c.action.name] ?? 0) + 1;
    for (const r of reached) this.reached[r] = (this.reached[r] ?? 0) + 1;
  }

  get value(): Coverage {
    // Actions with no arguments in this variant (an empty domain) do not exist here: not reported.
    const present = new Set(this.inst.allChoices().map((c) => c.action.name));
    const names = this.inst.model.actions.map((a) => a.name).filter((a) => present.has(a));
    return {
      runs: this.runs,
      steps: this.steps,
      longestRun: this.longest,
      states: this.situations.size,
      statesCapped: this.situations.full,
      actions: { ...this.actions },
      neverEnabled: names.filter((a) => !this.enabledOnce.has(a)),
      neverTaken: names.filter((a) => this.enabledOnce.has(a) && (this.actions[a] ?? 0) === 0),
      reached: { ...this.reached },
    };
  }
}
