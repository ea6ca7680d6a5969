/**
 * One mutant's verdict, run by scripts/mutate.ts inside the mutated copy of the repository (a fresh
 * process, so the mutated sources are the ones imported).
 *
 *   node --import tsx scripts/mutate-judge.ts claims MODEL VARIANT   # the manifest's outcomes, VARIANT's first
 *   node --import tsx scripts/mutate-judge.ts pins MODEL              # the committed traces of MODEL replayed
 *
 * claims: every outcome of the model's manifest (its defaults, then its configurations), the
 * mutant's variant first, each hunted with its budget as `racehunt all` does; it stops at the first
 * claim whose outcome is not as expected and prints it (exit 1); if the only difference is a hunt
 * made vacuous (a witness no longer reached), it prints that (exit 3); else exit 0. pins: every committed trace
 * of the model must still reproduce, step for step (exit 1 at the first that does not).
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_TRACES_ROOT, everyOutcome, fromCatalog, huntExpected, loadTrace, replay } from '../engine/index.ts';
import { configurationLabel } from '../engine/project/manifest.ts';
import { catalog } from '../models/index.ts';

const [mode, name, variant, flag] = process.argv.slice(2);
/** A mutant of a witness: the vacuity check is what must catch it, so a vacuous hunt is its catch. */
const ofWitness = flag === '--witness';
const m = fromCatalog(catalog, name ?? '');

if (mode === 'claims') {
  const all = everyOutcome(m.manifest!);
  const ordered = [...all.filter((o) => o.variant === variant), ...all.filter((o) => o.variant !== variant)];
  // A hunt that turns vacuous (a witness no longer reached), or a witness's own outcome, is not a
  // claim that failed: the issue counts a mitigation "only a witness notices" as unwatched. Keep
  // looking for a claim; report the witness (exit 3) only if no claim fails.
  let vacuous: string | null = null;
  for (const o of ordered) {
    const j = huntExpected(m, o);
    if (j.ok) continue;
    const line = `${o.variant}${configurationLabel(o)} / ${o.property}: ${j.outcome}, expected ${o.expect}${j.result.trace ? ` (${j.result.trace.steps.length} steps: ${j.result.trace.message})` : ''}`;
    if (!ofWitness && (j.outcome === 'vacuous' || o.expect === 'reached')) {
      vacuous ??= `${line}${j.result.unreached.length > 0 ? ` (unreached: ${j.result.unreached.join(', ')})` : ''}`;
      continue;
    }
    console.log(line);
    process.exit(1);
  }
  if (vacuous) {
    console.log(vacuous);
    process.exit(3);
  }
  console.log(`all ${ordered.length} outcomes as expected`);
} else if (mode === 'pins') {
  const root = join(DEFAULT_TRACES_ROOT, m.model.name);
  const files = (readdirSync(root, { recursive: true }) as string[]).filter((f) => f.endsWith('.json')).sort();
  for (const f of files) {
    const file = join(root, f);
    const trace = loadTrace(file);
    let summary: string;
    try {
      const r = replay(m.model, trace, file);
      if (r.reproduced && r.drift.length === 0 && r.finding?.atStep === trace.steps.length) continue;
      summary = r.drift.length > 0 ? `steps ${r.drift.join(', ')} change other fields` : r.summary;
    } catch (e) {
      summary = e instanceof Error ? e.message : String(e);
    }
    console.log(`${file}: ${summary}`);
    process.exit(1);
  }
  console.log(`all ${files.length} committed traces reproduce`);
} else {
  console.error('usage: mutate-judge.ts claims MODEL VARIANT | pins MODEL');
  process.exit(2);
}
