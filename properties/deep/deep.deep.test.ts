/**
 * The deep zoo (models/deep): every outcome of every manifest, hunted at racehunt's default budget
 * of work with the manifest's seed (a bug found, a fix proved or proved to the depth its manifest
 * names), and the explorer's ground truth the manifests pin: the shortest counterexample and the
 * breadth-first states before it, more than 100,000 for every bug (what makes the zoo deep), and
 * the README's table, which quotes them.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { configure, explore, fromCatalog } from '../../engine/index.ts';
import { describeManifest } from '../../engine/vitest.ts';
import { deep } from '../../models/deep/index.ts';

const readme = readFileSync('models/deep/README.md', 'utf8');

it('has at least eight protocols, each with a bug and a fix', () => {
  expect(Object.keys(deep).length).toBeGreaterThanOrEqual(8);
  for (const name of Object.keys(deep)) {
    const outcomes = fromCatalog(deep, name).manifest?.outcomes ?? [];
    expect(
      outcomes.some((o) => o.expect === 'counterexample'),
      name,
    ).toBe(true);
    expect(
      outcomes.some((o) => o.expect === 'holds'),
      name,
    ).toBe(true);
  }
});

describe.each(Object.keys(deep))('%s', (name) => {
  const m = fromCatalog(deep, name);
  const bugs = (m.manifest?.outcomes ?? []).filter((o) => o.expect === 'counterexample');

  it.each(bugs.map((o) => [o.variant, o]))(
    '%s: the explorer finds the shortest counterexample the manifest pins, behind more than 100,000 states',
    (_variant, o) => {
      const r = explore(configure(m.model, o.variant), { target: o.property });
      const p = r.properties[0];
      expect(p?.outcome).toBe('counterexample');
      expect(p?.steps).toBe(o.shortest);
      expect(p?.decidedAfter?.states).toBe(o.statesBefore);
      expect(o.statesBefore).toBeGreaterThan(100_000);
      const row = `| ${o.shortest} | ${o.statesBefore?.toLocaleString('en-US')} |`;
      expect(readme, `models/deep/README.md quotes ${name} / ${o.variant}`).toContain(`(\`${o.variant}\`)`);
      expect(readme).toContain(row);
    },
  );
});

it("quotes every fix's pinned bound in the README", () => {
  for (const name of Object.keys(deep))
    for (const o of fromCatalog(deep, name).manifest?.outcomes ?? [])
      if (o.expect === 'holds' && o.bound !== undefined)
        expect(readme).toContain(`| ${name} | \`${o.variant}\` | ${o.bound} steps |`);
});

for (const name of Object.keys(deep)) describeManifest(fromCatalog(deep, name));
