/** Frontier lineages (engine/hunt/lineage.ts): runs that go on from where the one before stopped. */
import { describe, expect, it } from 'vitest';
import { configure, type Instance } from '../core/instance.ts';
import { Run } from '../core/run.ts';
import type { Box } from '../hunt/arbitraries.ts';
import { Corpus } from '../hunt/corpus.ts';
import { Lineages } from '../hunt/lineage.ts';
import fc from 'fast-check';
import { commandsArbitrary } from '../hunt/arbitraries.ts';
import { LINEAGE_DRAWS, LINEAGE_RUNS, lineageRuns, scheduleArbitrary, type Schedule } from '../hunt/strategy.ts';
import { peterson } from '../../models/zoo/peterson/model.ts';
import { modelKit } from '../index.ts';

/** A frontier draw for these tests: no PCT change points, every action weighed alike. */
function frontierDraw(
  inst: Instance,
  runs: number,
  start: number,
  picks: readonly number[],
  ranking: readonly number[],
): Extract<Schedule<unknown>, { kind: 'frontier' }> {
  return {
    kind: 'frontier',
    start,
    priority: null,
    changeAt: [],
    picks,
    weights: inst.model.actions.map(() => 1),
    runs,
    ranking,
  };
}

/** Play up to `limit` steps of a started run, as the search does (telling `lineages` of each step, when given). */
function playRun(inst: Instance, started: ReturnType<Lineages['start']>, limit: number, lineages?: Lineages): Box {
  const all = inst.allChoices();
  const box: Box = { run: started.start.run, executed: [], limit, onStep: (b) => lineages?.stepped(b) };
  for (let k = 0; k < limit; k++) {
    const c = started.next(
      k,
      all.filter((x) => box.run.enabled(x)),
    );
    if (!c) break;
    box.executed.push(c);
    box.run.step(c);
    box.onStep(box);
  }
  return box;
}

describe('how many runs a lineage takes', () => {
  it('is 1, 2, 4, … LINEAGE_RUNS: single runs take half of the steps, each longer length the same share of the rest', () => {
    const count = new Map<number, number>();
    for (let d = 0; d < LINEAGE_DRAWS; d++) count.set(lineageRuns(d), (count.get(lineageRuns(d)) ?? 0) + 1);
    const steps = (n: number) => n * (count.get(n) ?? 0);
    const longer = [...count.keys()].filter((n) => n > 1).sort((a, b) => a - b);
    expect(longer).toEqual(Array.from({ length: Math.log2(LINEAGE_RUNS) }, (_, i) => 2 ** (i + 1)));
    for (const n of longer) expect(steps(n)).toBe(steps(2));
    expect(steps(1)).toBe(longer.reduce((a, n) => a + steps(n), 0));
  });
});

describe('a lineage', () => {
  const inst = configure(peterson, 'victim-first');
  const all = inst.allChoices();
  const draw = (runs: number, start: number) =>
    frontierDraw(
      inst,
      runs,
      start,
      [1, 2, 3, 4],
      inst.lanes.map((_, i) => i),
    );
  /** Play up to `limit` steps of a started run, as the search does. */
  const play = (started: ReturnType<Lineages['start']>, limit: number): Box => playRun(inst, started, limit);

  it('goes on from where its run stopped at the step limit, for the runs it drew, then starts anew', () => {
    const corpus = new Corpus(new Run(inst, {}), 1000, [[all[0]!]]);
    const lineages = new Lineages(inst);
    const first = lineages.start(corpus, draw(2, 1));
    const one = play(first, 3);
    lineages.ended(corpus, one);
    const second = lineages.start(corpus, draw(1, 1));
    // The second run starts where the first stopped: its path is the frontier state's, then the first run's steps.
    expect(Corpus.path(second.start.entry)).toEqual([all[0], ...one.executed]);
    expect(second.start.run.state).toEqual(one.run.state);
    lineages.ended(corpus, play(second, 3));
    // Two runs drawn, two taken: the third starts a new lineage from the corpus, not from the second's end.
    const third = lineages.start(corpus, draw(1, 1));
    expect(Corpus.path(third.start.entry)).toEqual([all[0]]);
  });

  it('of LINEAGE_RUNS runs starts at the frontier, where a shorter one starts where a run stopped', () => {
    const frontier = [[all[0]!], [all[1]!]];
    const startsOf = (runs: number) =>
      [0, 1, 2, 3, 4, 5, 6, 7].map((d) => {
        const corpus = new Corpus(new Run(inst, {}), 1000, frontier);
        const lineages = new Lineages(inst);
        // A first lineage of two runs stops twice at its step limit: two fresh places a lineage may start.
        for (let k = 0; k < 2; k++) lineages.ended(corpus, play(lineages.start(corpus, draw(2, 1)), 3));
        return Corpus.path(lineages.start(corpus, draw(runs, d)).start.entry);
      });
    for (const path of startsOf(LINEAGE_RUNS)) expect(frontier).toContainEqual(path);
    expect(startsOf(LINEAGE_RUNS / 2).some((path) => path.length > 1)).toBe(true);
    expect(startsOf(2).some((path) => path.length > 1)).toBe(true);
  });

  it('ends when its run ends for want of an enabled step', () => {
    const corpus = new Corpus(new Run(inst, {}), 1000, [[all[0]!]]);
    const lineages = new Lineages(inst);
    const first = lineages.start(corpus, draw(LINEAGE_RUNS, 1));
    const short = play(first, 3);
    lineages.ended(corpus, { ...short, limit: short.executed.length + 1 });
    const next = lineages.start(corpus, draw(1, 1));
    expect(short.executed.length).toBe(3);
    expect(Corpus.path(next.start.entry)).toEqual([all[0]]);
  });
});

