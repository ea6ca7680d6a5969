/**
 * A step as a trace records it: the actor, the action and argument, the description (which sees
 * the states before and after) and every field that changed, with the value it had before.
 */
import { enablePatches, produceWithPatches, type Patch } from 'immer';
import type { Actors } from './actors.ts';
import type { Culprits } from './culprit.ts';
import type { Choice, Stepper } from './stepper.ts';

enablePatches();

/** A field that a step changed: an immer patch plus the value it had before. */
export interface Change {
  readonly op: 'replace' | 'add' | 'remove';
  readonly path: readonly (string | number)[];
  readonly from?: unknown;
  readonly to?: unknown;
}

/** One step as a trace records it: who acted, what, in words, and what changed. */
export interface StepRecord {
  readonly actor: string;
  readonly action: string;
  readonly arg: unknown;
  readonly description: string;
  /** The participant the step talks to in a sequence diagram, if the action names one. */
  readonly target: string | null;
  readonly changes: readonly Change[];
}

export interface Recording {
  describe(before: unknown, c: Choice, after: unknown): string;
  /** Take a step and describe it as a trace records it (the description sees both states). */
  record(state: unknown, c: Choice): { state: unknown; step: StepRecord };
}

export function bindRecording(steps: Stepper, actors: Actors, { wrap }: Culprits): Recording {
  const { ctx } = steps;
  const describe = (before: unknown, c: Choice, after: unknown): string => {
    try {
      return c.action.describe(before, c.arg, after, ctx);
    } catch (e) {
      throw wrap(c, 'description', e);
    }
  };
  const withChanges = (state: unknown, c: Choice): { state: unknown; changes: Change[] } => {
    try {
      const [next, patches, inverse] = produceWithPatches(state, (draft) => {
        steps.step(draft, c);
      });
      return { state: next, changes: toChanges(patches, inverse) };
    } catch (e) {
      throw wrap(c, 'step', e);
    }
  };
  const record = (state: unknown, c: Choice): { state: unknown; step: StepRecord } => {
    const actor = actors.actor(c); // checked before the description, which by default reads it
    const r = withChanges(state, c);
    const description = describe(state, c, r.state);
    let target: string | undefined;
    try {
      target = c.action.target(c.arg, ctx);
    } catch (e) {
      throw wrap(c, 'target', e);
    }
    return {
      state: r.state,
      step: {
        actor,
        action: c.action.name,
        arg: c.arg,
        description: String(description),
        target: target ?? null,
        changes: r.changes,
      },
    };
  };
  return { describe, record };
}

/**
 * immer gives patches and inverse patches in matching order for plain objects and arrays; pairing
 * them gives each change its old value, which is what a reader of a trace wants ("plan 19 → 17").
 */
function toChanges(patches: readonly Patch[], inverse: readonly Patch[]): Change[] {
  const before = new Map<string, unknown>();
  for (const p of inverse) if (p.op !== 'remove') before.set(JSON.stringify(p.path), p.value);
  return patches.map((p) => {
    const key = JSON.stringify(p.path);
    const change: { op: Change['op']; path: (string | number)[]; from?: unknown; to?: unknown } = {
      op: p.op,
      path: [...p.path],
    };
    if (before.has(key)) change.from = before.get(key);
    if (p.op !== 'remove') change.to = p.value;
    return change;
  });
}
