/**
 * `recovers` on every reachable state, fast. The engine's recovery check (core/fair.ts) runs
 * a deterministic fair round-robin from a state for up to `within` steps; run from each of millions
 * of states it would dominate the search. But the schedule is deterministic, so the number of
 * steps it takes to reach the goal from (state, whose turn it is) is a function of that pair, and
 * the schedules from nearby states soon run into each other: remembering that number for every
 * pair met makes each new state cost a step or two. The answer is the same as recover()'s (the
 * tests compare them on every reachable state); a state that fails is handed to recover() itself,
 * for its message, and the two must agree.
 */
import { RacehuntError } from '../core/errors.ts';
import { fairSchedule, recover, type FairSchedule } from '../core/fair.ts';
import type { Instance } from '../core/instance.ts';
import type { Recovers } from '../core/judge.ts';
import { Words, type StateCodec } from './codec/state-codec.ts';

/** The goal is never reached (the schedule goes quiet or loops first). */
const NEVER = 0x7fffffff;

/** Schedules longer than this many times `within` are not followed: recover() judges the state. */
const LONGEST = 16;

/** The most (state, turn) pairs remembered; the memo starts afresh when full. */
const MEMO_MAX = 1 << 23;

export class RecoveryJudge {
  private readonly schedule: FairSchedule;
  private readonly memo = new DistanceMemo();
  private readonly scratch = new Words();
  private readonly fp = { a: 0, b: 0 };

  constructor(
    private readonly inst: Instance,
    private readonly property: Recovers,
    private readonly codec: StateCodec,
  ) {
    this.schedule = fairSchedule(inst, property);
  }

  /** recover()'s verdict on a state: true, or its message. */
  judge(state: unknown): true | string {
    const d = this.distance(state);
    if (d !== null && d <= this.schedule.within) return true;
    const r = recover(this.inst, this.property, state);
    if (d !== null && r === true) {
      throw new RacehuntError(
        'model-error',
        `model "${this.inst.model.name}": ${this.property.name} recovers from a state when checked by recover() but not when followed step by step; a guard, step or goal is nondeterministic`,
      );
    }
    return r;
  }

  /** Steps the fair schedule takes from (state, turn 0) to the goal, NEVER, or null when too long to follow. */
  private distance(from: unknown): number | null {
    const { inst, property, codec, scratch, fp, memo, schedule } = this;
    const { ctx } = inst;
    const chainA: number[] = [];
    const chainB: number[] = [];
    const onChain = new Set<string>();
    let state = from;
    let turn = 0;
    let tail = NEVER; // the distance from the point where the chain stopped
    let stop = 0; // chain positions before `stop` get (stop - i) + tail
    for (;;) {
      scratch.clear();
      codec.write(state, scratch);
      codec.fingerprint(scratch.data, 0, scratch.length, fp);
      const a = (fp.a ^ Math.imul(turn + 1, 0x9e3779b1)) | 0;
      const b = fp.b;
      const known = memo.get(a, b);
      if (known !== undefined) {
        tail = known;
        stop = chainA.length;
        break;
      }
      const id = `${a}:${b}`;
      if (onChain.has(id)) {
        tail = NEVER; // a loop on which the goal never holds
        stop = chainA.length;
        break;
      }
      onChain.add(id);
      chainA.push(a);
      chainB.push(b);
      if (property.goal(state, ctx) === true) {
        tail = 0;
        stop = chainA.length - 1;
        break;
      }
      const move = schedule.next(state, turn);
      if (!move) {
        tail = NEVER; // quiet: nobody admitted can act
        stop = chainA.length - 1;
        break;
      }
      const next = codec.read(scratch.data, 0);
      inst.step(next, move.choice);
      state = next;
      turn = move.turn;
      if (chainA.length > LONGEST * (schedule.within + 1)) return null;
    }
    if (memo.size + chainA.length > MEMO_MAX) memo.clear();
    for (let i = 0; i < chainA.length; i++) {
      const d = tail === NEVER ? NEVER : tail + Math.max(stop - i, 0);
      memo.set(chainA[i] as number, chainB[i] as number, d);
    }
    return chainA.length === 0 ? tail : tail === NEVER ? NEVER : tail + stop;
  }
}

/** Fingerprint → distance, in typed arrays (open addressing, as the state store). */
class DistanceMemo {
  private keys = new Int32Array(1 << 12);
  private values = new Int32Array(1 << 11);
  private used = new Uint8Array(1 << 11);
  size = 0;

  get(a: number, b: number): number | undefined {
    const mask = this.used.length - 1;
    for (let slot = a & mask; ; slot = (slot + 1) & mask) {
      if (this.used[slot] === 0) return undefined;
      if (this.keys[slot * 2] === a && this.keys[slot * 2 + 1] === b) return this.values[slot];
    }
  }

  set(a: number, b: number, d: number): void {
    if ((this.size + 1) * 2 > this.used.length) this.grow();
    const mask = this.used.length - 1;
    let slot = a & mask;
    while (this.used[slot] !== 0) {
      if (this.keys[slot * 2] === a && this.keys[slot * 2 + 1] === b) {
        this.values[slot] = d;
        return;
      }
      slot = (slot + 1) & mask;
    }
    this.used[slot] = 1;
    this.keys[slot * 2] = a;
    this.keys[slot * 2 + 1] = b;
    this.values[slot] = d;
    this.size++;
  }

  clear(): void {
    this.keys = new Int32Array(1 << 12);
    this.values = new Int32Array(1 << 11);
    this.used = new Uint8Array(1 << 11);
    this.size = 0;
  }

  private grow(): void {
    const { keys, values, used } = this;
    const cap = used.length * 2;
    this.keys = new Int32Array(cap * 2);
    this.values = new Int32Array(cap);
    this.used = new Uint8Array(cap);
    this.size = 0;
    for (let slot = 0; slot < used.length; slot++)
      if (used[slot] !== 0) this.set(keys[slot * 2] as number, keys[slot * 2 + 1] as number, values[slot] as number);
  }
}
