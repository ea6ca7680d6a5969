/**
 * Conformance to the model, as TLA+ trace validation and P's PObserve check a log against a
 * specification: after each completed operation, the change it made to the observed (mapped) state
 * must be one step the model allows (an enabled action, with some argument, takes the state before
 * to the state after) or no change at all.
 *
 * One relaxation, the one linearizability makes: an operation takes effect at some instant between
 * the call and its return, not necessarily at the return. An enactor that reads Route53 and then
 * claims the latest plan decides on what it read a moment ago; if the model's atomic "pick up the
 * latest plan, after a one-time check" does not fit the state at the return, the checker tries the
 * earlier instants since the call was issued, moving the operation's change there and re-checking
 * every step in between. Anything else is a "does not conform" finding.
 */
import { RacehuntError, messageOf } from '../core/errors.ts';
import type { Choice, Instance } from '../core/instance.ts';
import { formatChange, formatPath, formatValue } from '../render/format.ts';
import { applyChanges, diff, same } from './data.ts';

export interface ModelStep {
  readonly action: string;
  readonly arg: unknown;
  readonly description: string;
  /** Set when the operation took effect before it returned: the step after which it did. */
  readonly asOf: number | null;
}

export class Conformance {
  constructor(readonly inst: Instance) {}

  /** The enabled model step that takes `from` to `to`, the acting task's own actions first. */
  stepBetween(from: unknown, to: unknown, actor: string | null): Choice | null {
    const enabled = this.guarded(() => this.inst.choices(from));
    const mine =
      actor === null
        ? enabled
        : [
            ...enabled.filter((c) => this.inst.actor(c) === actor),
            ...enabled.filter((c) => this.inst.actor(c) !== actor),
          ];
    for (const c of mine)
      if (
        same(
          this.guarded(() => this.inst.next(from, c)),
          to,
        )
      )
        return c;
    return null;
  }

  /**
   * Step j's change (states[j-1] → states[j]), made by an operation issued after step `issued`:
   * 'stutter' for no change, the model step it is, or null when it conforms to none.
   */
  match(states: readonly unknown[], j: number, issued: number, actor: string): ModelStep | 'stutter' | null {
    const before = states[j - 1];
    const after = states[j];
    if (same(before, after)) return 'stutter';
    const now = this.stepBetween(before, after, actor);
    if (now) return this.describe(now, before, after, null);
    const change = diff(before, after);
    // Latest instant first: the fewest steps to re-check.
    for (let k = j - 2; k >= issued; k--) {
      const moved = applyChanges(states[k], change);
      if (moved === null) continue;
      const c = this.stepBetween(states[k], moved, actor);
      if (!c) continue;
      if (this.stillSteps(states, change, k, j)) return this.describe(c, states[k], moved, k);
    }
    return null;
  }

  /** With `change` made after step k, is every later step up to j-1 still a model step (or none)? */
  private stillSteps(states: readonly unknown[], change: ReturnType<typeof diff>, k: number, j: number): boolean {
    let prev = applyChanges(states[k], change);
    for (let m = k + 1; m <= j - 1; m++) {
      const cur = applyChanges(states[m], change);
      if (prev === null || cur === null) return false;
      if (!same(prev, cur) && !this.stepBetween(prev, cur, null)) return false;
      prev = cur;
    }
    return true;
  }

  /** What the model allowed in a state: each enabled step, described, with what it would change. */
  allowed(state: unknown): string[] {
    return this.guarded(() =>
      this.inst.choices(state).map((c) => {
        const next = this.inst.next(state, c);
        const changes = diff(state, next).map(formatChange).join(', ');
        return `${c.action.name}${c.arg === undefined ? '' : `(${JSON.stringify(c.arg)})`}: ${this.inst.describe(state, c, next)} [${changes || 'no change'}]`;
      }),
    );
  }

  /**
   * The enabled step closest to what happened (fewest fields set differently), and how the
   * operation differs from it: "route53[0].replaced: the model leaves 1, the code made it 2".
   */
  closest(before: unknown, after: unknown, actor: string): string | null {
    const enabled = this.guarded(() => this.inst.choices(before));
    let best: { c: Choice; next: unknown; off: ReturnType<typeof diff> } | null = null;
    for (const c of [
      ...enabled.filter((x) => this.inst.actor(x) === actor),
      ...enabled.filter((x) => this.inst.actor(x) !== actor),
    ]) {
      const next = this.guarded(() => this.inst.next(before, c));
      const off = diff(next, after);
      if (!best || off.length < best.off.length) best = { c, next, off };
    }
    if (!best) return null;
    const how = best.off
      .map(
        (o) =>
          `${formatPath(o.path)}: the model ${o.op === 'add' ? 'has none' : `has ${formatValue(o.from)}`}, the code ${o.op === 'remove' ? 'has none' : `made it ${formatValue(o.to)}`}`,
      )
      .join('; ');
    return `closest: ${best.c.action.name}${best.c.arg === undefined ? '' : `(${JSON.stringify(best.c.arg)})`}, "${this.guarded(() => this.inst.describe(before, best.c, best.next))}", which differs in ${how}`;
  }

  private describe(c: Choice, before: unknown, after: unknown, asOf: number | null): ModelStep {
    return {
      action: c.action.name,
      arg: c.arg ?? null,
      description: this.guarded(() => this.inst.describe(before, c, after)),
      asOf,
    };
  }

  private guarded<T>(f: () => T): T {
    try {
      return f();
    } catch (e) {
      const msg = messageOf(e);
      throw new RacehuntError('model-error', `the mapped state does not fit model "${this.inst.model.name}": ${msg}`);
    }
  }
}
