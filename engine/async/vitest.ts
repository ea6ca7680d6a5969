/**
 * vitest helpers for systems under schedule, one line per expectation:
 *
 *   await expectRace(counter, 'read-then-write', 'no-lost-update');   // found, shrunk, printed, pinned
 *   await expectNoRace(counter, 'compare-and-set');                    // every check held, nothing vacuous
 *   describeScheduleTraces([dnsImplementation]);                       // committed traces replay byte for byte
 *
 * Budgets are fixed (seed, runs, steps), so results are deterministic; the seed is in every
 * failure message. Set RACEHUNT_UPDATE_TRACES=1 to rewrite committed traces instead of comparing.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderTerminal, terminalWidth } from '../render/terminal.ts';
import { loadTrace, traceJson, tracePath, type Trace } from '../core/trace.ts';
import { renderMarkdown } from '../render/markdown.ts';
import { DEFAULT_SCHEDULE_TRACES, replayScheduleTrace, saveScheduleTrace } from './evidence.ts';
import { schedule, type ScheduleOptions, type ScheduleResult } from './search.ts';
import { coverageText } from './coverage.ts';
import type { System } from './system.ts';

export interface ExpectScheduleOptions extends Partial<Omit<ScheduleOptions, 'variant' | 'target'>> {
  /** Print the trace, or the coverage of a green search (default true). */
  readonly print?: boolean;
  /** Compare with (or, under RACEHUNT_UPDATE_TRACES=1, write) the committed trace (default true). */
  readonly committed?: boolean;
  readonly tracesRoot?: string;
}

const BUDGET = { seed: 20251019, runs: 200, maxSteps: 300 } as const;
const updating = () => process.env.RACEHUNT_UPDATE_TRACES === '1';

function run(
  system: System,
  variant: string,
  target: string | undefined,
  opts: ExpectScheduleOptions,
): Promise<ScheduleResult> {
  return schedule(system, { ...BUDGET, ...opts, variant, target });
}

/** This variant has a counterexample to `claim`: assert it, print it, pin it to the committed trace. */
export async function expectRace(
  system: System,
  variant: string,
  claim: string,
  opts: ExpectScheduleOptions = {},
): Promise<Trace> {
  const r = await run(system, variant, claim, opts);
  const where = `${system.name} / ${variant} / ${claim} (seed ${r.seed}, ${r.strategy}, ${r.runs} schedules)`;
  expect(r.trace, `expected a counterexample for ${where}, found none`).not.toBeNull();
  const trace = r.trace!;
  expect(trace.outcome, `expected a counterexample for ${where}`).toBe('counterexample');
  // Quiet when it passes: the trace is printed only on request (print: true).
  if (opts.print === true) console.log(renderTerminal(trace, { color: false }));
  if (opts.committed !== false) pin(trace, system, opts.tracesRoot ?? DEFAULT_SCHEDULE_TRACES, where);
  return trace;
}

/** This variant survives the budget: nothing found, and every `sometimes` property reached. */
export async function expectNoRace(
  system: System,
  variant: string,
  opts: ExpectScheduleOptions & { readonly claim?: string } = {},
): Promise<ScheduleResult> {
  const r = await run(system, variant, opts.claim, opts);
  const where = `${system.name} / ${variant} / ${opts.claim ?? 'every check'} (seed ${r.seed}, ${r.strategy}, ${r.runs} schedules)`;
  if (r.trace) {
    const e = new Error(
      `expected ${where} to survive, but found this counterexample:\n\n${renderTerminal(r.trace, { color: false, maxChanges: 0, width: terminalWidth() })}`,
    );
    Error.captureStackTrace(e, expectNoRace);
    throw e;
  }
  expect(r.unreached, `${where} survived vacuously: these sometimes properties were never reached`).toEqual([]);
  if (opts.print === true) console.log(coverageText(r));
  return r;
}

function pin(trace: Trace, system: System, root: string, where: string): void {
  const file = tracePath(root, trace, system.name);
  if (updating()) {
    if (!existsSync(file) || readFileSync(file, 'utf8') !== traceJson(trace)) saveScheduleTrace(trace, system, root);
    return;
  }
  if (!existsSync(file)) return;
  expect(
    traceJson(trace),
    `the shrunk trace for ${where} differs from the committed ${file}; if the change is intended, rerun with RACEHUNT_UPDATE_TRACES=1 and review the diff`,
  ).toBe(readFileSync(file, 'utf8'));
}

/** Every committed schedule trace of these systems (under root/<system>/) re-runs from its path, byte for byte, .md twin included. */
export function describeScheduleTraces(systems: readonly System[], root: string = DEFAULT_SCHEDULE_TRACES): void {
  for (const system of systems) {
    const dir = join(root, system.name);
    const files = existsSync(dir)
      ? (readdirSync(dir, { recursive: true }) as string[]).filter((f) => f.endsWith('.json')).sort()
      : [];
    describe(`committed schedule traces under ${dir}/`, () => {
      it('there is at least one', () => expect(files.length).toBeGreaterThan(0));
      for (const f of files) {
        const file = join(dir, f);
        it(`${f} replays byte for byte`, async () => {
          const trace = loadTrace(file);
          const r = await replayScheduleTrace(system, trace, file);
          expect(r.reproduced, `${file}: ${r.summary}`).toBe(true);
          expect(r.rebuilt && traceJson(r.rebuilt), `${file}: ${r.summary}`).toBe(traceJson(trace));
          const md = file.replace(/\.json$/, '.md');
          if (updating() && readFileSync(md, 'utf8') !== renderMarkdown(trace, { file }))
            saveScheduleTrace(trace, system, root);
          expect(
            readFileSync(md, 'utf8'),
            `${md} is not the rendering of its trace; rerun with RACEHUNT_UPDATE_TRACES=1`,
          ).toBe(renderMarkdown(trace, { file }));
        });
      }
    });
  }
}
