/**
 * One mutant's verdict, run by scripts/mutate.ts inside the mutated copy of the repository (a fresh
 * process, so the mutated sources are the ones imported).
 *
 *   node --import tsx scripts/mutate-judge.ts claims MODEL VARIANT   # the manifest's outcomes, VARIANT's first
 *   node --import tsx scripts/mutate-judge.ts pins MODEL              # the committed traces of MODEL replayed
 *
 * claims: every outcome of the model's manifest (its defaults, then its configurations), the
 * mutant's variant first, each hunted with its budget as `racehunt all` does; it stops at the first
 * outcome that is not as expected and prints it (exit 1), else exit 0. pins: every committed trace
 * of the model must still reproduce, step for step (exit 1 at the first that does not).
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_TRACES_ROOT, everyOutcome, fromCatalog, huntExpected, loadTrace, replay } from '../engine/index.ts';
import { configurationLabel } from '../engine/project/manifest.ts';
import { catalog } from '../models/index.ts';

const [mode, name, variant] = process.argv.slice(2);
const m = fromCatalog(catalog, name ?? '');

if (mode === 'claims') {
  const all = everyOutcome(m.manifest!);
  const ordered = [...all.filter((o) => o.variant === variant), ...all.filter((o) => o.variant !== variant)];
  for (const o of ordered) {
    const j = huntExpected(m, o);
    if (!j.ok) {
      console.log(
        `${o.variant}${configurationLabel(o)} / ${o.property}: ${j.outcome}, expected ${o.expect}${j.result.trace ? ` (${j.result.trace.steps.length} steps: ${j.result.trace.message})` : ''}`,
      );
      process.exit(1);
    }
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
