/**
 * `racehunt check <model|path> --variant V [--invariant I …] …`: explore every reachable state of one
 * variant breadth-first. Prints, per property, the shortest counterexample or witness, or that it
 * holds in all N reachable states (or within which bounds), then the shortest counterexample.
 *
 * Exit codes, as for hunt: 1 a counterexample was found (it is real and shortest, even in a cut
 * search); 0 it holds in the complete state space, or in every run of at most --max-depth steps
 * (a bounded model check, stated as such); 3 a `sometimes` property is unreachable there (the green
 * result is vacuous); 2 bad input; 4 the search was cut by --max-states before the depth it reached
 * was finished, so nothing was proven (raise --max-states, or bound the depth instead).
 */
import { RacehuntError } from '../core/errors.ts';
import { explore, DEFAULT_MAX_STATES, type ExploreProgress, type ExploreResult, type PropertyResult, type StepperKind } from '../explore/explore.ts';
import { configure } from '../core/instance.ts';
import type { Catalog, LoadedModel } from '../project/load.ts';
import { renderTerminal } from '../render/terminal.ts';
import { formatParams } from '../render/format.ts';
import { DEFAULT_TRACES_ROOT, saveTrace } from '../project/save.ts';
import { COMMON, EXIT, colour, int, parse } from './options.ts';
import { loadTarget } from './target.ts';

export const CHECK_USAGE =
  'racehunt check <model|path> --variant V [--invariant I …] [--param k=v …] [--max-states N] [--max-depth D] [--no-symmetry] [--all-states] [--stepper copy|immer] [--save] [--traces DIR] [--json]';

/** The search was cut by --max-states inside a level: no proof, no counterexample. */

export async function checkCommand(argv: readonly string[], catalog: Catalog): Promise<number> {
  const { values, positionals } = parse(
    argv,
    {
      ...COMMON,
      variant: { type: 'string' },
      invariant: { type: 'string', multiple: true },
      param: { type: 'string', multiple: true },
      'max-states': { type: 'string' },
      'max-depth': { type: 'string' },
      'no-symmetry': { type: 'boolean' },
      'all-states': { type: 'boolean' },
      stepper: { type: 'string' },
      save: { type: 'boolean' },
      traces: { type: 'string' },
    },
    CHECK_USAGE,
  );
  if (values.help) {
    console.log(CHECK_USAGE);
    return EXIT.ok;
  }
  const { loaded, variant, inst } = await loadTarget('check', CHECK_USAGE, positionals, values, catalog);
  for (const name of values.invariant ?? []) inst.property(name);
  const stepper = values.stepper ?? 'copy';
  if (stepper !== 'copy' && stepper !== 'immer') throw new RacehuntError('usage', `--stepper must be copy or immer, got "${stepper}"`);

  // Progress properties are judged by a round-robin in lane order, which symmetry reduction cannot
  // respect, so a search that checks them runs without it. When safety and progress properties are
  // asked together and the model has a symmetry, two searches do better than one: safety up to
  // symmetry (often the difference between a proof and a cut search), progress without.
  const asked = (values.invariant ?? inst.model.properties.filter((p) => p.kind !== 'sometimes').map((p) => p.name)).map((n) => inst.property(n));
  const progressAsked = asked.filter((p) => p.kind === 'progress').map((p) => p.name);
  const safetyAsked = asked.filter((p) => p.kind !== 'progress').map((p) => p.name);
  const symmetry = !values['no-symmetry'];
  const passes: (readonly string[] | undefined)[] = symmetry && inst.model.canonical && progressAsked.length > 0 && safetyAsked.length > 0 ? [safetyAsked, progressAsked] : [values.invariant];

  const results: ExploreResult[] = [];
  for (const target of passes) {
    const progress = progressLine(`${loaded.ref} / ${variant}${passes.length > 1 ? ` (${target?.join(', ')})` : ''}`);
    try {
      results.push(
        explore(inst, {
          target,
          maxStates: int(values['max-states'], 'max-states', 1) ?? DEFAULT_MAX_STATES,
          maxDepth: int(values['max-depth'], 'max-depth', 0),
          symmetry,
          exhaust: values['all-states'] ?? false,
          stepper: stepper as StepperKind,
          modelRef: loaded.ref,
          onProgress: progress.onProgress,
        }),
      );
    } finally {
      progress.done();
    }
  }

  const saved: string[] = [];
  if (values.save) {
    for (const result of results) {
      for (const p of result.properties) {
        const keep = p.outcome === 'counterexample' || (p.outcome === 'reached' && result.targets.includes(p.name));
        if (keep && p.trace && !saved.some((f) => f.endsWith(`/${p.name}.json`))) saved.push(saveTrace(p.trace, inst, values.traces ?? DEFAULT_TRACES_ROOT));
      }
    }
  }

  if (values.json) {
    const json = results.map((result) => {
      const { trace, properties, ...rest } = result;
      return { ...rest, invariant: result.target, invariants: result.targets, steps: trace ? trace.steps.length : null, properties: properties.map(({ trace: t, ...p }) => ({ ...p, trace: t })), trace };
    });
    const [first] = json;
    if (json.length === 1) console.log(JSON.stringify({ ...first, saved }));
    else console.log(JSON.stringify(combined(json, saved)));
  } else {
    console.log(results.map((result, i) => describeCheck(result, { color: colour(values), saved, model: loaded, ...(results.length > 1 ? { pass: `search ${i + 1} of ${results.length}: ${result.targets.join(', ')}` } : {}) })).join('\n\n'));
  }
  return results.map(exitCode).reduce(worst);
}

