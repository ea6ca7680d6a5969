/**
 * The visited set of the breadth-first search: 64-bit fingerprints, 8 bytes a slot, in one
 * open-addressing table in shared memory. One thread writes it (the search's own, which numbers
 * states in their order: search.ts); the helper threads of a parallel search read it to drop the
 * successors already known before sending them, which is most of them.
 *
 * Reads race with writes: a slot is written lane a first, then lane b with Atomics.store, and an
 * empty slot has b = 0, which no fingerprint's lane b is (`laneB`). A reader loads lane b with
 * Atomics.load, so when it sees b it sees the a written before it: it may miss a fingerprint being
 * written (and sends the successor, which the writer then drops as known), but it never finds one
 * that is not there.
 *
 * The table is sized by powers of 1.5 and filled to at most 80% (lookups stay within a cache line
 * or two): 10 to 15 bytes per state, what SPIN's hash-compact and TLC's fingerprint set cost.
 */

/** Fill the table to at most this fraction before it grows by GROWTH. */
const MAX_LOAD = 0.8;
const GROWTH = 1.5;

export class FingerprintSet {
  /** Lanes a and b of each slot, interleaved. */
  private table: Int32Array;
  private slots: number;
  private limit: number;
  size = 0;

  constructor(initialSlots = 1 << 12) {
    this.slots = initialSlots;
    this.table = new Int32Array(new SharedArrayBuffer(initialSlots * 8));
    this.limit = Math.floor(initialSlots * MAX_LOAD);
  }

  /** The memory behind the table, for readers in other threads (FingerprintReader). */
  get shared(): SharedArrayBuffer {
    return this.table.buffer as SharedArrayBuffer;
  }

  get bytes(): number {
    return this.table.byteLength;
  }

  /** Add a fingerprint; false when it was there already. Lane b must come from `laneB`. */
  add(a: number, b: number): boolean {
    const t = this.table;
    const n = this.slots;
    for (let slot = home(a, n); ; slot = slot + 1 === n ? 0 : slot + 1) {
      const at = slot << 1;
      const sb = t[at + 1] as number;
      if (sb === 0) {
        t[at] = a;
        Atomics.store(t, at + 1, b);
        if (++this.size > this.limit) this.grow();
        return true;
      }
      if (sb === b && (t[at] as number) === a) return false;
    }
  }

  /** The writer's own lookup: no other thread writes, so plain reads. */
  has(a: number, b: number): boolean {
    const t = this.table;
    const n = this.slots;
    for (let slot = home(a, n); ; slot = slot + 1 === n ? 0 : slot + 1) {
      const at = slot << 1;
      const sb = t[at + 1] as number;
      if (sb === 0) return false;
      if (sb === b && (t[at] as number) === a) return true;
    }
  }

  /** Grow into a new table: readers keep the old one (still true, if incomplete) until told. */
  private grow(): void {
    const old = this.table;
    const slots = Math.ceil(this.slots * GROWTH);
    const t = new Int32Array(new SharedArrayBuffer(slots * 8));
    for (let at = 0; at < old.length; at += 2) {
      const b = old[at + 1] as number;
      if (b === 0) continue;
      const a = old[at] as number;
      let slot = home(a, slots);
      while ((t[(slot << 1) + 1] as number) !== 0) slot = slot + 1 === slots ? 0 : slot + 1;
      t[(slot << 1) + 1] = b;
      t[slot << 1] = a;
    }
    this.table = t;
    this.slots = slots;
    this.limit = Math.floor(slots * MAX_LOAD);
  }
}

/** A helper thread's read-only view of the table (search.ts sends a new one when it grows). */
export class FingerprintReader {
  private table: Int32Array;
  private slots: number;
  constructor(shared: SharedArrayBuffer) {
    this.table = new Int32Array(shared);
    this.slots = this.table.length >> 1;
  }
  has(a: number, b: number): boolean {
    return lookup(this.table, this.slots, a, b);
  }
}

/** Lane b of a fingerprint as the set stores it: never 0, which marks an empty slot. */
export function laneB(b: number): number {
  return b === 0 ? 1 : b;
}

/** The slot a fingerprint starts probing at: lane a scaled to the table (its high bits choose). */
function home(a: number, slots: number): number {
  return Math.floor(((a >>> 0) * slots) / 4294967296);
}

function lookup(t: Int32Array, n: number, a: number, b: number): boolean {
  for (let slot = home(a, n); ; slot = slot + 1 === n ? 0 : slot + 1) {
    const at = slot << 1;
    const sb = Atomics.load(t, at + 1);
    if (sb === 0) return false;
    if (sb === b && (t[at] as number) === a) return true;
  }
}
