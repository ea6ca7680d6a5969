/**
 * `racehunt check <model|path> --variant V [--property P …] …`: explore every reachable state of
 * one variant breadth-first. Prints, per property, the shortest counterexample or witness, or that
 * it holds in all N reachable states (or within which bounds), then the shortest counterexample.
 *
 * Exit codes, as for hunt: 1 a counterexample was found (it is real and shortest, even in a cut
 * search); 0 it holds in the complete state space, or in every run of at most --max-depth steps
 * (a bounded model check, stated as such); 3 a `sometimes` property is unreachable there (the green
 * result is vacuous); 2 bad input; 4 the search was cut by --max-states before the depth it reached
 * was finished, so nothing was proven (raise --max-states, or bound the depth instead); 130 when
 * Ctrl-C stopped it (what it explored until then is printed, and what it decided).
 */
import { RacehuntError } from '../core/errors.ts';
import { configure } from '../core/instance.ts';
import { atStartWarning, reachedAtStart } from '../core/judge.ts';
import {
  DEFAULT_MAX_MEMORY_BYTES,
  DEFAULT_MAX_STATES,
  defaultWorkers,
  explore,
  type ExploreResult,
  type PropertyResult,
  type StepperKind,
} from '../explore/explore.ts';
import { exploreSource } from '../project/explore-source.ts';
import { workerCount } from '../project/parallel.ts';
import { formatBytes, memorySize } from './memory.ts';
import type { LoadedModel } from '../project/load.ts';
import { DEFAULT_TRACES_ROOT } from '../project/save.ts';
import { formatParams } from '../render/format.ts';
import { renderTerminal } from '../render/terminal.ts';
import { safeText } from '../render/safe-text.ts';
import type { CliContext } from './context.ts';
import { annotate, type Failure } from './github.ts';
import { EXIT, NO_DEADLOCK_OPTION, colour, flag, int, list, parse, str, type CommandSpec } from './options.ts';
import { checkProgress, progressLine } from './progress.ts';
import { trySave } from './saving.ts';
import { loadTarget } from './target.ts';

export const CHECK: CommandSpec = {
  name: 'check',
  args: '<model|path>',
  doc: 'Explore every reachable state breadth-first: shortest counterexamples, proofs within bounds.',
  options: [
    { name: 'variant', value: 'V', meaning: 'the variant to check', default: 'the only one, when the model has one' },
    {
      name: 'property',
      alias: 'invariant',
      value: 'P',
      multiple: true,
      meaning: 'check these properties only',
      default: 'every property',
    },
    { name: 'param', value: 'k=v', multiple: true, meaning: 'a model parameter, checked against its range' },
    NO_DEADLOCK_OPTION,
    {
      name: 'max-states',
      value: 'N',
      meaning: 'stop after N distinct states (the result is then not a proof)',
      default: DEFAULT_MAX_STATES.toLocaleString('en-US'),
    },
    { name: 'max-depth', value: 'D', meaning: 'explore runs of at most D steps (a bounded check, stated as such)' },
    { name: 'no-symmetry', meaning: "do not use the model's symmetry reduction" },
    {
      name: 'all-states',
      meaning:
        'explore every state, even after a counterexample or after every property is decided (state counts); by default the check stops at its first counterexample',
    },
    {
      name: 'stepper',
      value: 'copy|immer',
      meaning: 'how successors are computed: a plain copy, or immer',
      default: 'copy',
    },
    {
      name: 'save',
      meaning: 'write each counterexample to <traces>/<model>/<variant>/<property>.json and its .md twin',
    },
    { name: 'traces', value: 'DIR', meaning: 'where --save writes', default: DEFAULT_TRACES_ROOT },
    {
      name: 'workers',
      value: 'N',
      meaning: 'threads that expand states (the result is the same for any number)',
      default: 'the cores',
    },
    {
      name: 'fingerprint-only',
      meaning:
        'keep only fingerprints in memory (≤ 16 bytes a state); the way back to each state goes to a temporary file',
    },
    {
      name: 'max-memory',
      value: 'SIZE',
      meaning: 'stop at a safe point once the process holds this much memory (512MB, 8GB), and say what was covered',
      default: `60% of this machine's memory (${formatBytes(DEFAULT_MAX_MEMORY_BYTES)})`,
    },
    { name: 'progress', meaning: 'print a progress line every 5 s even off a terminal (CI logs)' },
  ],
};