/** Several searches, one JSON object: the documented fields summed over them, each search in `passes`. */
function combined(passes: readonly (Record<string, unknown> & { found: boolean; states: number; transitions: number; depth: number; ms: number; steps: number | null })[], saved: readonly string[]) {
  const states = passes.reduce((n, p) => n + p.states, 0);
  const ms = passes.reduce((n, p) => n + p.ms, 0);
  const first = passes[0]!;
  return {
    model: first.model,
    variant: first.variant,
    params: first.params,
    found: passes.some((p) => p.found),
    states,
    transitions: passes.reduce((n, p) => n + p.transitions, 0),
    depth: Math.max(...passes.map((p) => p.depth)),
    ms,
    statesPerSec: Math.round(states / Math.max(ms / 1000, 0.001)),
    steps: passes.find((p) => p.steps !== null)?.steps ?? null,
    saved,
    passes,
  };
}

/** The exit code of several searches: a counterexample anywhere, else the least reassuring. */
function worst(a: number, b: number): number {
  const rank = [EXIT.found, EXIT.incomplete, EXIT.vacuous, EXIT.ok] as number[];
  return rank.indexOf(a) <= rank.indexOf(b) ? a : b;
}

export function exitCode(r: ExploreResult): number {
  if (r.properties.some((p) => p.outcome === 'counterexample')) return EXIT.found;
  const asked = r.properties.filter((p) => r.targets.includes(p.name));
  if (asked.length > 0 && asked.every((p) => p.outcome === 'reached')) return EXIT.ok;
  if (r.cut === 'max-states') return EXIT.incomplete;
  return r.properties.some((p) => p.outcome === 'unreached') ? EXIT.vacuous : EXIT.ok;
}

/** What the search covered, in words: a proof, a bounded proof, or a search cut short. */
export function scope(r: ExploreResult): string {
  const n = r.states.toLocaleString('en-US');
  const classes = r.symmetry ? ' (up to symmetry)' : '';
  if (r.cut === null) return `all ${n} reachable states${classes}`;
  if (r.cut === 'max-depth') return `all ${n} states${classes} within ${r.maxDepth} steps (bounded by --max-depth: not a proof beyond it)`;
  if (r.cut === 'max-states') return `the first ${n} states${classes}, to depth ${r.depth} (cut by --max-states: not a proof)`;
  return `the first ${n} states${classes}, to depth ${r.depth} (stopped once every property asked about was decided)`;
}