describe('lineages and the kind of budget', () => {
  const inst = configure(peterson, 'victim-first');
  const runsOf = (lineages: boolean) =>
    fc
      .sample(
        scheduleArbitrary({
          strategy: 'frontier',
          inst,
          maxSteps: 10,
          commands: commandsArbitrary(inst, 10),
          lineages,
        }),
        { seed: 1, numRuns: 200 },
      )
      .map((s) => (s.kind === 'frontier' ? s.runs : 0));

  it('a budget of work draws lineages of several runs; a budget in runs draws single runs, as it always has', () => {
    expect(Math.max(...runsOf(true))).toBeGreaterThan(1);
    expect(new Set(runsOf(false))).toEqual(new Set([1]));
  });
});

/**
 * A worker that does a step of work nine times, then clears up (a rare action), over and over; a
 * slow actor that holds one job, which it can hand in at any time.
 */
type Shop = { readonly work: number; readonly clears: number; readonly handedIn: boolean };
const shopKit = modelKit<Shop, Record<string, never>, Record<string, never>>();
const shop = shopKit.model({
  name: 'shop',
  title: 'a worker and a slow actor',
  doc: 'lineage tests',
  params: {},
  variants: { plain: { doc: 'as above', switches: {} } },
  init: () => ({ work: 0, clears: 0, handedIn: false }),
  actions: [
    shopKit.action({
      name: 'work',
      doc: 'a step of work',
      actor: () => 'worker',
      when: (s) => s.work < 9 && s.clears < 6,
      step: (d) => {
        d.work += 1;
      },
    }),
    shopKit.action({
      name: 'clear',
      doc: 'clears up after nine steps of work',
      actor: () => 'worker',
      when: (s) => s.work === 9,
      step: (d) => {
        d.work = 0;
        d.clears += 1;
      },
    }),
    shopKit.action({
      name: 'handIn',
      doc: 'the slow actor hands its job in',
      actor: () => 'slow',
      when: (s) => !s.handedIn,
      step: (d) => {
        d.handedIn = true;
      },
    }),
  ],
  properties: [],
});

describe('a lineage with one actor slow', () => {
  const inst = configure(shop, 'plain');
  // The slow actor ranks first: only the lineage's demotion can hold it back.
  const draw = (runs: number, start: number) =>
    frontierDraw(
      inst,
      runs,
      start,
      Array.from({ length: 40 }, () => 0),
      [inst.lanes.indexOf('slow'), inst.lanes.indexOf('worker')],
    );
  const play = (lineages: Lineages, started: ReturnType<Lineages['start']>, limit: number): Box =>
    playRun(inst, started, limit, lineages);
  const actorsOf = (box: Box) => box.executed.map((c) => inst.actor(c));
  /** A lineage of two runs whose start draw makes the slow actor the one held back (both can act at the start). */
  const slowDraw = (runs: number) =>
    [0, 1, 2, 3]
      .map((k) => k << 8)
      .find((start) => {
        const lineages = new Lineages(inst);
        const first = play(lineages, lineages.start(new Corpus(new Run(inst, {}), 1000), draw(runs, start)), 3);
        return !actorsOf(first).includes('slow');
      }) as number;

  it('puts one of the actors that can act where it starts below every other, for the whole lineage', () => {
    const start = slowDraw(2);
    expect(start).toBeDefined();
    const lineages = new Lineages(inst);
    const corpus = new Corpus(new Run(inst, {}), 1000);
    const one = play(lineages, lineages.start(corpus, draw(2, start)), 40);
    // Ranked first, yet it waits while the worker can act: nine steps of work and a clear-up, four times.
    expect(actorsOf(one)).toEqual(Array.from({ length: 40 }, () => 'worker'));
  });

  it('then queues release runs from before the last rare actions it held the slow actor back through', () => {
    const start = slowDraw(2);
    const lineages = new Lineages(inst);
    const corpus = new Corpus(new Run(inst, {}), 1000);
    const one = play(lineages, lineages.start(corpus, draw(2, start)), 40);
    lineages.ended(corpus, one);
    const clears = one.executed.flatMap((c, k) => (c.action.name === 'clear' ? [k] : []));
    expect(clears).toEqual([9, 19, 29, 39]);
    for (const at of clears.slice(-2)) {
      const release = lineages.start(corpus, draw(1, 0));
      expect(release.limit).toBe(16);
      // It starts right before the clear-up, and the slow actor goes first.
      expect(Corpus.path(release.start.entry)).toEqual(one.executed.slice(0, at));
      const box = play(lineages, release, 2);
      expect(actorsOf(box)).toEqual(['slow', 'worker']);
      lineages.ended(corpus, box);
    }
    // Then the lineage goes on from where its first run stopped.
    const second = lineages.start(corpus, draw(1, 0));
    expect(second.limit).toBeUndefined();
    expect(Corpus.path(second.start.entry)).toEqual(one.executed);
  });
});