export async function checkCommand(
  argv: readonly string[],
  { catalog, catalogModule, interrupt }: CliContext,
): Promise<number> {
  const { values, positionals } = parse(argv, CHECK);
  const { loaded, variant, inst } = await loadTarget('check', positionals, values, catalog);
  const stepper = str(values, 'stepper') ?? 'copy';
  if (stepper !== 'copy' && stepper !== 'immer')
    throw new RacehuntError('usage', `--stepper must be copy or immer, got "${stepper}"`);
  const progress = progressLine(`${loaded.ref} / ${variant}`, flag(values, 'progress'));
  const workers = workerCount(int(str(values, 'workers'), 'workers', 1) ?? defaultWorkers(), (m) =>
    console.error(`racehunt: ${m}`),
  );
  // Helper threads load the model as this command did: by catalog name, or by path.
  const source = exploreSource({
    modelRef: loaded.ref,
    catalogModule: catalogModule ?? null,
    variant,
    params: inst.params,
    deadlock: !flag(values, 'no-deadlock'),
  });
  const maxStates = int(str(values, 'max-states'), 'max-states', 1) ?? DEFAULT_MAX_STATES;
  let result: ExploreResult;
  try {
    result = explore(inst, {
      target: list(values, 'property'),
      maxStates,
      maxDepth: int(str(values, 'max-depth'), 'max-depth', 0),
      symmetry: !flag(values, 'no-symmetry'),
      exhaust: flag(values, 'all-states'),
      stepper: stepper as StepperKind,
      modelRef: loaded.ref,
      workers,
      source,
      fingerprintOnly: flag(values, 'fingerprint-only'),
      maxMemoryBytes: memorySize(str(values, 'max-memory')),
      onProgress: (p) => progress.show(checkProgress(p, maxStates), p.ms),
      interrupted: interrupt.requested,
      stopAtCounterexample: !flag(values, 'all-states'),
      // Each verdict as soon as it is decided, before the search goes on (text mode; JSON gets decidedAfter).
      onVerdict: flag(values, 'json')
        ? undefined
        : (p, ms) => {
            progress.done();
            console.log(
              `  ${p.outcome === 'counterexample' ? '✗' : '✓'} ${p.name}: ${p.outcome === 'counterexample' ? 'broken' : 'reached'} after ${p.steps} steps (shortest), decided after ${p.decidedAfter?.states.toLocaleString('en-US')} states in ${(ms / 1000).toFixed(1)} s`,
            );
          },
    });
  } finally {
    progress.done();
  }

  // A save that fails never throws the findings away: they are printed, and the error follows.
  const saved: string[] = [];
  let saveError: RacehuntError | null = null;
  if (flag(values, 'save')) {
    for (const p of result.properties) {
      const keep = p.outcome === 'counterexample' || (p.outcome === 'reached' && result.targets.includes(p.name));
      if (!keep || !p.trace) continue;
      const r = trySave(p.trace, inst, str(values, 'traces') ?? DEFAULT_TRACES_ROOT, interrupt);
      if (r.saved !== null) saved.push(r.saved);
      else saveError ??= r.error;
    }
  }

  if (flag(values, 'json')) {
    const json = (r: ExploreResult): Record<string, unknown> => {
      const { trace, properties, passes, ...rest } = r;
      return {
        ...rest,
        invariant: r.target,
        invariants: r.targets,
        steps: trace ? trace.steps.length : null,
        properties,
        trace,
        ...(passes ? { passes: passes.map(json) } : {}),
      };
    };
    console.log(JSON.stringify({ ...json(result), saved }));
  } else {
    const passes = result.passes ?? [result];
    console.log(
      passes
        .map((r, i) =>
          describeCheck(r, {
            color: colour(values),
            saved,
            model: loaded,
            ...(passes.length > 1 ? { pass: `search ${i + 1} of ${passes.length}: ${r.targets.join(', ')}` } : {}),
          }),
        )
        .join('\n\n'),
    );
  }
  annotate(
    (result.passes ?? [result]).flatMap((r) => checkFailures(r, loaded)),
    flag(values, 'json') ? (l) => console.error(l) : (l) => console.log(l),
  );
  // A witness that holds in the initial state witnesses nothing: what holds counts on nothing.
  const atStart = reachedAtStart(inst);
  const warning = atStartWarning(atStart);
  if (warning && !flag(values, 'json')) console.log(`  ⚠ vacuous: ${warning}`);
  if (saveError) console.error(`racehunt: ${saveError.message}`);
  const code = (result.passes ?? [result]).map(exitCode).reduce(worst);
  return atStart.length > 0 ? worst(code, EXIT.vacuous) : code;
}

