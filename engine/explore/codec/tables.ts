/**
 * The generic codec: values to words and back (words.ts has the tags), with the tables it numbers
 * as it meets them: strings and object key sets.
 *
 * The encoding is canonical: equal data gives equal words whatever the key order of its objects
 * (keys are written in sorted order), `undefined` object members are skipped and an `undefined`
 * array element reads as null, as in JSON. Decoded objects get their keys in the order first seen
 * for that key set, so a model that walks Object.keys sees what it would in a hunt.
 */
import {
  ARR,
  CONST,
  FALSE_WORD,
  INT,
  NULL_WORD,
  NUM,
  OBJ,
  REC,
  SMALL_MAX,
  SMALL_MIN,
  STR,
  TAG_BITS,
  TAG_MASK,
  TRUE_WORD,
  indexedSize,
  type Words,
} from './words.ts';

const floatView = new Float64Array(1);
const floatWords = new Int32Array(floatView.buffer);

export interface KeySet {
  readonly id: number;
  /** Keys in sorted order: the order values are written in. */
  readonly sorted: readonly string[];
  /** Keys in the order first seen: the order decoded objects get. */
  readonly display: readonly string[];
  /** For each display position, the value's position in sorted order. */
  readonly fromSorted: readonly number[];
  /** Builds the object from its values in sorted order; compiled on first use (objectOf). */
  build: ((values: readonly unknown[]) => Record<string, unknown>) | null;
}

interface KeyTrie {
  readonly next: Map<string, KeyTrie>;
  id: number;
}

/**
 * Thrown by a frozen codec (a follower) that meets a string or key set it has not been told of.
 * One instance, thrown without a stack: the parallel search meets it on a hot path, and defers
 * the transition to the thread that numbers (search.ts says why numbering has one owner).
 */
export const UNKNOWN_TO_FOLLOWER: Error = Object.freeze(
  Object.assign(Object.create(Error.prototype) as Error, { message: 'unknown to a frozen codec' }),
);

/** What a codec's tables learnt since a mark: shipped to the followers, which learn the same in the same order. */
export interface TablesDelta {
  readonly strings: readonly string[];
  /** Each key set's keys in the order first seen (its display order). */
  readonly keySets: readonly (readonly string[])[];
}

/** The codec's tables: strings and key sets are numbered as they are first met. */
export class Tables {
  readonly strings: string[] = [];
  private readonly stringIds = new Map<string, number>();
  readonly keySets: KeySet[] = [];
  private readonly keySetIds = new Map<string, number>();
  /**
   * A frozen table numbers nothing new: it throws UNKNOWN_TO_FOLLOWER instead. Parallel searches
   * freeze every codec but one, so that a string has the same number in every thread.
   */
  frozen = false;

  /** Everything numbered since `strings` strings and `keySets` key sets were. */
  deltaSince(strings: number, keySets: number): TablesDelta {
    return { strings: this.strings.slice(strings), keySets: this.keySets.slice(keySets).map((k) => k.display) };
  }

  /** Learn what another codec numbered, in its order (so the numbers agree). */
  learn(delta: TablesDelta): void {
    const frozen = this.frozen;
    this.frozen = false;
    for (const s of delta.strings) this.stringId(s);
    for (const k of delta.keySets) this.keySetOf(k);
    this.frozen = frozen;
  }

  stringId(s: string): number {
    let id = this.stringIds.get(s);
    if (id === undefined) {
      if (this.frozen) throw UNKNOWN_TO_FOLLOWER;
      id = this.strings.length;
      this.strings.push(s);
      this.stringIds.set(s, id);
    }
    return id;
  }

  /** Key sets by their keys in the order an object enumerates them: a trie of maps. */
  private readonly keyTrie: KeyTrie = { next: new Map(), id: -1 };

  /** The number of an object's key set (members holding undefined left out). */
  keySetId(o: Record<string, unknown>): number {
    let node = this.keyTrie;
    for (const k in o) {
      if (o[k] === undefined) continue;
      let n = node.next.get(k);
      if (n === undefined) {
        n = { next: new Map(), id: -1 };
        node.next.set(k, n);
      }
      node = n;
    }
    if (node.id < 0) node.id = this.keySetOf(Object.keys(o).filter((k) => o[k] !== undefined));
    return node.id;
  }

  /** The number of the key set of these keys (given in the order seen). */
  keySetOf(display: readonly string[]): number {
    const sorted = [...display].sort();
    const name = sorted.join('\u0000');
    let id = this.keySetIds.get(name);
    if (id === undefined) {
      if (this.frozen) throw UNKNOWN_TO_FOLLOWER;
      id = this.keySets.length;
      this.keySets.push({ id, sorted, display, fromSorted: display.map((k) => sorted.indexOf(k)), build: null });
      this.keySetIds.set(name, id);
    }
    return id;
  }

