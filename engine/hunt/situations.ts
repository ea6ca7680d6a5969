/**
 * The situations a hunt has reached: each state's 64-bit fingerprint as the explorer computes it
 * (or the fingerprint of the model's coverage abstraction of it, when it declares one), in a set
 * of bounded size. The coverage report counts them; the coverage-guided strategy keeps its corpus
 * by them.
 */
import { RacehuntError, messageOf } from '../core/errors.ts';
import type { Stepper } from '../core/instance.ts';
import { assertPlainData } from '../core/plain.ts';
import { StateCodec, Words } from '../explore/codec/state-codec.ts';
import { NO_PARENT, StateStore } from '../explore/store.ts';

/** The most situations remembered (about 20 MB); past it, new ones are no longer told apart. */
export const MAX_SITUATIONS = 1 << 20;

export class Situations {
  private readonly codec: StateCodec;
  private readonly seen = new StateStore(1);
  private readonly words = new Words();
  private readonly fp = { a: 0, b: 0 };
  private readonly abstraction: ((state: unknown) => unknown) | undefined;
  private checked = 0;

  constructor(private readonly inst: Stepper) {
    const coverage = inst.model.coverage;
    this.abstraction = coverage ? (state) => coverage(state, inst.ctx) : undefined;
    this.codec = new StateCodec(this.view(inst.initial()));
  }

  /** Distinct situations met so far (at most MAX_SITUATIONS). */
  get size(): number {
    return this.seen.size;
  }

  /** Whether the set is full, so that `size` is a lower bound. */
  get full(): boolean {
    return this.seen.size >= MAX_SITUATIONS;
  }

  /** Note a state; true when its situation is new. */
  add(state: unknown): boolean {
    if (this.full) return false;
    const v = this.view(state);
    this.words.clear();
    if (this.abstraction) this.codec.writeValue(v, this.words);
    else this.codec.write(v, this.words);
    this.codec.fingerprint(this.words.data, 0, this.words.length, this.fp);
    return this.seen.add(this.fp.a, this.fp.b, NO_PARENT, 0) >= 0;
  }

  /** The state, or the model's abstraction of it (checked to be plain data, for the first few). */
  private view(state: unknown): unknown {
    if (!this.abstraction) return state;
    let v: unknown;
    try {
      v = this.abstraction(state);
    } catch (e) {
      throw new RacehuntError('model-error', `model "${this.inst.model.name}": its coverage() threw ${messageOf(e)}`);
    }
    if (this.checked++ < 1000)
      assertPlainData(
        v,
        'coverage()',
        (at, what) =>
          new RacehuntError(
            'bad-model',
            `model "${this.inst.model.name}": its ${at} returned ${what}; a coverage abstraction must be plain data`,
          ),
      );
    return v;
  }
}