/** What failed, for GitHub annotations: each counterexample; a witness never reached (a warning unless it was asked about). */
function checkFailures(r: ExploreResult, loaded: LoadedModel): Failure[] {
  const where = `racehunt: ${loaded.ref} / ${r.variant}`;
  return r.properties.flatMap((p): Failure[] => {
    if (p.outcome === 'counterexample')
      return [
        {
          model: loaded.model,
          property: p.name,
          title: `${where} / ${p.name}: counterexample in ${p.steps} steps (shortest)`,
          message: p.message ?? 'broken',
        },
      ];
    if (p.outcome === 'unreached' && r.cut !== 'max-states' && r.cut !== 'interrupted')
      return [
        {
          model: loaded.model,
          property: p.name,
          ...(r.targets.includes(p.name) ? {} : { level: 'warning' as const }),
          title: `${where} / ${p.name}: never reached`,
          message: `${p.name} is never reached in ${scope(r)}`,
        },
      ];
    return [];
  });
}

/** The exit code of several searches: interrupted, else a counterexample anywhere, else the least reassuring. */
function worst(a: number, b: number): number {
  const rank = [EXIT.interrupted, EXIT.found, EXIT.incomplete, EXIT.vacuous, EXIT.ok] as number[];
  return rank.indexOf(a) <= rank.indexOf(b) ? a : b;
}

export function exitCode(r: ExploreResult): number {
  if (r.cut === 'interrupted') return EXIT.interrupted;
  if (r.properties.some((p) => p.outcome === 'counterexample')) return EXIT.found;
  const asked = r.properties.filter((p) => r.targets.includes(p.name));
  if (asked.length > 0 && asked.every((p) => p.outcome === 'reached')) return EXIT.ok;
  if (r.cut === 'max-states' || r.cut === 'time-budget' || r.cut === 'memory') return EXIT.incomplete;
  return r.properties.some((p) => p.outcome === 'unreached') ? EXIT.vacuous : EXIT.ok;
}

/** What the search covered, in words: a proof, a bounded proof, or a search cut short. */
export function scope(r: ExploreResult): string {
  const n = r.states.toLocaleString('en-US');
  const classes = r.symmetry ? ' (up to symmetry)' : '';
  if (r.cut === null) return `all ${n} reachable states${classes}`;
  if (r.cut === 'max-depth')
    return `all ${n} states${classes} within ${r.maxDepth} steps (bounded by --max-depth: not a proof beyond it)`;
  if (r.cut === 'max-states')
    return `the first ${n} states${classes}, to depth ${r.depth} (cut by --max-states: not a proof)`;
  if (r.cut === 'time-budget')
    return `the first ${n} states${classes}, to depth ${r.depth} (cut by the time budget: not a proof)`;
  if (r.cut === 'interrupted') return `the first ${n} states${classes}, to depth ${r.depth} (interrupted: not a proof)`;
  if (r.cut === 'memory')
    return `the first ${n} states${classes}, every run of at most ${r.depthComplete} steps (cut by the memory budget: not a proof)`;
  return `the first ${n} states${classes}, to depth ${r.depth} (stopped once every property asked about was decided)`;
}

