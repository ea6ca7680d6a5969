/**
 * Shrinking a failing schedule, as hunts shrink model traces: fewer steps, then fewer preemptions.
 * A schedule is the list of which task completed an operation at each step. A candidate is replayed
 * with choices that name nothing enabled skipped, so it always runs; the steps it actually takes
 * are the new schedule, kept if it ends in the same finding (and is shorter, or as long with fewer
 * preemptions). Passes, in order, each until nothing more goes:
 *
 * 1. Starve a task: drop all its steps from some point on (from its first step: the whole task).
 *    A task that took no part in the race, or whose late steps did not matter, goes at once.
 * 2. Remove rounds: a task's steps from one operation up to its next call of the same operation
 *    (a whole walk with an earlier plan, from claim to claim; a poll; a retry on a held lock).
 * 3. Remove consecutive steps of one task, from long stretches down to single steps.
 * 4. Swap neighbouring steps of different tasks where that leaves fewer preemptions (switching away
 *    from a task that could still go), which is what makes a trace read as a story.
 *
 * Why not fast-check's shrinker: handed the schedule as an array of integers, it removes chunks of
 * the global sequence and lowers values, which cuts through every task's rounds at once; measured on
 * the DNS race (97 steps found), it spent its 3,000-run budget to reach 81 steps, where these passes
 * reach 40, the shortest the code allows, in under 600 runs (docs/async.md). fast-check draws and
 * drives the search; shrinking is task-aware.
 */
import { SETTLES } from './checks.ts';
import type { RunRecord } from './harness.ts';
import type { Turn } from './path.ts';
import { skipping } from './replay.ts';
import type { Chooser } from './strategies.ts';

export type Execute = (chooser: Chooser) => Promise<RunRecord>;

/** How many later calls of the same operation a round may end at (the nearest first). */
const ROUND_REACH = 3;

interface Candidate {
  readonly choices: Turn[];
  readonly preemptions: number;
  /** Each step's operation (`route53.listEndpoints`), to find rounds. */
  readonly labels: string[];
}

/**
 * The steps a run took up to its finding, as a schedule. For a `settles` finding, only the steps
 * before the fair tail: the tail follows by itself when the schedule runs out.
 */
export function executed(rec: RunRecord): Turn[] {
  const end =
    rec.end.kind === 'finding'
      ? rec.end.finding.property.name === SETTLES.name && rec.fairFrom !== null
        ? rec.fairFrom
        : rec.end.finding.atStep
      : rec.steps.length;
  return rec.steps.slice(0, end).map((s) => s.choice);
}

/** Steps that switched away from a task that still had an enabled operation. */
export function preemptions(rec: RunRecord): number {
  let n = 0;
  const steps = rec.end.kind === 'finding' ? rec.steps.slice(0, rec.end.finding.atStep) : rec.steps;
  for (let i = 1; i < steps.length; i++) {
    const prev = steps[i - 1]!.op.lane;
    if (steps[i]!.op.lane !== prev && steps[i]!.enabledLanes.includes(prev)) n++;
  }
  return n;
}

export async function shrinkSchedule(
  execute: Execute,
  failing: RunRecord,
  claim: string,
  budget: number,
): Promise<{ choices: Turn[]; shrinks: number }> {
  let spent = 0;
  const fails = async (candidate: readonly Turn[]): Promise<Candidate | null> => {
    spent++;
    const rec = await execute(skipping(candidate));
    if (rec.end.kind !== 'finding' || rec.end.finding.property.name !== claim) return null;
    const choices = executed(rec);
    return {
      choices,
      preemptions: preemptions(rec),
      labels: rec.steps.slice(0, choices.length).map((s) => s.op.label),
    };
  };
  const better = (c: Candidate | null, than: Candidate): c is Candidate =>
    c !== null &&
    (c.choices.length < than.choices.length ||
      (c.choices.length === than.choices.length && c.preemptions < than.preemptions));
  const first = executed(failing);
  let best: Candidate = {
    choices: first,
    preemptions: preemptions(failing),
    labels: failing.steps.slice(0, first.length).map((s) => s.op.label),
  };
  let shrinks = 0;
  const width = Math.max(1, failing.tasks.length);

  // 1. Starve a task from its j-th step on, earliest first.
  for (let changed = true; changed && spent < budget;) {
    changed = false;
    for (let lane = 0; lane < width && !changed && spent < budget; lane++) {
      const at = positionsOf(best.choices, lane);
      for (let j = 0; j < at.length && !changed && spent < budget; j++) {
        const c = await fails(best.choices.filter((x, i) => x.lane !== lane || i < at[j]!));
        if (better(c, best)) [best, changed, shrinks] = [c, true, shrinks + 1];
      }
    }
  }

  if (process.env.RACEHUNT_DEBUG_SHRINK)
    console.error(`shrink: ${failing.steps.length} steps → ${best.choices.length} by starving tasks, ${spent} runs`);

  // 2. Remove rounds: from a step up to (not including) the same task's next call of the same operation.
  for (let changed = true; changed && spent < budget;) {
    changed = false;
    for (let i = best.choices.length - 1; i >= 0 && spent < budget; i--) {
      const lane = best.choices[i]!.lane;
      const at = positionsOf(best.choices, lane);
      const from = at.indexOf(i);
      const ends = at
        .slice(from + 1)
        .filter((k) => best.labels[k] === best.labels[i])
        .slice(0, ROUND_REACH);
      for (const end of ends.reverse()) {
        const drop = new Set(at.slice(from, at.indexOf(end)));
        const c = await fails(best.choices.filter((_, k) => !drop.has(k)));
        if (better(c, best)) {
          [best, changed, shrinks] = [c, true, shrinks + 1];
          break;
        }
      }
    }
  }

  // 3. Remove a task's consecutive steps: long stretches first (a whole walk of an earlier plan),
  //    down to rounds (a poll: list, claim, sleep; a retry: lock, sleep) and single steps.
  for (let changed = true; changed && spent < budget;) {
    changed = false;
    for (const size of [32, 16, 8, 4, 3, 2, 1]) {
      for (let i = best.choices.length - 1; i >= 0 && spent < budget; i--) {
        const lane = best.choices[i]!.lane;
        const at = positionsOf(best.choices, lane);
        const from = at.indexOf(i);
        if (from < 0 || from + size > at.length) continue;
        const drop = new Set(at.slice(from, from + size));
        const c = await fails(best.choices.filter((_, k) => !drop.has(k)));
        if (better(c, best)) [best, changed, shrinks] = [c, true, shrinks + 1];
      }
    }
  }

  // 4. Fewer preemptions at the same length: swap neighbours of different tasks.
  for (let changed = true; changed && spent < budget;) {
    changed = false;
    for (let i = 0; i + 1 < best.choices.length && spent < budget; i++) {
      if (best.choices[i]!.lane === best.choices[i + 1]!.lane) continue;
      const swapped = [...best.choices];
      [swapped[i], swapped[i + 1]] = [swapped[i + 1]!, swapped[i]!];
      const c = await fails(swapped);
      if (better(c, best)) [best, changed, shrinks] = [c, true, shrinks + 1];
    }
  }
  if (process.env.RACEHUNT_DEBUG_SHRINK)
    console.error(`shrink: done, ${best.choices.length} steps, ${best.preemptions} preemptions, ${spent} runs`);
  return { choices: best.choices, shrinks };
}

const positionsOf = (choices: readonly Turn[], lane: number): number[] =>
  choices.flatMap((c, i) => (c.lane === lane ? [i] : []));
