/**
 * Deep tier: the pinned state counts of the configurations larger than the fast tier counts
 * (state-counts.test.ts says what is pinned and how to re-pin). About 30 s on a 2-core machine.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configure, explore, fromCatalog } from '../../engine/index.ts';
import { catalog } from '../../models/index.ts';
import { FAST_STATES } from './tiers.ts';

interface Counted {
  readonly model: string;
  readonly variant: string;
  readonly params: Readonly<Record<string, number>>;
  readonly maxDepth?: number;
  readonly symmetry: boolean;
  readonly states: number;
  readonly transitions: number;
  readonly depth: number;
  readonly terminal: number;
}

const pinned = JSON.parse(readFileSync(join(import.meta.dirname, 'state-counts.json'), 'utf8')) as {
  readonly counts: readonly Counted[];
};

describe('state counts pinned in properties/explore/state-counts.json (the larger configurations)', () => {
  it.each(
    pinned.counts
      .filter((c) => c.states > FAST_STATES)
      .map(
        (c) => [`${c.model} / ${c.variant} ${JSON.stringify(c.params)}${c.symmetry ? ' (symmetry)' : ''}`, c] as const,
      ),
  )('%s', (_label, c) => {
    const r = explore(configure(fromCatalog(catalog, c.model).model, c.variant, c.params), {
      exhaust: true,
      checkProperties: false,
      symmetry: c.symmetry,
      maxDepth: c.maxDepth,
    });
    const bound = c.maxDepth === undefined ? {} : { maxDepth: c.maxDepth };
    expect({
      model: c.model,
      variant: c.variant,
      params: c.params,
      ...bound,
      symmetry: c.symmetry,
      states: r.states,
      transitions: r.transitions,
      depth: r.depth,
      terminal: r.terminal,
    }).toEqual(c);
  });
});