function line(p: PropertyResult, r: ExploreResult): string {
  const kind = p.kind.padEnd(9);
  switch (p.outcome) {
    case 'counterexample':
      return `✗ ${p.name}  ${kind}  broken after ${p.steps} steps (shortest): ${safeText(p.message ?? '')}`;
    case 'reached':
      return `✓ ${p.name}  ${kind}  reached after ${p.steps} steps (shortest)`;
    case 'holds':
      return `✓ ${p.name}  ${kind}  holds in ${scope(r)}`;
    case 'unreached':
      return `✗ ${p.name}  ${kind}  never reached in ${scope(r)}`;
    default:
      return `? ${p.name}  ${kind}  undecided: the search stopped after ${r.states.toLocaleString('en-US')} states, depth ${r.depth}, before deciding it`;
  }
}

export function describeCheck(
  r: ExploreResult,
  opts: { color: boolean | undefined; saved: readonly string[]; model: LoadedModel; pass?: string },
): string {
  const out: string[] = [];
  out.push(
    `racehunt check ${safeText(r.model)} / ${r.variant} (${formatParams(r.params)})${opts.pass ? ` — ${opts.pass}` : ''}`,
  );
  const width = Math.max(...r.properties.map((p) => p.name.length));
  for (const p of r.properties) out.push(`  ${line({ ...p, name: p.name.padEnd(width) }, r)}`);
  const rate = r.statesPerSec.toLocaleString('en-US');
  out.push(
    `  ${r.states.toLocaleString('en-US')} states${r.modelStates !== r.states ? ` (${r.modelStates.toLocaleString('en-US')} of the model, each with what the monitors remember)` : ''}, ${r.transitions.toLocaleString('en-US')} transitions, depth ${r.depth}, ${r.terminal} terminal; ${r.ms} ms (${rate} states/s), ${r.bytesPerState} bytes/state, symmetry ${r.symmetry ? 'on' : 'off'}`,
  );
  if (r.symmetryOff) out.push(`  symmetry reduction ${r.symmetryOff}`);
  out.push(
    `  ${r.workers} ${r.workers === 1 ? 'thread' : 'threads'}${r.fingerprintOnly ? ', fingerprint-only (the trail on disk)' : ''}; the probability that a fingerprint collision hid a state (TLC's optimistic estimate): ${r.collisionProbability.toExponential(1)}`,
  );
  if (r.cut === 'interrupted')
    out.push(
      `  ⚠ interrupted (Ctrl-C) after ${r.states.toLocaleString('en-US')} states, to depth ${r.depth}, in ${(r.ms / 1000).toFixed(1)} s: what is not decided above is not proven`,
    );
  if (r.cut === 'max-states')
    out.push(
      `  ⚠ incomplete: cut at --max-states ${r.maxStates.toLocaleString('en-US')}; nothing is proven beyond depth ${Math.max(r.depth - 1, 0)}`,
    );
  if (r.cut === 'memory')
    out.push(
      `  ⚠ incomplete: cut by the memory budget (--max-memory) after ${r.states.toLocaleString('en-US')} states; every run of at most ${r.depthComplete} steps is covered, nothing beyond is proven`,
    );
  const unreached = r.properties.filter((p) => p.outcome === 'unreached').map((p) => p.name);
  if (unreached.length > 0 && r.cut !== 'max-states' && r.cut !== 'interrupted')
    out.push(`  ⚠ never reached: ${unreached.join(', ')} — what holds here holds vacuously`);
  const inst = configure(opts.model.model, r.variant, r.params);
  const shown = r.properties.filter((p) => p.trace && (p.outcome === 'counterexample' || r.targets.includes(p.name)));
  for (const p of shown) {
    out.push('');
    const file = opts.saved.find((f) => f.endsWith(`/${p.name}.json`));
    out.push(
      renderTerminal(p.trace!, {
        ...(opts.color === undefined ? {} : { color: opts.color }),
        ...(file ? { file } : {}),
        model: inst.model,
        ctx: inst.ctx,
      }),
    );
  }
  if (opts.saved.length > 0) out.push(`  saved ${opts.saved.join(', ')} and their .md twins`);
  return out.join('\n');
}
