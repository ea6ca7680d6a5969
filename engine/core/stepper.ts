/**
 * The stepping contract: what the searches (the explorer and the hunt) need of a configured model,
 * and the choice a scheduler makes. Types only, apart from instance.ts, so that the pieces that
 * build an Instance (steps.ts, actors.ts, record.ts, culprit.ts) depend on the contract and not on
 * the file that composes them.
 */
import type { AnyAction, AnyCtx, AnyModel, AnyProperty, Arg, Params } from './model.ts';

/** One (action, argument) pair: what a scheduler chooses and a trace records. */
export interface Choice {
  readonly action: AnyAction;
  readonly arg: Arg;
}

/** The stepping contract: what a search needs of a configured model. */
export interface Stepper {
  readonly model: AnyModel;
  readonly ctx: AnyCtx;
  readonly params: Params;
  readonly variant: string;
  /** The model's properties, then the built-in ones (builtin.ts): what "every property" means. */
  readonly properties: readonly AnyProperty[];
  initial(): unknown;
  /** Every initial state, checked and frozen, its sets in canonical order; the first is initial(). */
  initials(): readonly unknown[];
  /** Is this state in the model: inside its `constraint` (TLC's CONSTRAINT), when it has one? */
  inModel(state: unknown): boolean;
  /** Every possible choice, enabled or not, in declaration order. */
  allChoices(): readonly Choice[];
  /** The enabled choices, in declaration order. */
  choices(state: unknown): Choice[];
  enabled(state: unknown, c: Choice): boolean;
  /**
   * The indices (into allChoices()) of the choices enabled in a state, in order, written to `out`
   * (as long as allChoices()); returns how many. What `enabled` says of each, in one call: the
   * explorer asks it of every state.
   */
  enabledInto(state: unknown, out: Int32Array): number;
  /** The next state, through immer (frozen, like every state a hunt sees). */
  next(state: unknown, c: Choice): unknown;
  /**
   * Run a step in place on an immer draft or on a plain, mutable tree (the explorer's copies, a
   * fast stepper: explore/stepper.ts).
   */
  step(draft: unknown, c: Choice): void;
  /** Is this a declared end state (the protocol is done)? */
  isEnd(state: unknown): boolean;
  /** The representative of a state's symmetry class (the model's canonical), or undefined without one. */
  readonly canonical: ((state: unknown) => unknown) | undefined;
  /** `culprit` for messages: `model "dns" (as-2025): action enactorPicksLatestPlan(2)`. */
  culprit(c: Choice): string;
  property(name: string): AnyProperty;
  action(name: string): AnyAction;
}
