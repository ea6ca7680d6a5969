/**
 * One scheduled run. The system's fakes are wrapped so that every awaited call becomes a pending
 * operation; after setup, and after each step, the harness lets every continuation run (a macrotask
 * boundary drains all microtasks), so the code is always parked on operations only the harness can
 * complete. Then the chooser picks one enabled operation, the harness performs it (the fake's
 * method runs now, all at once) and settles the caller's promise, and the run is judged again.
 *
 * Enabled: every pending call (a call may take any time, so any may come first), and the pending
 * sleeps with the earliest deadline (virtual time: sleeps wake in deadline order, and waking one
 * moves the clock to its deadline). Nothing is enabled and a task is unfinished: deadlock.
 *
 * Whether the code settles is judged as the model's `recovers` is: when the schedule ends (its step
 * budget spent, or a replayed schedule run out) with work pending, the tasks go on under a fair
 * round-robin for as many steps again; a task that keeps retrying because a stalled one holds its
 * lock then gets its turn, and what still has not finished is a finding. Without the `settles`
 * check the run just ends there.
 */
import { RacehuntError, messageOf } from '../core/errors.ts';
import type { AsyncFinding, Judge } from './checks.ts';
import { CONFORMS, NO_DEADLOCK, NO_REJECTION, SETTLES, Sightings } from './checks.ts';
import type { ModelStep } from './conformance.ts';
import { clonePlain, copyAcross, same } from './data.ts';
import { drain, guard, taskContext, type Escape } from './guards.ts';
import type { Turn } from './path.ts';
import type { Chooser, Pending } from './strategies.ts';
import type { Harness, Running, System } from './system.ts';

export interface Op extends Pending {
  readonly service: string;
  readonly method: string;
  readonly args: readonly unknown[];
  /** The participant it talks to in a sequence diagram, or null. */
  readonly participant: string | null;
  /** Sleeps: when it wakes. */
  readonly deadline: number;
  /** Steps completed when it was issued: the start of its interval (conformance.ts). */
  readonly issuedAt: number;
}

interface LiveOp extends Op {
  perform(): unknown;
  resolve(v: unknown): void;
  reject(e: unknown): void;
}

export interface ScheduledStep {
  readonly index: number;
  readonly op: Op;
  readonly choice: Turn;
  /** Lanes that had an enabled operation when this one was chosen (to count preemptions). */
  readonly enabledLanes: readonly number[];
  readonly outcome: { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: unknown };
  /** Virtual time after the step. */
  readonly now: number;
  /** The observed state after the step (null without a mapping). */
  readonly state: unknown;

  /** The model step it was, when conformance was checked. */
  readonly model: ModelStep | 'stutter' | null | undefined;
}

export type RunEnd =
  | { readonly kind: 'finding'; readonly finding: AsyncFinding }
  /** Every task finished. */
  | { readonly kind: 'settled' }
  /** The chooser ended the run (a replayed schedule ran out, or diverged). */
  | { readonly kind: 'stopped' }
  | { readonly kind: 'max-steps' }
  | { readonly kind: 'deadlock' };

export interface RunRecord {
  readonly tasks: readonly string[];
  /** The step from which the fair round-robin ran (null if it did not): the steps before are the schedule's. */
  readonly fairFrom: number | null;
  readonly initial: unknown;
  readonly steps: readonly ScheduledStep[];
  readonly end: RunEnd;
  /** What was still pending when the run ended. */
  readonly pending: readonly Op[];
  readonly reached: ReadonlySet<string>;
}

export interface RunPlan {
  readonly system: System;
  readonly variant: string;
  readonly params: Readonly<Record<string, number>>;
  readonly judge: Judge;
  readonly chooser: Chooser;
  readonly maxSteps: number;
  /** Match every step to its model step (for a trace's descriptions), even when conformance is not judged. */
  readonly describing?: boolean;
  /** Check and copy every observed state (the first runs of a search, recordings, and whenever model steps run on it). */
  readonly validate?: boolean;
}

const isThenable = (x: unknown): x is PromiseLike<unknown> =>
  (typeof x === 'object' || typeof x === 'function') &&
  x !== null &&
  typeof (x as { then?: unknown }).then === 'function';

export async function runOnce(plan: RunPlan): Promise<RunRecord> {
  return new ScheduledRun(plan).execute();
}

