/**
 * The visited-state store: fingerprints in an open-addressing hash table of typed arrays, and for
 * each state only the way back to it (its parent's index and the choice taken). Actual states are
 * never kept here (the explorer holds them only while they are in its frontier), which is what
 * lets a JavaScript explorer visit tens of millions of states in a few hundred megabytes.
 *
 * Per state: a table slot of two 32-bit words (fingerprint lane a, index + 1) at a load factor of
 * at most one half, lane b, the parent index and the choice index: about 26 to 42 bytes depending
 * on where the table is between two doublings.
 */

export const NO_PARENT = 0xffffffff;

/** The most states a store can hold: indices are 32-bit, and a few words per state must fit. */
export const MAX_STORE_STATES = 0x7fffffff;

export class StateStore {
  private table: Uint32Array;
  private mask: number;
  private laneB: Int32Array;
  private parents: Uint32Array;
  private choices: Uint16Array | Uint32Array;
  private readonly wideChoices: boolean;
  size = 0;

  /** `choiceCount` sizes the per-state choice index: 16 bits when it fits. */
  constructor(choiceCount: number, initialCapacity = 1 << 10) {
    const cap = Math.max(16, 2 ** Math.ceil(Math.log2(initialCapacity)));
    this.table = new Uint32Array(cap * 4);
    this.mask = cap * 2 - 1;
    this.laneB = new Int32Array(cap);
    this.parents = new Uint32Array(cap);
    this.wideChoices = choiceCount > 0xffff;
    this.choices = this.wideChoices ? new Uint32Array(cap) : new Uint16Array(cap);
  }

  /**
   * Add a state by fingerprint. Returns its new index, or -1 when a state with this fingerprint is
   * already stored.
   */
  add(a: number, b: number, parent: number, choice: number): number {
    let slot = a & this.mask;
    const t = this.table;
    for (;;) {
      const at = slot << 1;
      const idx = t[at + 1] as number;
      if (idx === 0) break;
      if ((t[at] as number) === a >>> 0 && (this.laneB[idx - 1] as number) === b) return -1;
      slot = (slot + 1) & this.mask;
    }
    const index = this.size;
    if (index >= this.parents.length) this.growArrays();
    t[slot << 1] = a;
    t[(slot << 1) + 1] = index + 1;
    this.laneB[index] = b;
    this.parents[index] = parent;
    this.choices[index] = choice;
    this.size++;
    if (this.size * 2 > this.mask + 1) this.growTable();
    return index;
  }

  /** Does a state with this fingerprint exist? */
  has(a: number, b: number): boolean {
    let slot = a & this.mask;
    const t = this.table;
    for (;;) {
      const at = slot << 1;
      const idx = t[at + 1] as number;
      if (idx === 0) return false;
      if ((t[at] as number) === a >>> 0 && (this.laneB[idx - 1] as number) === b) return true;
      slot = (slot + 1) & this.mask;
    }
  }

  parent(index: number): number {
    return this.parents[index] as number;
  }

  choice(index: number): number {
    return this.choices[index] as number;
  }

  /** Choice indices from the initial state to this state, in order. */
  pathTo(index: number): number[] {
    const path: number[] = [];
    for (let i = index; this.parents[i] !== NO_PARENT; i = this.parents[i] as number)
      path.push(this.choices[i] as number);
    return path.reverse();
  }

  /** Bytes held by the store's arrays (what a stored state costs, tables included). */
  get bytes(): number {
    return this.table.byteLength + this.laneB.byteLength + this.parents.byteLength + this.choices.byteLength;
  }

  private growArrays(): void {
    const cap = this.parents.length * 2;
    const laneB = new Int32Array(cap);
    laneB.set(this.laneB);
    this.laneB = laneB;
    const parents = new Uint32Array(cap);
    parents.set(this.parents);
    this.parents = parents;
    const choices = this.wideChoices ? new Uint32Array(cap) : new Uint16Array(cap);
    choices.set(this.choices);
    this.choices = choices;
  }

  /** Double the table and re-insert every slot (lane a is in the table, so no state is needed). */
  private growTable(): void {
    const old = this.table;
    const slots = (this.mask + 1) * 2;
    this.table = new Uint32Array(slots * 2);
    this.mask = slots - 1;
    const t = this.table;
    for (let at = 0; at < old.length; at += 2) {
      const idx = old[at + 1] as number;
      if (idx === 0) continue;
      const a = old[at] as number;
      let slot = a & this.mask;
      while ((t[(slot << 1) + 1] as number) !== 0) slot = (slot + 1) & this.mask;
      t[slot << 1] = a;
      t[(slot << 1) + 1] = idx;
    }
  }
}

/**
 * Fingerprints met lately, in a direct-mapped table: a newer one evicts an older one in its slot,
 * so a lookup touches one slot. Under symmetry the explorer keeps the real states it met in one,
 * checked before canonical(), often the dearest call per state: a real state met before had its
 * class stored or found then, so it is a duplicate (interleavings that commute reach the same real
 * state many times). Lane b of a fingerprint is never 0 (fingerprints.ts laneB), so 0 marks an
 * empty slot.
 */
export class RecentSet {
  private readonly slots: Int32Array;
  private readonly mask: number;

  constructor(bits: number) {
    this.slots = new Int32Array(2 << bits);
    this.mask = (1 << bits) - 1;
  }

  has(a: number, b: number): boolean {
    const i = (a & this.mask) << 1;
    return this.slots[i + 1] === b && this.slots[i] === a;
  }

  add(a: number, b: number): void {
    const i = (a & this.mask) << 1;
    this.slots[i] = a;
    this.slots[i + 1] = b;
  }
}