  /** How often compiled code met a value that did not fit its shape and used the generic code. */
  fallbacks = 0;
  /** How often compiled code met words that did not fit its shape and decoded them generically. */
  misfits = 0;

  /** Append the words of a value. */
  encode(v: unknown, out: Words): void {
    switch (typeof v) {
      case 'number':
        if (v === (v | 0) && v >= SMALL_MIN && v <= SMALL_MAX) {
          out.push(v << TAG_BITS);
        } else {
          floatView[0] = v === 0 ? 0 : v;
          out.push(NUM);
          out.push(floatWords[0] as number);
          out.push(floatWords[1] as number);
        }
        return;
      case 'string':
        out.push((this.stringId(v) << TAG_BITS) | STR);
        return;
      case 'boolean':
        out.push(v ? TRUE_WORD : FALSE_WORD);
        return;
      case 'object': {
        if (v === null) {
          out.push(NULL_WORD);
          return;
        }
        if (Array.isArray(v)) {
          out.push((v.length << TAG_BITS) | ARR);
          for (let i = 0; i < v.length; i++) this.encode(v[i] ?? null, out);
          return;
        }
        const o = v as Record<string, unknown>;
        const n = indexedSize(o);
        if (n > 0) {
          out.push((n << TAG_BITS) | REC);
          for (const k in o) {
            const x = o[k];
            if (x === undefined) continue;
            out.push(Number(k) << TAG_BITS);
            this.encode(x, out);
          }
          return;
        }
        const id = this.keySetId(o);
        out.push((id << TAG_BITS) | OBJ);
        for (const k of (this.keySets[id] as KeySet).sorted) this.encode(o[k], out);
        return;
      }
      default:
        out.push(NULL_WORD);
    }
  }

  /** The value whose words start at `at`; `end` is where they end. */
  decode(w: Int32Array, at: number): unknown {
    const word = w[at] as number;
    switch (word & TAG_MASK) {
      case INT:
        this.end = at + 1;
        return word >> TAG_BITS;
      case STR:
        this.end = at + 1;
        return this.strings[word >>> TAG_BITS];
      case CONST:
        this.end = at + 1;
        return word === NULL_WORD ? null : word === TRUE_WORD;
      case NUM:
        floatWords[0] = w[at + 1] as number;
        floatWords[1] = w[at + 2] as number;
        this.end = at + 3;
        return floatView[0];
      case ARR: {
        const n = word >>> TAG_BITS;
        const out: unknown[] = [];
        let p = at + 1;
        for (let i = 0; i < n; i++) {
          out.push(this.decode(w, p));
          p = this.end;
        }
        this.end = p;
        return out;
      }
      case REC: {
        const n = word >>> TAG_BITS;
        const out: Record<number, unknown> = {};
        let p = at + 1;
        for (let i = 0; i < n; i++) {
          const k = (w[p] as number) >> TAG_BITS;
          out[k] = this.decode(w, p + 1);
          p = this.end;
        }
        this.end = p;
        return out;
      }
      default: {
        const ks = this.keySets[word >>> TAG_BITS] as KeySet;
        const values = new Array<unknown>(ks.sorted.length);
        let p = at + 1;
        for (let i = 0; i < values.length; i++) {
          values[i] = this.decode(w, p);
          p = this.end;
        }
        this.end = p;
        return objectOf(ks, values);
      }
    }
  }

  /** Where the value last decoded ended (for the decoder's own recursion, and compiled code's fallbacks). */
  end = 0;
}

/**
 * An object with a key set's keys in display order, from its values in sorted order. The builder
 * is an object literal compiled once per key set (an object built key by key is several times
 * slower to make and to read); a `__proto__` key needs defineProperty, so it is built by hand.
 */
export function objectOf(ks: KeySet, values: readonly unknown[]): Record<string, unknown> {
  if (ks.build) return ks.build(values);
  if (ks.display.includes('__proto__')) {
    ks.build = (vs) => {
      const out: Record<string, unknown> = {};
      ks.display.forEach((k, i) =>
        Object.defineProperty(out, k, {
          value: vs[ks.fromSorted[i] as number],
          enumerable: true,
          writable: true,
          configurable: true,
        }),
      );
      return out;
    };
  } else {
    const fields = ks.display.map((k, i) => `${JSON.stringify(k)}: v[${ks.fromSorted[i]}]`).join(', ');
    ks.build = new Function('v', `return { ${fields} };`) as (values: readonly unknown[]) => Record<string, unknown>;
  }
  return ks.build(values);
}
