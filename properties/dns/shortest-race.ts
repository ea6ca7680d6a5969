/**
 * The race's depth (models/dns/depth.ts) against the exhaustive explorer, on both links: the fast
 * tier (queue.test.ts) checks the small configurations, the deep tier (queue.deep.test.ts) the ones
 * that take the explorer seconds each.
 */
import { describe, expect, it } from 'vitest';
import { configure, explore, fromCatalog } from '../../engine/index.ts';
import { shortestRace } from '../../models/dns/depth.ts';
import { catalog } from '../../models/index.ts';

const dns = fromCatalog(catalog, 'dns');

export interface RaceCase {
  readonly variant: 'as-2025' | 'as-2025-queue';
  readonly enactors: number;
  readonly endpoints: number;
  readonly window: number;
}

export function describeShortestRace(cases: readonly RaceCase[]): void {
  describe('dns: the shortest race, by link, against the explorer', () => {
    it.each(cases)('$variant at enactors=$enactors endpoints=$endpoints window=$window', ({ variant, ...params }) => {
      const r = explore(configure(dns.model, variant, params), { target: 'endpoint-never-empty' });
      const link = variant.endsWith('-queue') ? 'queue' : 'stack';
      expect(r.trace?.steps.length).toBe(shortestRace(link, params));
    });
  });
}
