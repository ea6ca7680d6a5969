/**
 * A manifest can name configurations beyond the model's defaults (as tlaplus/Examples manifests list
 * several .cfg files): parameters and the outcomes expected there, each with its whole budget.
 */
import { describe, expect, it } from 'vitest';
import { everyOutcome, readManifest } from '../project/manifest.ts';
import { register } from '../../models/register/model.ts';

const budget = { seed: 1, runs: 10, maxSteps: 6 };
const json = (configurations: object) => ({
  budget,
  variants: { 'read-modify-write': { 'no-lost-update': 'counterexample' } },
  configurations,
});
const one = (c: object) => json({ 'one-client': { doc: 'nobody to race', params: { clients: 1 }, ...c } });

describe('manifest: configurations', () => {
  it('are read into outcomes with their parameters and a budget of their own', () => {
    const m = readManifest(
      register,
      one({ budget: { runs: 3 }, variants: { 'read-modify-write': { 'no-lost-update': 'holds' } } }),
    );
    expect(m.outcomes).toHaveLength(1);
    expect(m.configurations).toHaveLength(1);
    expect(everyOutcome(m)).toEqual([
      expect.objectContaining({ variant: 'read-modify-write', expect: 'counterexample' }),
      {
        variant: 'read-modify-write',
        property: 'no-lost-update',
        expect: 'holds',
        budget: { seed: 1, runs: 3, maxSteps: 6 },
        configuration: 'one-client',
        params: { clients: 1 },
      },
    ]);
  });

  it.each([
    ['an unknown parameter', { params: { client: 1 } }, /configuration "one-client": unknown parameter "client"/],
    ['a value out of range', { params: { clients: 9 } }, /parameter clients=9 is out of range \[1, 4\]/],
    ['no parameters', { params: {} }, /"params" must set at least one parameter/],
    ['no reason', { doc: '' }, /"doc" must say why these parameters/],
    ['no outcome', { variants: {} }, /expects no outcome/],
    [
      'an unknown property',
      { variants: { 'read-modify-write': { 'lost-update': 'holds' } } },
      /unknown property "lost-update"/,
    ],
    [
      'a bad expectation',
      { variants: { 'read-modify-write': { 'all-clients-done': 'holds' } } },
      /read-modify-write \[one-client\] \/ all-clients-done: a sometimes property cannot be expected to be "holds"/,
    ],
  ])('reject %s with one line naming the configuration', (_what, c, pattern) => {
    expect(() =>
      readManifest(register, one({ variants: { 'read-modify-write': { 'no-lost-update': 'holds' } }, ...c })),
    ).toThrow(pattern);
  });

  it('a manifest without configurations has none', () => {
    expect(readManifest(register, { budget, variants: {} }).configurations).toEqual([]);
  });
});
