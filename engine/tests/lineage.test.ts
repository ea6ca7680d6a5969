/** Frontier lineages (engine/hunt/lineage.ts): runs that go on from where the one before stopped. */
import { describe, expect, it } from 'vitest';
import { configure } from '../core/instance.ts';
import { Run } from '../core/run.ts';
import type { Box } from '../hunt/arbitraries.ts';
import { Corpus } from '../hunt/corpus.ts';
import { Lineages } from '../hunt/lineage.ts';
import fc from 'fast-check';
import { commandsArbitrary } from '../hunt/arbitraries.ts';
import { LINEAGE_DRAWS, LINEAGE_RUNS, lineageRuns, scheduleArbitrary, type Schedule } from '../hunt/strategy.ts';
import { peterson } from '../../models/zoo/peterson/model.ts';

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
  const draw = (runs: number, start: number): Extract<Schedule<unknown>, { kind: 'frontier' }> => ({
    kind: 'frontier',
    start,
    priority: null,
    changeAt: [],
    picks: [1, 2, 3, 4],
    weights: inst.model.actions.map(() => 1),
    runs,
    ranking: inst.lanes.map((_, i) => i),
  });
  /** Play up to `limit` steps of a started run, as the search does. */
  const play = (started: ReturnType<Lineages['start']>, limit: number): Box => {
    const box: Box = { run: started.start.run, executed: [], limit, onStep: () => {} };
    for (let k = 0; k < limit; k++) {
      const c = started.next(
        k,
        all.filter((x) => box.run.enabled(x)),
      );
      if (!c) break;
      box.executed.push(c);
      box.run.step(c);
    }
    return box;
  };

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
