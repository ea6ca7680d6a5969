/**
 * Exact state counts for small configurations of every model, as tlaplus/Examples and Stateright
 * pin theirs: the number of distinct reachable states, transitions, the depth of the deepest one
 * and the states where nothing is enabled, per model, variant and parameters, with and without
 * symmetry reduction. A change in any of them is a change in what the model can do; if it was
 * intended, re-pin with
 *
 *   RACEHUNT_UPDATE_COUNTS=1 npx vitest run properties/explore/state-counts.test.ts
 *
 * and review the diff of state-counts.json. Counts are of the model alone (no progress monitor in
 * the state), as `racehunt check … --all-states` explores it; a model whose clock never stops
 * (DWFM) is counted within a depth bound. The register's are derived by hand
 * in engine/tests/explore.test.ts. Configurations of more than FAST_STATES states are counted in
 * the deep tier (state-counts.deep.test.ts). About 5 s here.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configure, explore, fromCatalog } from '../../engine/index.ts';
import { catalog } from '../../models/index.ts';
import { FAST_STATES } from './tiers.ts';

interface Counted {
  readonly model: string;
  readonly variant: string;
  readonly params: Readonly<Record<string, number>>;
  /** For a model whose clock never stops (DWFM): the states within this many steps. */
  readonly maxDepth?: number;
  readonly symmetry: boolean;
  readonly states: number;
  readonly transitions: number;
  readonly depth: number;
  readonly terminal: number;
}

const FILE = join(import.meta.dirname, 'state-counts.json');
const updating = process.env.RACEHUNT_UPDATE_COUNTS === '1';
const pinned = JSON.parse(readFileSync(FILE, 'utf8')) as {
  readonly about: string;
  readonly counts: readonly Counted[];
};

function count(c: Omit<Counted, 'states' | 'transitions' | 'depth' | 'terminal'>): Counted {
  const { model } = fromCatalog(catalog, c.model);
  const r = explore(configure(model, c.variant, c.params), {
    exhaust: true,
    checkProperties: false,
    symmetry: c.symmetry,
    maxDepth: c.maxDepth,
  });
  expect(
    r.cut === null || r.cut === 'max-depth',
    `${c.model} / ${c.variant} ${JSON.stringify(c.params)} was not explored completely (cut: ${r.cut})`,
  ).toBe(true);
  const bound = c.maxDepth === undefined ? {} : { maxDepth: c.maxDepth };
  return {
    model: c.model,
    variant: c.variant,
    params: c.params,
    ...bound,
    symmetry: c.symmetry,
    states: r.states,
    transitions: r.transitions,
    depth: r.depth,
    terminal: r.terminal,
  };
}

const fresh: Counted[] = [];

describe('state counts pinned in properties/explore/state-counts.json', () => {
  it('pins at least one configuration of every model that can be explored', () => {
    const models = new Set(pinned.counts.map((c) => c.model));
    for (const name of Object.keys(catalog)) {
      const { model } = fromCatalog(catalog, name);
      let enumerable = true;
      try {
        configure(model, undefined).allChoices();
      } catch {
        enumerable = false; // sample-only argument domains: hunted, never explored
      }
      if (enumerable) expect(models, `no pinned state counts for model ${name}`).toContain(name);
    }
  });

  // The fast tier counts the configurations of up to FAST_STATES states; state-counts.deep.test.ts
  // the others. Re-pinning counts them all here.
  for (const c of pinned.counts.filter((x) => updating || x.states <= FAST_STATES)) {
    const label = `${c.model} / ${c.variant} ${Object.entries(c.params)
      .map(([k, v]) => `${k}=${v}`)
      .join(' ')}${c.maxDepth === undefined ? '' : ` within ${c.maxDepth} steps`}${c.symmetry ? ' (symmetry)' : ''}`;
    it(`${label}: ${c.states} states`, () => {
      const now = count(c);
      fresh.push(now);
      if (!updating) {
        expect(now, `${label} changed; if intended, re-pin with RACEHUNT_UPDATE_COUNTS=1 and review the diff`).toEqual(
          c,
        );
      }
    });
  }

  it.runIf(updating)('writes the fresh counts', () => {
    // One configuration a line, so that a changed count is a one-line diff.
    const lines = fresh.map((c) => `    ${JSON.stringify(c).replace(/,"/g, ', "').replace(/":/g, '": ')}`);
    writeFileSync(
      FILE,
      `{\n  "about": ${JSON.stringify(pinned.about)},\n  "counts": [\n${lines.join(',\n')}\n  ]\n}\n`,
    );
  });
});
