/**
 * One vocabulary for what a check says about a property, whoever checked it (a hunt, the
 * explorer, a replay) and whatever expects it (a manifest, a test):
 *
 * - `counterexample`: a trace breaks it;
 * - `reached`: a trace reaches it (a `sometimes` property: the trace is a witness);
 * - `holds`: no counterexample in what was covered (all reachable states: a proof; else a bound);
 * - `unreached`: a `sometimes` property never reached in what was covered;
 * - `vacuous`: held, but some `sometimes` property was never reached, so the run proves little;
 * - `undecided`: the check stopped (a bound, or another property decided first) before deciding it.
 *
 * A trace file records its own kind in its `outcome` field: "counterexample" or "witness".
 */
export type Outcome = 'counterexample' | 'reached' | 'holds' | 'unreached' | 'vacuous' | 'undecided';

/** The outcomes a manifest may expect. */
export type Expectation = 'counterexample' | 'holds' | 'reached';

/**
 * How far a green outcome goes: `proof`, every reachable state; `bounded`, every state within some
 * depth (no counterexample of at most that many steps exists); `sampled`, runs drawn at random (past
 * the depth a breadth-first phase proved, when there was one).
 */
export type Scope = 'proof' | 'bounded' | 'sampled';

/**
 * The mark of a green outcome: ✓ is a proof of the whole reachable space and nothing else, because
 * it is the mark a reader trusts; a bound or a sample says "none found" with its own mark.
 */
export const SCOPE_MARK: Readonly<Record<Scope, string>> = { proof: '✓', bounded: '○', sampled: '○' };
