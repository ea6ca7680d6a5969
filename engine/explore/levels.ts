/**
 * The two breadth-first levels a search holds: the one being expanded and the next, each written
 * once into one of two arenas in shared memory that the search reuses level after level. Helper
 * threads read the level being expanded where it is, so a finished level is not copied for them.
 *
 * An arena that outgrows a few megabytes is replaced once by one as large as the search's memory
 * budget allows (a quarter of it, at most 1 GiB of words). That costs address space, not memory:
 * the system backs only the pages written, which is as much as the largest level. Growing level
 * by level instead, as arrays do, left each level's outgrown arenas to the garbage collectors (two
 * heaps' once helpers had seen them) and held more memory at the peak than the levels themselves,
 * and the full collections those allocations set off cost more time than the copies.
 *
 * An arena is written again two levels later, once every chunk of the level in between is stored:
 * by then no helper reads it (they take chunks of the newer level only, see helpers.ts).
 */
import type { LevelView } from './expand.ts';

/** Arenas start small (a small model's search allocates little)... */
const FIRST_WORDS = 1 << 12;
const FIRST_STATES = 1 << 10;
/** ...and once one outgrows this many words, it is replaced by a reservation. */
const SMALL_WORDS = 1 << 20;
/** The most words reserved: 1 GiB. */
const MAX_RESERVED_WORDS = 1 << 28;
/** States reserved per word reserved: room for states of 8 words on average before starts must grow. */
const STATES_PER_WORD = 1 / 8;

/** One level as it is stored: states' words in one shared arena, where each starts, where its memories start. */
export class LevelArena {
  private words = shared(FIRST_WORDS);
  private starts = shared(FIRST_STATES);
  private memories = shared(FIRST_STATES);
  /** Words written. */
  private length = 0;
  count = 0;

  constructor(private readonly reservedWords: number) {}

  /** Start a new level here (the level written here before is done with). */
  clear(): void {
    this.length = 0;
    this.count = 0;
  }

  /** Append a state's words (from[at, at + length)); its monitors' memories start `stateEnd` words in. */
  add(from: Int32Array, at: number, length: number, stateEnd: number): void {
    if (this.count === this.starts.length) {
      const small = SMALL_WORDS * STATES_PER_WORD;
      const size = nextSize(this.count, this.count + 1, small, this.reservedWords * STATES_PER_WORD);
      this.starts = grown(this.starts, this.count, this.count + 1, size);
      this.memories = grown(this.memories, this.count, this.count + 1, size);
    }
    const needed = this.length + length;
    if (needed > this.words.length)
      this.words = grown(
        this.words,
        this.length,
        needed,
        nextSize(this.words.length, needed, SMALL_WORDS, this.reservedWords),
      );
    const words = this.words;
    let p = this.length;
    this.starts[this.count] = p;
    this.memories[this.count++] = p + stateEnd;
    // A loop, not set(subarray): no view to allocate for a state of a few words.
    for (let i = at, end = at + length; i < end; i++) words[p++] = from[i] as number;
    this.length = p;
  }

  /** The level as expanders read it, in any thread: the arenas themselves, `count` states of them. */
  view(withMemories: boolean): LevelView {
    return { words: this.words, starts: this.starts, memories: withMemories ? this.memories : null, count: this.count };
  }

  /** Bytes the level's states take (words, and two indices a state). */
  get bytes(): number {
    return 4 * this.length + 8 * this.count;
  }
}

/** The two arenas: the level being expanded in one, the next written into the other. */
export class Levels {
  private current: LevelArena;
  private other: LevelArena;

  /** `budgetBytes`: the search's memory budget, which bounds the words reserved. */
  constructor(budgetBytes: number) {
    const reserved = Math.max(SMALL_WORDS, Math.min(MAX_RESERVED_WORDS, Math.floor(budgetBytes / 16)));
    this.current = new LevelArena(reserved);
    this.other = new LevelArena(reserved);
  }

  /** The arena to write the next level into, emptied (the one the level before last was in). */
  next(): LevelArena {
    const a = this.other;
    this.other = this.current;
    this.current = a;
    a.clear();
    return a;
  }
}

/** An arena's next size: doubled while it stays small, else the reservation (or more, if that is too little). */
function nextSize(size: number, needed: number, small: number, reserved: number): number {
  const doubled = Math.max(needed, size * 2);
  return doubled <= small ? doubled : Math.max(doubled, Math.floor(reserved));
}

function shared(n: number): Int32Array {
  return new Int32Array(new SharedArrayBuffer(n * 4));
}

/**
 * A larger arena holding the first `used` values of `a`, room for `size` (or, where the system
 * will not give that much address space, for as much as it gives down to `needed`).
 */
function grown(a: Int32Array, used: number, needed: number, size: number): Int32Array {
  for (let n = size; ; n = Math.max(needed, Math.floor(n / 2))) {
    let b: Int32Array;
    try {
      b = shared(n);
    } catch (e) {
      if (n > needed && e instanceof RangeError) continue;
      throw e;
    }
    b.set(a.subarray(0, used));
    return b;
  }
}
