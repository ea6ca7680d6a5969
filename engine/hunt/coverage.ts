/**
 * What a hunt's search covered, so that a green hunt can be judged: runs, executed steps, how often
 * each action ran, in how many runs each `sometimes` property was reached.
 */
import type { Choice, Instance } from '../core/instance.ts';

export interface Coverage {
  readonly runs: number;
  readonly steps: number;
  /** How many times each action ran. */
  readonly actions: Readonly<Record<string, number>>;
  /** In how many runs each `sometimes` property was reached. */
  readonly reached: Readonly<Record<string, number>>;
}

/** A coverage being counted, run by run. */
export class CoverageCounter {
  runs = 0;
  steps = 0;
  private readonly actions: Record<string, number> = {};
  private readonly reached: Record<string, number> = {};

  constructor(inst: Instance) {
    for (const a of inst.model.actions) this.actions[a.name] = 0;
    for (const p of inst.model.properties) if (p.kind === 'sometimes') this.reached[p.name] = 0;
  }

  count(executed: readonly Choice[], reached: Iterable<string>): void {
    this.runs++;
    this.steps += executed.length;
    for (const c of executed) this.actions[c.action.name] = (this.actions[c.action.name] ?? 0) + 1;
    for (const r of reached) this.reached[r] = (this.reached[r] ?? 0) + 1;
  }

  get value(): Coverage {
    return { runs: this.runs, steps: this.steps, actions: { ...this.actions }, reached: { ...this.reached } };
  }
}
