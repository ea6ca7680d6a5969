/** Shared by the engine's tests: run the CLI as a user would, and make scratch folders. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect } from 'vitest';
import type { Interrupt } from '../core/interrupt.ts';
import { catalog } from '../../models/index.ts';
import { runCli } from '../vitest.ts';

export const ROOT = resolve(import.meta.dirname, '../..');
export const FIXTURES = 'engine/tests/fixtures';

export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Run `racehunt …` in this process, as bin/racehunt.mjs would (the repository's catalog), with
 * stdout and stderr captured: the same exit codes and output as a child process, without the
 * half second a child process costs to start.
 */
export function cli(args: readonly string[], interrupt?: Interrupt): Promise<CliResult> {
  return runCli(args, catalog, {
    catalogModule: new URL('../../models/index.ts', import.meta.url).href,
    ...(interrupt ? { interrupt } : {}),
  });
}

/**
 * A Ctrl-C that arrives at a fixed safe point: `requested()` is false for its first `after` calls,
 * then true, so an interrupted run is as deterministic as any other. Counts the saves it guarded.
 */
export function ctrlCAfter(after: number): Interrupt & { readonly polls: () => number; readonly saves: () => number } {
  let polls = 0;
  let saves = 0;
  return {
    requested: () => ++polls > after,
    uninterruptible: (write) => {
      saves++;
      return write();
    },
    polls: () => polls,
    saves: () => saves,
  };
}

/** Run `racehunt …` in a child process from the repository root (or `cwd`), through bin/racehunt.mjs. */
export function cliProcess(args: readonly string[], cwd: string = ROOT): CliResult {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin/racehunt.mjs'), ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, FORCE_COLOR: '0' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

export function scratch(): string {
  return mkdtempSync(join(tmpdir(), 'racehunt-test-'));
}

/** Bad input: exit 2 and one line on stderr, starting with "racehunt:", and no stack frames. */
export function expectOneLineError(r: { code: number | null; stderr: string }, pattern: RegExp): void {
  expect(r.code).toBe(2);
  const lines = r.stderr.trim().split('\n');
  expect(lines, r.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^racehunt: /);
  expect(lines[0]).toMatch(pattern);
  expect(r.stderr).not.toMatch(/\n\s+at /);
}
