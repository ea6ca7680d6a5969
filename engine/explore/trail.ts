/**
 * The way back to every stored state: its parent's index and the choice taken, by state index (the
 * search numbers states in the order it stores them). A counterexample's path is read off it.
 *
 * In memory: 6 bytes a state (8 with more than 65,535 choices). Fingerprint-only searches, for
 * state spaces larger than memory, keep it on disk instead, as TLC keeps its trace file: each
 * level's records are appended when the level is done (8 bytes a state), and only the level being
 * stored is in memory; a path is read back record by record.
 */
import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const NO_PARENT = 0xffffffff;

export interface Trail {
  add(parent: number, choice: number): void;
  /** The states before this one are done (a level ended): a disk trail writes them out. */
  flush(): void;
  /** Choice indices from the initial state to this state, in order. */
  pathTo(index: number): number[];
  /** Which initial state the path starts from (a model's inits: the index among them). */
  origin(index: number): number;
  /** Bytes held in memory. */
  readonly bytes: number;
  close(): void;
}

export class MemoryTrail implements Trail {
  private parents = new Uint32Array(1 << 10);
  private choices: Uint16Array | Uint32Array;
  private size = 0;
  constructor(private readonly wide: boolean) {
    this.choices = wide ? new Uint32Array(1 << 10) : new Uint16Array(1 << 10);
  }
  add(parent: number, choice: number): void {
    if (this.size === this.parents.length) {
      const parents = new Uint32Array(this.size * 2);
      parents.set(this.parents);
      this.parents = parents;
      const choices = this.wide ? new Uint32Array(this.size * 2) : new Uint16Array(this.size * 2);
      choices.set(this.choices);
      this.choices = choices;
    }
    this.parents[this.size] = parent;
    this.choices[this.size++] = choice;
  }
  flush(): void {}
  pathTo(index: number): number[] {
    const path: number[] = [];
    for (let i = index; this.parents[i] !== NO_PARENT; i = this.parents[i] as number)
      path.push(this.choices[i] as number);
    return path.reverse();
  }
  origin(index: number): number {
    let i = index;
    while (this.parents[i] !== NO_PARENT) i = this.parents[i] as number;
    return this.choices[i] as number;
  }
  get bytes(): number {
    return this.parents.byteLength + this.choices.byteLength;
  }
  close(): void {}
}

/** Records of 8 bytes (parent, choice), appended to a temporary file a level at a time. */
export class DiskTrail implements Trail {
  private readonly dir = mkdtempSync(join(tmpdir(), 'racehunt-trail-'));
  private readonly fd = openSync(join(this.dir, 'trail'), 'w+');
  private pending = new Uint32Array(1 << 12);
  private pendingSize = 0;
  /** States written to the file. */
  private written = 0;
  add(parent: number, choice: number): void {
    if (this.pendingSize * 2 === this.pending.length) {
      const more = new Uint32Array(this.pending.length * 2);
      more.set(this.pending);
      this.pending = more;
    }
    this.pending[this.pendingSize * 2] = parent;
    this.pending[this.pendingSize * 2 + 1] = choice;
    this.pendingSize++;
  }
  flush(): void {
    if (this.pendingSize === 0) return;
    const bytes = new Uint8Array(this.pending.buffer, 0, this.pendingSize * 8);
    for (let off = 0; off < bytes.length;)
      off += writeSync(this.fd, bytes, off, bytes.length - off, this.written * 8 + off);
    this.written += this.pendingSize;
    this.pendingSize = 0;
    // A level's records stay as large as the largest level; the file holds the rest.
  }
  origin(index: number): number {
    const record = new Uint32Array(2);
    for (let i = index; ; i = record[0] as number) {
      this.read(i, record);
      if (record[0] === NO_PARENT) return record[1] as number;
    }
  }
  private read(i: number, record: Uint32Array): void {
    if (i >= this.written) {
      record[0] = this.pending[(i - this.written) * 2] as number;
      record[1] = this.pending[(i - this.written) * 2 + 1] as number;
    } else readSync(this.fd, new Uint8Array(record.buffer), 0, 8, i * 8);
  }
  pathTo(index: number): number[] {
    const path: number[] = [];
    const record = new Uint32Array(2);
    const bytes = new Uint8Array(record.buffer);
    for (let i = index; ;) {
      if (i >= this.written) {
        record[0] = this.pending[(i - this.written) * 2] as number;
        record[1] = this.pending[(i - this.written) * 2 + 1] as number;
      } else readSync(this.fd, bytes, 0, 8, i * 8);
      if (record[0] === NO_PARENT) break;
      path.push(record[1] as number);
      i = record[0] as number;
    }
    return path.reverse();
  }
  get bytes(): number {
    return this.pending.byteLength;
  }
  close(): void {
    closeSync(this.fd);
    rmSync(this.dir, { recursive: true, force: true });
  }
}