function line(p: PropertyResult, r: ExploreResult): string {
  const kind = p.kind.padEnd(9);
  switch (p.outcome) {
    case 'counterexample':
      return `✗ ${p.name}  ${kind}  broken after ${p.steps} steps (shortest): ${p.message}`;
    case 'reached':
      return `✓ ${p.name}  ${kind}  reached after ${p.steps} steps (shortest)`;
    case 'holds':
      return `✓ ${p.name}  ${kind}  holds in ${scope(r)}`;
    case 'unreached':
      return `✗ ${p.name}  ${kind}  never reached in ${scope(r)}`;
    default:
      return `? ${p.name}  ${kind}  not decided (the search stopped early)`;
  }
}

export function describeCheck(r: ExploreResult, opts: { color: boolean | undefined; saved: readonly string[]; model: LoadedModel; pass?: string }): string {
  const out: string[] = [];
  out.push(`racehunt check ${r.model} / ${r.variant} (${formatParams(r.params)})${opts.pass ? ` — ${opts.pass}` : ''}`);
  const width = Math.max(...r.properties.map((p) => p.name.length));
  for (const p of r.properties) out.push(`  ${line({ ...p, name: p.name.padEnd(width) }, r)}`);
  const rate = r.statesPerSec.toLocaleString('en-US');
  out.push(
    `  ${r.states.toLocaleString('en-US')} states, ${r.transitions.toLocaleString('en-US')} transitions, depth ${r.depth}, ${r.terminal} terminal; ${r.ms} ms (${rate} states/s), ${r.bytesPerState} bytes/state, symmetry ${r.symmetry ? 'on' : 'off'}`,
  );
  if (r.symmetryOff) out.push(`  symmetry reduction ${r.symmetryOff}`);
  if (r.states > 1_000_000) out.push(`  fingerprint collision odds ≈ ${r.collisionOdds.toExponential(1)}`);
  if (r.cut === 'max-states') out.push(`  ⚠ incomplete: cut at --max-states ${r.maxStates.toLocaleString('en-US')}; nothing is proven beyond depth ${Math.max(r.depth - 1, 0)}`);
  const unreached = r.properties.filter((p) => p.outcome === 'unreached').map((p) => p.name);
  if (unreached.length > 0 && r.cut !== 'max-states') out.push(`  ⚠ never reached: ${unreached.join(', ')} — what holds here holds vacuously`);
  const inst = configure(opts.model.model, r.variant, r.params);
  const shown = r.properties.filter((p) => p.trace && (p.outcome === 'counterexample' || r.targets.includes(p.name)));
  for (const p of shown) {
    out.push('');
    const file = opts.saved.find((f) => f.endsWith(`/${p.name}.json`));
    out.push(renderTerminal(p.trace!, { ...(opts.color === undefined ? {} : { color: opts.color }), ...(file ? { file } : {}), model: inst.model, ctx: inst.ctx }));
  }
  if (opts.saved.length > 0) out.push(`  saved ${opts.saved.join(', ')} and their .md twins`);
  return out.join('\n');
}

/**
 * The progress line on stderr for checks longer than a second: rewritten in place on a terminal,
 * one line every five seconds in CI logs.
 */
function progressLine(label: string): { onProgress: (p: ExploreProgress) => void; done: () => void } {
  const tty = process.stderr.isTTY === true;
  let shown = false;
  let lastLogged = -Infinity;
  return {
    onProgress(p) {
      const rate = Math.round(p.states / Math.max(p.ms / 1000, 0.001)).toLocaleString('en-US');
      const text = `racehunt: ${label}: ${p.states.toLocaleString('en-US')} states, depth ${p.depth}, frontier ${p.frontier.toLocaleString('en-US')}, ${rate} states/s, ${(p.ms / 1000).toFixed(1)}s`;
      if (tty) {
        process.stderr.write(`\r\x1b[2K${text}`);
        shown = true;
      } else if (p.ms - lastLogged >= 5000) {
        lastLogged = p.ms;
        process.stderr.write(`${text}\n`);
      }
    },
    done() {
      if (shown) process.stderr.write('\r\x1b[2K');
    },
  };
}
