/**
 * The baseline for bench/async.ts: the same system (implementations/dns/system.ts, unchanged setup,
 * fakes and mapping) driven through fast-check's own scheduler, as a fast-check user would: every
 * fake call and every sleep is a task of `fc.scheduler()`, released one at a time (`waitNext(1)`),
 * fast-check choosing uniformly which; the invariant is checked after each release. fast-check's
 * scheduler has no virtual time (a sleep is one more task), and a failing schedule is not shrunk.
 */
import fc from 'fast-check';
import type { Harness, System } from '../engine/async/index.ts';
import { configure, type Verdict } from '../engine/index.ts';

export interface FcSearch {
  readonly found: boolean;
  /** Schedules run, up to and including the failing one. */
  readonly runs: number;
  /** Operations the last schedule released: the failing one's, when found (fast-check does not shrink it). */
  readonly steps: number;
  readonly cpuMs: number;
}

export async function fcSchedulerSearch(
  system: System,
  variant: string,
  invariant: string,
  params: Record<string, number>,
  opts: { seed: number; runs: number; maxSteps: number },
): Promise<FcSearch> {
  const spec = system.variants[variant]!;
  const inst = configure(system.model!, spec.model, params);
  const prop = inst.model.properties.find((p) => p.name === invariant);
  if (!prop || prop.kind !== 'always') throw new Error(`no always property ${invariant}`);
  const check = (s: unknown): Verdict => prop.check(s, inst.ctx);
  const c0 = process.cpuUsage();
  let runs = 0;
  let steps = 0;
  const details = await fc.check(
    fc.asyncProperty(fc.scheduler(), async (s) => {
      runs++;
      const tasks: Promise<unknown>[] = [];
      const harness: Harness = {
        wrap: <T extends object>(service: string, fake: T) =>
          new Proxy(fake, {
            get: (target, m, receiver) => {
              const v: unknown = Reflect.get(target, m, receiver);
              if (typeof v !== 'function' || typeof m !== 'string') return v;
              // The fake runs when fast-check releases the call, as under racehunt's harness.
              return async (...args: unknown[]) => {
                await s.schedule(Promise.resolve(), `${service}.${m}`);
                return structuredClone(
                  await (v as (...a: unknown[]) => Promise<unknown>).apply(target, structuredClone(args)),
                );
              };
            },
          }),
        clock: { now: () => 0, sleep: (ms) => s.schedule(Promise.resolve(), `sleep(${ms})`) },
        spawn: (_task, run) => void tasks.push(run()),
      };
      const running = system.setup(harness, { options: spec.options, params: inst.params, variant });
      let done = false;
      void Promise.allSettled(tasks).then(() => (done = true));
      for (let step = 0; step <= opts.maxSteps; step++) {
        steps = step;
        await Promise.resolve();
        const v = check(running?.observe?.());
        if (v !== true) throw new Error(String(v));
        if (done || s.count() === 0 || step === opts.maxSteps) return;
        await s.waitNext(1);
      }
    }),
    { seed: opts.seed, numRuns: opts.runs, endOnFailure: true },
  );
  const cpu = process.cpuUsage(c0);
  return { found: details.failed, runs, steps, cpuMs: (cpu.user + cpu.system) / 1000 };
}
