/** Shared by the engine's tests: run the CLI as a user would, and make scratch folders. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect } from 'vitest';

export const ROOT = resolve(import.meta.dirname, '../..');
export const FIXTURES = 'engine/tests/fixtures';

export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Run `racehunt …` in a child process from the repository root (or `cwd`). */
export function cli(args: readonly string[], cwd: string = ROOT): CliResult {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin/racehunt.mjs'), ...args], { cwd, encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0' } });
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
