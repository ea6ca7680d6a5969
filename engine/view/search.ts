/**
 * "Search from here": the hunt or the exhaustive check, run on the model as if the state under the
 * page's cursor were its initial state, and its counterexample (or witness) appended to the path, so
 * that the page opens it like any other path. The model is the same; only where it starts differs,
 * so progress monitors and run witnesses start remembering from this state.
 */
import { configure } from '../core/instance.ts';
import { explore } from '../explore/explore.ts';
import { hunt } from '../hunt/hunt.ts';
import type { LoadedModel } from '../project/load.ts';
import { budgetFor } from '../project/manifest.ts';
import { choiceIndex, startingAt, viewAt, type Address } from './session.ts';

export interface SearchRequest {
  readonly how: 'hunt' | 'check';
  /** One property; none: every property (a hunt or a check stops at its first counterexample). */
  readonly property?: string | undefined;
}

export interface SearchResult {
  readonly found: boolean;
  /** The path with what was found appended, the cursor at its end; when nothing was found, the address asked about. */
  readonly address: Address;
  readonly summary: string;
}

/** A search from the page's state stays short: the page waits for it. */
const CHECK_STATES = 200_000;
const TIME_BUDGET_MS = 20_000;

export function searchFrom(l: LoadedModel, a: Address, req: SearchRequest): SearchResult {
  const here = viewAt(l, a);
  const path = here.address.path.slice(0, here.address.cursor);
  const model = startingAt(l.model, here.state);
  const inst = configure(model, a.variant, a.params);
  const own = configure(l.model, a.variant, a.params);
  const from = path.length === 0 ? 'the initial state' : `step ${path.length}`;
  let trace;
  let summary: string;
  if (req.how === 'hunt') {
    const budget = budgetFor(l.manifest, a.variant, req.property);
    const r = hunt(inst, {
      seed: budget.seed,
      runs: budget.runs,
      maxSteps: budget.maxSteps,
      strategy: budget.strategy,
      target: req.property,
      modelRef: l.ref,
      timeBudgetMs: TIME_BUDGET_MS,
    });
    trace = r.trace;
    summary = trace
      ? `hunt from ${from}: ${trace.property.name} ${trace.outcome === 'witness' ? 'reached' : 'broken'} ${trace.steps.length} steps further (run ${r.runs}, seed ${r.seed})`
      : r.proof
        ? `hunt from ${from}: ${req.property ?? 'every property'} holds in all ${r.proof.states.toLocaleString('en-US')} states reachable from here`
        : `hunt from ${from}: nothing found in ${r.runs} runs (seed ${r.seed}) — sampled, not a proof`;
  } else {
    const r = explore(inst, {
      target: req.property,
      maxStates: CHECK_STATES,
      timeBudgetMs: TIME_BUDGET_MS,
      modelRef: l.ref,
      stopAtCounterexample: true,
    });
    trace = r.trace;
    const states = r.states.toLocaleString('en-US');
    summary = trace
      ? `check from ${from}: ${trace.property.name} ${trace.outcome === 'witness' ? 'reached' : 'broken'} ${trace.steps.length} steps further (shortest; ${states} states explored)`
      : r.cut === null
        ? `check from ${from}: ${req.property ?? 'every property'} holds in all ${states} states reachable from here`
        : `check from ${from}: nothing found in the first ${states} states (cut: ${r.cut}) — not a proof`;
  }
  if (!trace) return { found: false, address: a, summary };
  const more = trace.steps.map((s) => choiceIndex(own, s.action, s.args, `step ${path.length + s.index}`));
  const full = [...path, ...more];
  return { found: true, address: { ...a, path: full, cursor: full.length }, summary };
}
