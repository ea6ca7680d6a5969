/**
 * What a user's failing test prints: the trace (plain swimlane, the broken claim, the reproduce
 * command), not a diff of JSON; under 60 lines for the DNS race; reported at the test's own line.
 * And what a passing one prints: nothing.
 */
import stringWidth from 'string-width';
import { describe, expect, it, vi } from 'vitest';
import { fromCatalog } from '../index.ts';
import { expectCounterexample, expectSurvives } from '../vitest.ts';
import { catalog } from '../../models/index.ts';

const caught = (f: () => unknown): Error => {
  try {
    f();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected the helper to fail');
};

describe('a failing racehunt expectation', () => {
  const atColumns = <T>(columns: string | undefined, f: () => T): T => {
    const before = process.env.COLUMNS;
    if (columns === undefined) delete process.env.COLUMNS;
    else process.env.COLUMNS = columns;
    try {
      return f();
    } finally {
      if (before === undefined) delete process.env.COLUMNS;
      else process.env.COLUMNS = before;
    }
  };
  it('fits $COLUMNS, or 80 columns without it', () => {
    for (const [columns, width] of [
      [undefined, 80],
      ['100', 100],
    ] as const) {
      const e = atColumns(columns, () =>
        caught(() => expectSurvives(fromCatalog(catalog, 'register'), 'read-modify-write', 'no-lost-update')),
      );
      const lines = e.message.split('\n').slice(1);
      expect(lines.filter((l) => stringWidth(l) > width)).toEqual([]);
      expect(Math.max(...lines.map((l) => stringWidth(l)))).toBeGreaterThan(width - 20);
    }
  });
  it('is the trace, under 60 lines for the DNS race at 120 columns, with no JSON in it', () => {
    const e = atColumns('120', () =>
      caught(() => expectSurvives(fromCatalog(catalog, 'dns'), 'as-2025', 'endpoint-never-empty')),
    );
    const lines = e.message.split('\n');
    expect(lines.length).toBeLessThan(60);
    expect(lines[0]).toMatch(
      /^expected dns \/ as-2025 \/ endpoint-never-empty to survive, but found this counterexample \(seed 20251019, run \d+\):$/,
    );
    expect(e.message).toContain('✗ endpoint-never-empty broken in dns / as-2025 after 20 steps');
    expect(e.message).toMatch(/enactor \d applies plan 2 to dynamodb\.us-east-1\.amazonaws\.com/);
    expect(e.message).toContain('✗ endpoint-never-empty: dynamodb.us-east-1.amazonaws.com resolves to no IP addresses');
    expect(e.message).toContain('reproduce: npx racehunt hunt dns --variant as-2025');
    expect(e.message).not.toMatch(/"changes"|\{\s*"/);
    expect(e.message).not.toMatch(/\x1b\[/); // plain: no colour codes
  });

  it('is reported at the line of the test that called it, not inside racehunt', () => {
    const e = caught(() => expectSurvives(fromCatalog(catalog, 'register'), 'read-modify-write', 'no-lost-update'));
    const frames = (e.stack ?? '').split('\n').filter((l) => l.trim().startsWith('at '));
    expect(frames[0]).toContain('vitest-helpers.test.ts');
  });

  it('passes quietly: nothing printed for an expected counterexample', () => {
    const log = vi.spyOn(console, 'log');
    try {
      expectCounterexample(fromCatalog(catalog, 'register'), 'read-modify-write', 'no-lost-update');
      expect(log).not.toHaveBeenCalled();
    } finally {
      log.mockRestore();
    }
  });
});