class ScheduledRun {
  private readonly pending: LiveOp[] = [];
  private readonly tasks: {
    name: string;
    state: 'running' | 'done' | 'failed';
    error?: unknown;
    reported?: boolean;
  }[] = [];
  private readonly steps: ScheduledStep[] = [];
  private readonly states: unknown[] = [];
  private readonly seen = new Sightings();
  private readonly rejections: unknown[] = [];
  private escaped: Escape | null = null;
  private outside: string | null = null;
  private ids = 0;
  private now = 0;
  private fairFrom: number | null = null;
  private running: Running | void = undefined;

  private readonly copying: boolean;

  constructor(private readonly plan: RunPlan) {
    const j = plan.judge;
    this.copying =
      plan.validate === true || (j.conformance !== null && (plan.describing === true || j.wants(CONFORMS)));
  }

  async execute(): Promise<RunRecord> {
    const { system, variant, params, judge } = this.plan;
    const patched = guard(
      (e) => void (this.escaped ??= e),
      (r) => void this.rejections.push(r),
      system.name,
    );
    try {
      try {
        this.running = system.setup(this.harness(), { options: system.variants[variant]!.options, params, variant });
      } catch (e) {
        throw new RacehuntError('bad-model', `system "${system.name}" (${variant}): setup threw ${messageOf(e)}`);
      }
      await drain();
      this.checkEscapes(0);
      this.states.push(this.observe(0, null));
      const first = judge.initial(this.states[0], this.seen);
      if (first) return this.end({ kind: 'finding', finding: first });
      for (;;) {
        const problem = this.taskProblems();
        if (problem) return this.end({ kind: 'finding', finding: problem });
        const enabled = this.enabled();
        if (enabled.length === 0) {
          const waiting = this.tasks.filter((t) => t.state === 'running').map((t) => t.name);
          if (waiting.length === 0) return this.end({ kind: 'settled' });
          if (!judge.wants(NO_DEADLOCK)) return this.end({ kind: 'deadlock' });
          const message = `nothing can run, but ${list(waiting)} ${waiting.length === 1 ? 'has' : 'have'} not finished: ${waiting.length === 1 ? 'it waits' : 'they wait'} for something no scheduled operation settles`;
          return this.end({
            kind: 'finding',
            finding: { property: NO_DEADLOCK, outcome: 'counterexample', message, atStep: this.steps.length },
          });
        }
        if (this.fairFrom === null && this.steps.length >= this.plan.maxSteps) {
          if (!judge.wants(SETTLES)) return this.end({ kind: 'max-steps' });
          this.fairFrom = this.steps.length;
        }
        if (this.fairFrom !== null && this.steps.length >= this.fairFrom + this.plan.maxSteps) {
          const message = `not settled: after the schedule's ${this.fairFrom} steps and ${this.plan.maxSteps} more under a fair round-robin, still pending ${this.pending.map(describePending).join(', ')}`;
          return this.end({
            kind: 'finding',
            finding: { property: SETTLES, outcome: 'counterexample', message, atStep: this.steps.length },
          });
        }
        let i =
          this.fairFrom === null
            ? this.plan.chooser.choose(enabled, this.steps.length, this.tasks.length)
            : this.roundRobin(enabled);
        if (i < 0 && judge.wants(SETTLES)) {
          this.fairFrom = this.steps.length;
          i = this.roundRobin(enabled);
        }
        if (i < 0 || i >= enabled.length) return this.end({ kind: 'stopped' });
        const finding = await this.take(enabled, i);
        if (finding) return this.end({ kind: 'finding', finding });
      }
    } finally {
      patched.restore();
    }
  }

  private harness(): Harness {
    return {
      wrap: (service, fake, options = {}) => this.wrap(service, fake, options.participant ?? null),
      clock: { now: () => this.now, sleep: (ms) => this.sleep(ms) },
      spawn: (task, run) => this.spawn(task, run),
    };
  }

  private wrap<T extends object>(service: string, fake: T, participant: string | null): T {
    const cache = new Map<string, (...args: unknown[]) => Promise<unknown>>();
    return new Proxy(fake, {
      get: (target, prop, receiver) => {
        const v: unknown = Reflect.get(target, prop, receiver);
        if (typeof v !== 'function' || typeof prop !== 'string') return v;
        let f = cache.get(prop);
        if (!f) {
          f = (...args: unknown[]) =>
            this.issue('call', service, prop, participant, copyAcross(args), 0, (copied) =>
              (v as (...a: unknown[]) => unknown).apply(target, copied as unknown[]),
            );
          cache.set(prop, f);
        }
        return f;
      },
    });
  }

