/**
 * A clock that stops for want of one step: the operators' relax step disabled alone
 * (fixtures/weakened.ts relaxStepDisabled), while time still waits for it. The built-in clock check
 * time-passes names the relax that is due. Manifest budget; deep tier (about a minute under load).
 */
import { describe, expect, it } from 'vitest';
import { configure, fromCatalog, hunt } from '../../engine/index.ts';
import { catalog } from '../../models/index.ts';
import { relaxStepDisabled } from './fixtures/weakened.ts';

const { budget } = fromCatalog(catalog, 'dwfm').manifest!;

describe('dwfm: the relax step disabled alone', () => {
  it('breaks the built-in time-passes check, which names the relax that time waits for', () => {
    const r = hunt(configure(relaxStepDisabled, 'throttled-restart'), {
      ...budget,
      target: 'time-passes',
      modelRef: relaxStepDisabled.name,
    });
    expect(r.trace?.outcome).toBe('counterexample');
    expect(r.trace?.message).toMatch(/^time cannot pass: .*relaxing the throttle is due, and time waits for it$/);
  });
});
