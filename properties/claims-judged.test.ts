/**
 * Every claim of every catalog model is judged on every variant: each has an expected outcome in its
 * manifest there (engine/project/manifest.ts unjudged; `racehunt all` reports any that has none).
 * A claim nothing evaluates can change on that variant unseen. The exceptions, with why:
 */
import { describe, expect, it } from 'vitest';
import { fromCatalog, unjudged } from '../engine/index.ts';
import { catalog } from '../models/index.ts';

const EXCEPTIONS: Readonly<Record<string, string>> = {
  // LockTwo always ends in its deadlock: all-rounds-done is unreachable, so any "holds" there is vacuous.
  'peterson / lock-two': 'mutual-exclusion',
};

describe('every claim is judged on every variant', () => {
  it.each(Object.keys(catalog))('%s', (name) => {
    const m = fromCatalog(catalog, name);
    const gaps = m.manifest ? unjudged(m.model, m.manifest) : [];
    expect(Object.fromEntries(gaps.map((g) => [`${name} / ${g.variant}`, g.properties.join(', ')]))).toEqual(
      Object.fromEntries(Object.entries(EXCEPTIONS).filter(([k]) => k.startsWith(`${name} /`))),
    );
  });
});
