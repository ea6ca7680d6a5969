/**
 * The example model's expected outcomes (models/register/manifest.json): the read-modify-write
 * variant loses an update, the compare-and-set variant does not, and both reach every witness.
 */
import { describe, expect, it } from 'vitest';
import { describeManifest, expectCounterexample } from '../../engine/vitest.ts';
import { fromCatalog } from '../../engine/index.ts';
import { catalog } from '../../models/index.ts';

const register = fromCatalog(catalog, 'register');

describeManifest(register);

describe('register: the lost update, shrunk', () => {
  it('is two reads of the same value followed by two writes', () => {
    const trace = expectCounterexample(register, 'read-modify-write', 'no-lost-update', {});
    expect(trace.steps.map((s) => s.action)).toEqual([
      'clientReadsRegister',
      'clientReadsRegister',
      'clientWritesIncrement',
      'clientWritesIncrement',
    ]);
  });

  it('is found with three clients too', () => {
    const trace = expectCounterexample(register, 'read-modify-write', 'no-lost-update', { params: { clients: 3 } });
    expect(trace.steps).toHaveLength(4);
  });
});
