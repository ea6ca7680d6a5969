/**
 * The parallel breadth-first search gives the answer of the one-thread search (search.ts says how):
 * state counts, transitions, depths, every verdict, the path and message of each decided property,
 * when it was decided, and the recorded trace, byte for byte, for one thread and for two. Here two
 * small models and the visited set; explore-parallel.deep.test.ts runs more models, with and
 * without symmetry, monitors and `recovers` properties, cut by the state budget, and with the
 * trail on disk.
 */
import { describe, expect, it } from 'vitest';
import { hashWords } from '../explore/codec/words.ts';
import { FingerprintReader, FingerprintSet, laneB } from '../explore/fingerprints.ts';
import { Levels } from '../explore/levels.ts';
import { answer, run, type Case } from './parallel-cases.ts';

const cases: Case[] = [
  { model: 'dining-philosophers', variant: 'left-first', params: {}, opts: {} },
  { model: 'dining-philosophers', variant: 'butler', params: { meals: 2 }, opts: { exhaust: true } },
];

describe('the parallel search gives the one-thread answer', () => {
  for (const c of cases) {
    it(`${c.model} / ${c.variant} ${JSON.stringify(c.params)} ${JSON.stringify(c.opts)}`, () => {
      const one = run(c, 1);
      const two = run(c, 2);
      expect(one.workers).toBe(1);
      expect(answer(two)).toEqual(answer(one));
      expect(JSON.stringify(two.properties)).toBe(JSON.stringify(one.properties));
    });
  }

  it('uses helper threads when it can', () => {
    const r = run(cases[1] as Case, 2);
    expect(r.workers).toBe(2);
    expect(r.depthComplete).toBe(r.depth);
    expect(r.collisionProbability).toBeGreaterThan(0);
    expect(r.collisionProbability).toBeLessThan(1e-6);
  });
});

describe('the visited set', () => {
  it('holds a fingerprint once, across growth, at 10 to 15 bytes a fingerprint', () => {
    const set = new FingerprintSet();
    const reader = () => new FingerprintReader(set.shared);
    const fp = { a: 0, b: 0 };
    const words = new Int32Array(1);
    let wrong = 0;
    for (let i = 0; i < 300_000; i++) {
      words[0] = i;
      hashWords(words, 0, 1, fp);
      if (!set.add(fp.a, laneB(fp.b))) wrong++;
    }
    const view = reader();
    for (let i = 0; i < 300_000; i += 7) {
      words[0] = i;
      hashWords(words, 0, 1, fp);
      if (set.add(fp.a, laneB(fp.b)) || !view.has(fp.a, laneB(fp.b))) wrong++;
      words[0] = -1 - i;
      hashWords(words, 0, 1, fp);
      if (view.has(fp.a, laneB(fp.b))) wrong++;
    }
    expect(wrong).toBe(0);
    expect(set.size).toBe(300_000);
    expect(set.bytes / set.size).toBeGreaterThanOrEqual(10);
    expect(set.bytes / set.size).toBeLessThanOrEqual(15.01);
  });
});

describe('the levels', () => {
  it('keep every state word for word as an arena outgrows its first size and is replaced by its reservation', () => {
    // A budget of 64 MB reserves 4M words: states of 3 words pass the first 1M words and 128k states.
    const levels = new Levels(64 * 2 ** 20);
    const first = levels.next();
    const second = levels.next();
    expect(second).not.toBe(first);
    const n = 600_000;
    const state = new Int32Array(5);
    for (let i = 0; i < n; i++) {
      state[1] = i;
      state[2] = -i;
      state[3] = i * 7;
      second.add(state, 1, 3, 2);
    }
    const view = second.view(true);
    let wrong = 0;
    for (let i = 0; i < n; i++) {
      const at = view.starts[i] as number;
      if (view.words[at] !== i || view.words[at + 1] !== -i || view.words[at + 2] !== i * 7) wrong++;
      if (view.memories?.[i] !== at + 2) wrong++;
    }
    expect(wrong).toBe(0);
    expect(view.count).toBe(n);
    expect(second.bytes).toBe(4 * 3 * n + 8 * n);
    // The arena written two levels later is the same one, emptied.
    expect(levels.next()).toBe(first);
    const again = levels.next();
    expect(again).toBe(second);
    expect(again.count).toBe(0);
    expect(again.view(false).memories).toBeNull();
  });
});
