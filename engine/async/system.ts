/**
 * A system under schedule: asynchronous code (the user's own, unchanged) wired to in-memory fakes of
 * its I/O interfaces, which the harness wraps so that every awaited call becomes a pending operation
 * it completes when it chooses. The definition says how to build one run (`setup`), which variants
 * of options there are, and how to judge a run: the invariants of a racehunt model evaluated on a
 * mapping of the fakes' state (and conformance to the model's steps), or plain invariants.
 */
import { RacehuntError } from '../core/errors.ts';
import type { AnyModel, Params, Verdict } from '../core/model.ts';

/** What `setup` gets from the harness. */
export interface Harness {
  /**
   * Wrap a fake: every method call returns a promise that settles only when the harness completes
   * it, and the fake's method runs then, all at once. Arguments and results are copied, as across a
   * network. `participant` names the service in sequence diagrams ("Route53").
   */
  wrap<T extends object>(service: string, fake: T, options?: { readonly participant?: string }): T;
  /** Virtual time: `sleep` is a pending operation too; sleeps wake in deadline order. */
  readonly clock: VirtualClock;
  /** Start a task (an actor: "enactor 2"). Its calls are attributed to it, through its awaits. */
  spawn(task: string, run: () => Promise<unknown>): void;
}

export interface VirtualClock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

/** What a run hands back: how to read its state in the model's terms. */
export interface Running<S = unknown> {
  /** The mapping from the fakes' (and actors') state to a model state, or to any plain data the invariants read. */
  observe?(): S;
}

export interface SystemVariant<O> {
  readonly doc: string;
  readonly options: O;
  /** The model variant this one must conform to (and whose invariants it must keep). */
  readonly model?: string;
}

/** One completed call, for a step's description. */
export interface CallInfo {
  readonly task: string;
  readonly service: string;
  readonly method: string;
  readonly args: readonly unknown[];
  readonly result?: unknown;
  readonly error?: unknown;
  readonly failed: boolean;
  /** Virtual time when it completed. */
  readonly now: number;
}

/** Plain invariants for systems without a model: true, or a message with values. */
export type Invariants<S = unknown> = Readonly<
  Record<string, { readonly doc: string; readonly check: (state: S) => Verdict }>
>;

export interface SystemDef<O, S = unknown> {
  /** Lower-case words joined by "-": how traces are filed (shrunk-traces/<name>/…). */
  readonly name: string;
  readonly title: string;
  readonly variants: Readonly<Record<string, SystemVariant<O>>>;
  /** The model whose invariants run on `observe()` and whose steps each operation must conform to. */
  readonly model?: AnyModel;
  readonly invariants?: Invariants<S>;
  setup(
    harness: Harness,
    run: { readonly options: O; readonly params: Params; readonly variant: string },
  ): Running<S> | void;
  /** A step's description in the code's words; default: `service.method(args) → result`. */
  describe?(call: CallInfo): string | undefined;
}

export interface System extends SystemDef<unknown, unknown> {
  readonly racehunt: 'system';
}

const NAME = /^[a-z][a-z0-9-]*$/;

export function defineSystem<O, S = unknown>(def: SystemDef<O, S>): System {
  const bad = (what: string) => new RacehuntError('bad-model', `system "${def.name}": ${what}`);
  if (!NAME.test(def.name)) throw bad('its name must be lower-case words joined by "-"');
  const names = Object.keys(def.variants);
  if (names.length === 0) throw bad('it needs at least one variant');
  for (const [v, spec] of Object.entries(def.variants)) {
    if (!NAME.test(v)) throw bad(`variant name "${v}" must be lower-case words joined by "-"`);
    if (spec.model !== undefined && !def.model)
      throw bad(`variant ${v} names model variant "${spec.model}" but the system has no model`);
    if (spec.model !== undefined && def.model && !(spec.model in def.model.variants))
      throw bad(`variant ${v} names model variant "${spec.model}", which model "${def.model.name}" does not have`);
  }
  if (!def.model && !def.invariants) throw bad('give it a model (invariants and conformance) or invariants');
  // The one cast: a system's options and state types are its own; the harness only hands them back.
  return Object.freeze({ ...(def as unknown as SystemDef<unknown, unknown>), racehunt: 'system' as const });
}

export function isSystem(x: unknown): x is System {
  return typeof x === 'object' && x !== null && (x as { racehunt?: unknown }).racehunt === 'system';
}