  private sleep(ms: number): Promise<void> {
    if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0) {
      this.outside ??= `clock.sleep(${String(ms)}): a sleep takes a finite number of milliseconds ≥ 0`;
      return new Promise(() => {});
    }
    return this.issue('sleep', 'clock', 'sleep', null, [ms], this.now + ms, () => undefined) as Promise<void>;
  }

  private issue(
    kind: 'call' | 'sleep',
    service: string,
    method: string,
    participant: string | null,
    args: readonly unknown[],
    deadline: number,
    perform: (args: readonly unknown[]) => unknown,
  ): Promise<unknown> {
    const ctx = taskContext.getStore();
    if (!ctx) {
      this.outside ??= `${service}.${method} was called outside any spawned task (seed fakes directly in setup; make calls from tasks)`;
      return new Promise(() => {});
    }
    return new Promise((resolve, reject) => {
      this.pending.push({
        id: this.ids++,
        lane: ctx.lane,
        task: ctx.task,
        kind,
        label: `${service}.${method}`,
        service,
        method,
        args,
        participant,
        deadline,
        issuedAt: this.steps.length,
        perform: () => perform(args),
        resolve,
        reject,
      });
    });
  }

  private spawn(task: string, run: () => Promise<unknown>): void {
    const lane = this.tasks.length;
    const name = this.tasks.some((t) => t.name === task) ? `${task} (${lane})` : task;
    const info: (typeof this.tasks)[number] = { name, state: 'running' };
    this.tasks.push(info);
    const p = taskContext.run({ task: name, lane }, () => {
      try {
        return Promise.resolve(run());
      } catch (e) {
        return Promise.reject(e);
      }
    });
    p.then(
      () => void (info.state = 'done'),
      (e: unknown) => {
        info.state = 'failed';
        info.error = e;
      },
    );
  }

  /** The fair tail: the next task after the last one that went, in lane order, that can go. */
  private roundRobin(enabled: readonly LiveOp[]): number {
    const last = this.steps[this.steps.length - 1]?.op.lane ?? -1;
    let best = -1;
    for (let i = 0; i < enabled.length; i++) {
      const after = (enabled[i]!.lane - last - 1 + this.tasks.length) % Math.max(1, this.tasks.length);
      const b =
        best < 0 ? Infinity : (enabled[best]!.lane - last - 1 + this.tasks.length) % Math.max(1, this.tasks.length);
      if (after < b) best = i;
    }
    return best;
  }

  private enabled(): LiveOp[] {
    let earliest = Infinity;
    for (const p of this.pending) if (p.kind === 'sleep' && p.deadline < earliest) earliest = p.deadline;
    return this.pending
      .filter((p) => p.kind === 'call' || p.deadline === earliest)
      .sort((a, b) => a.lane - b.lane || a.id - b.id);
  }

  /** Complete enabled[i], let the code run, observe and judge. */
  private async take(enabled: readonly LiveOp[], i: number): Promise<AsyncFinding | null> {
    const op = enabled[i]!;
    this.pending.splice(this.pending.indexOf(op), 1);
    const sameLane = enabled.filter((o) => o.lane === op.lane);
    const choice = { lane: op.lane, k: sameLane.indexOf(op) };
    const enabledLanes = [...new Set(enabled.map((o) => o.lane))];
    const index = this.steps.length + 1;
    let outcome: ScheduledStep['outcome'] | null = null;
    if (op.kind === 'sleep') {
      this.now = Math.max(this.now, op.deadline);
      op.resolve(undefined);
      outcome = { ok: true, value: undefined };
    } else {
      try {
        const r = op.perform();
        if (isThenable(r)) {
          r.then(
            (v) => {
              outcome = { ok: true, value: v };
              op.resolve(copyAcross(v));
            },
            (e: unknown) => {
              outcome = { ok: false, error: e };
              op.reject(e);
            },
          );
        } else {
          outcome = { ok: true, value: r };
          op.resolve(copyAcross(r));
        }
      } catch (e) {
        outcome = { ok: false, error: e };
        op.reject(e);
      }
    }
    await drain();
    if (outcome === null) {
      throw new RacehuntError(
        'bad-model',
        `system "${this.plan.system.name}": ${op.label} (called by ${op.task}, step ${index}) never settled: a fake's method must finish on its own, without real I/O or timers`,
      );
    }
    this.checkEscapes(index);
    const state = this.observe(index, op);
    const before = this.states[this.states.length - 1];
    const changed = !same(before, state);
    // An unchanged state is the same state: keep one object, so that later comparisons are identity.
    this.states.push(changed ? state : before);
    this.plan.chooser.observe?.(op, changed);
    const judged = this.plan.judge.afterStep(
      this.states,
      index,
      op.issuedAt,
      op.task,
      op.label,
      this.seen,
      this.plan.describing === true,
      changed,
    );
    this.steps.push({
      index,
      op: strip(op),
      choice,
      enabledLanes,
      outcome,
      now: this.now,
      state: this.states[index],
      model: judged.model,
    });
    return judged.finding;
  }

  private observe(step: number, op: Op | null): unknown {
    if (!this.running || !this.running.observe) return null;
    let s: unknown;
    const where = op ? `after step ${step} (${op.task}: ${op.label})` : 'right after setup';
    try {
      s = this.running.observe();
    } catch (e) {
      throw new RacehuntError(
        'bad-model',
        `system "${this.plan.system.name}": its mapping (observe) threw ${messageOf(e)} ${where}`,
      );
    }
    // A copy, checked: the model's steps (immer) freeze what they are given, and the fakes' data must
    // stay theirs. Searching for an invariant alone, once the first runs were checked, the mapping's
    // fresh data is used as it is: the copy is a third of a step's cost.
    if (!this.copying) return s;
    try {
      return clonePlain(
        s,
        (at, what) =>
          new RacehuntError(
            'bad-model',
            `system "${this.plan.system.name}": its mapping (observe) returned ${at} = ${what} ${where}; a mapped state must be plain data`,
          ),
      );
    } catch (e) {
      if (e instanceof RacehuntError) throw e;
      // A getter in the mapped state threw while it was read.
      throw new RacehuntError(
        'bad-model',
        `system "${this.plan.system.name}": its mapping (observe) returned a state that threw ${messageOf(e)} when read ${where}; a mapped state must be plain data`,
      );
    }
  }

  private checkEscapes(step: number): void {
    const at = step === 0 ? 'during setup' : `at step ${step}`;
    if (this.escaped)
      throw new RacehuntError(
        'bad-model',
        `system "${this.plan.system.name}": ${this.escaped.task} called ${this.escaped.what} under the scheduler ${at}; real timers and I/O escape the schedule: wait with the harness's clock and call only wrapped fakes`,
      );
    if (this.outside)
      throw new RacehuntError('bad-model', `system "${this.plan.system.name}": ${this.outside} (${at})`);
  }

  private taskProblems(): AsyncFinding | null {
    const judge = this.plan.judge;
    const failed = this.tasks.find((t) => t.state === 'failed' && !t.reported);
    if (failed) failed.reported = true;
    const reason = failed
      ? `${failed.name}'s task failed: ${messageOf(failed.error)}`
      : this.rejections.length > 0
        ? `a promise rejection went unhandled: ${messageOf(this.rejections.shift())}`
        : null;
    if (reason === null || !judge.wants(NO_REJECTION)) return null;
    return { property: NO_REJECTION, outcome: 'counterexample', message: reason, atStep: this.steps.length };
  }

  private end(end: RunEnd): RunRecord {
    return {
      tasks: this.tasks.map((t) => t.name),
      fairFrom: this.fairFrom,
      initial: this.states[0] ?? null,
      steps: this.steps,
      end,
      pending: this.pending.map(strip),
      reached: this.seen.reached,
    };
  }
}

function strip(op: Op): Op {
  const { id, lane, task, kind, label, service, method, args, participant, deadline, issuedAt } = op;
  return { id, lane, task, kind, label, service, method, args, participant, deadline, issuedAt };
}

function describePending(op: Op): string {
  return op.kind === 'sleep'
    ? `${op.task}: clock.sleep until t=${op.deadline}`
    : `${op.task}: ${op.label}(${op.args.map((a) => JSON.stringify(a) ?? 'undefined').join(', ')})`;
}

const list = (names: readonly string[]) =>
  names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
