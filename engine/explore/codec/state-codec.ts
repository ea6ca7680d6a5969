/**
 * The explorer's state codec, behind one face: encode a state into words, decode it back, and
 * fingerprint words. Behind it, the generic codec (tables.ts) and code compiled for the shape of
 * the model's states (shape.ts, compile.ts), which it learns by itself: it compiles for the shape
 * of the initial state, and each time a state does not fit (compiled code fell back to the generic
 * codec), it merges that state's shape in and compiles again, up to a bound. The words are the same
 * either way: a shape is only ever a guess about speed, never about meaning.
 */
import { compile, type Compiled } from './compile.ts';
import { mergeShapes, sameShape, shapeOf, type Shape } from './shape.ts';
import { Tables, type TablesDelta } from './tables.ts';
import { hashWords, type Words } from './words.ts';

export { Words } from './words.ts';
export { UNKNOWN_TO_FOLLOWER, type TablesDelta } from './tables.ts';

/** How many states that did not fit the compiled shape the codec learns from, at most. */
const MAX_LESSONS = 1000;

export class StateCodec {
  private readonly tables = new Tables();
  private fast: Compiled | null;
  private shape: Shape;
  private fallbacks = 0;
  private lessons = 0;

  constructor(initial: unknown) {
    this.shape = shapeOf(initial);
    this.fast = compile(this.tables, this.shape);
  }

  /** Append a state's words. */
  write(state: unknown, out: Words): void {
    if (this.fast) this.fast.encode(state, out);
    else this.tables.encode(state, out);
    if (this.tables.fallbacks !== this.fallbacks) this.learn(state);
  }

  /** The state whose words start at `at`, as a fresh, mutable tree. */
  read(w: Int32Array, at: number): unknown {
    return this.fast ? this.fast.decode(w, at) : this.tables.decode(w, at);
  }

  /** The state being expanded, when the code that decoded it can copy it (see readParent). */
  private parent: unknown = null;
  private parentCode: Compiled | null = null;

  /**
   * Decode a state to expand: `copy` then makes each of its successors' starting trees from this
   * tree, which is several times cheaper than decoding its words again, and gives the same tree.
   * The tree must not be edited while it is copied from (guards do not edit; `forgetParent` before
   * a step runs on it in place).
   */
  readParent(w: Int32Array, at: number): unknown {
    const fast = this.fast;
    if (!fast) {
      this.parent = null;
      return this.tables.decode(w, at);
    }
    const misfits = this.tables.misfits;
    const state = fast.decode(w, at);
    // Words that did not fit the shape made a tree the compiled copier does not know.
    this.parent = this.tables.misfits === misfits ? state : null;
    this.parentCode = fast;
    return state;
  }

  /** A fresh, mutable tree of the state whose words start at `at` (and whose tree is `state`). */
  copy(state: unknown, w: Int32Array, at: number): unknown {
    if (state !== null && state === this.parent) return (this.parentCode as Compiled).clone(state);
    return this.read(w, at);
  }

  /** The parent tree is about to change: copies come from its words again. */
  forgetParent(): void {
    this.parent = null;
  }

  /** Append the words of any other value (monitors' memories), with the generic codec. */
  writeValue(v: unknown, out: Words): void {
    this.tables.encode(v, out);
  }

  readValue(w: Int32Array, at: number): unknown {
    return this.tables.decode(w, at);
  }

  /** Frozen: number nothing new (a follower in a parallel search); see Tables.frozen. */
  get frozen(): boolean {
    return this.tables.frozen;
  }
  set frozen(f: boolean) {
    this.tables.frozen = f;
  }

  /** How many strings and key sets are numbered: a mark for deltaSince. */
  mark(): { strings: number; keySets: number } {
    return { strings: this.tables.strings.length, keySets: this.tables.keySets.length };
  }

  deltaSince(mark: { strings: number; keySets: number }): TablesDelta {
    return this.tables.deltaSince(mark.strings, mark.keySets);
  }

  learnTables(delta: TablesDelta): void {
    this.tables.learn(delta);
  }

  /** The 64-bit fingerprint of words[start, end), as two 32-bit lanes. */
  fingerprint(w: Int32Array, start: number, end: number, out: { a: number; b: number }): void {
    hashWords(w, start, end, out);
  }

  private learn(state: unknown): void {
    this.fallbacks = this.tables.fallbacks;
    if (this.lessons++ >= MAX_LESSONS) return;
    const merged = mergeShapes(this.shape, shapeOf(state));
    if (sameShape(merged, this.shape)) return;
    let fast: Compiled | null;
    try {
      fast = compile(this.tables, merged);
    } catch (e) {
      // A frozen codec cannot number a key set the new shape needs: it keeps the code it has.
      if (this.tables.frozen) return;
      throw e;
    }
    this.shape = merged;
    this.fast = fast;
  }
}
