/**
 * Ctrl-C: every long command stops at its next safe point, prints what it covered until then,
 * marked as interrupted (never a ✓), and exits 130; saves are never cut in two. In-process with a
 * Ctrl-C that arrives at a fixed safe point (deterministic, as every other test), then once for
 * real: a process, a SIGINT after its first progress line.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PRESSES, QUITTING, SAVING, sharedInterrupt } from '../core/interrupt.ts';
import { ROOT, cli, ctrlCAfter, scratch } from './helpers.ts';

const INTERRUPTED = 130;
const DNS_IMPLEMENTATION = 'implementations/dns/system.ts';

/** Timings (and rates) are the only thing that may differ between two runs of the same command. */
const untimed = (s: string) => s.replace(/[\d,]+ states\/s/g, '…').replace(/\d+(\.\d+)? ?(ms|s)\b/g, '…');

describe('hunt', () => {
  it('stopped while searching: the runs so far and what they covered, exit 130', async () => {
    const r = await cli(
      ['hunt', 'register', '--variant', 'compare-and-set', '--strategy', 'pct', '--runs', '100000', '--no-color'],
      ctrlCAfter(50),
    );
    expect(r.code).toBe(INTERRUPTED);
    const [first, ...rest] = r.stdout.trim().split('\n');
    expect(first).toBe(
      '⚠ interrupted (Ctrl-C) after 50 runs: no counterexample to every property found so far, seed 20251019 — sampled, not a proof',
    );
    expect(rest.join('\n')).toMatch(/^ {2}covered: \d+ distinct states, \d+ steps/m);
    expect(r.stdout).not.toContain('✓');
  });

  it('stopped while proving: the states explored breadth-first and the depth reached', async () => {
    const r = await cli(['hunt', 'dns', '--variant', 'fixed', '--no-color'], ctrlCAfter(3));
    expect(r.code).toBe(INTERRUPTED);
    expect(r.stdout).toMatch(
      /^⚠ interrupted \(Ctrl-C\) while proving: no counterexample to every property of at most \d+ steps exists, over the first [\d,]+ states explored breadth-first in \d+ ms — not a proof beyond \d+ steps\n {2}to settle it exhaustively: npx racehunt check dns --variant fixed/,
    );
    expect(r.stdout).not.toContain('✓');
  });

  it('stopped while shrinking: the counterexample as found, and the command that finds and shrinks it again', async () => {
    // pct finds the lost update at run 4: four polls before the runs, the fifth while shrinking.
    const r = await cli(
      ['hunt', 'register', '--variant', 'read-modify-write', '--strategy', 'pct', '--no-color'],
      ctrlCAfter(4),
    );
    expect(r.code).toBe(INTERRUPTED);
    expect(r.stdout).toContain(
      '⚠ interrupted (Ctrl-C) while shrinking: run 4 broke no-lost-update in 4 steps (as found, before its shortest form)',
    );
    const again = /to find it and shrink it again: npx racehunt (hunt .*)$/m.exec(r.stdout)?.[1];
    expect(again).toBe(
      'hunt register --variant read-modify-write --property no-lost-update --seed 20251019 --strategy pct --max-steps 20 --path "3"',
    );
    const found = await cli([...again!.replace(/"/g, '').split(' '), '--no-color']);
    expect(found.code).toBe(1);
    expect(found.stdout).toContain('✗ no-lost-update broken in register / read-modify-write after 4 steps');
  });

  it('as JSON: the interruption says where; without one, no such field', async () => {
    const args = ['hunt', 'register', '--variant', 'compare-and-set', '--strategy', 'pct', '--runs', '200', '--json'];
    const stopped = JSON.parse((await cli(args, ctrlCAfter(10))).stdout) as Record<string, unknown>;
    expect(stopped).toMatchObject({
      found: false,
      runs: 10,
      interrupted: true,
      interruption: { phase: 'search', explored: null, unshrunk: null },
    });
    expect(JSON.parse((await cli(args)).stdout)).not.toHaveProperty('interruption');
  });

  it('without a Ctrl-C, the same output as when nobody listens for one', async () => {
    for (const args of [
      ['hunt', 'register', '--variant', 'compare-and-set', '--strategy', 'pct', '--runs', '300', '--no-color'],
      ['hunt', 'register', '--variant', 'read-modify-write', '--no-color'],
      ['check', 'register', '--variant', 'compare-and-set', '--no-color'],
    ]) {
      const listening = ctrlCAfter(Infinity);
      const a = await cli(args, listening);
      const b = await cli(args);
      expect(listening.polls(), args.join(' ')).toBeGreaterThan(0);
      expect({ code: a.code, out: untimed(a.stdout) }).toEqual({ code: b.code, out: untimed(b.stdout) });
    }
  });

  it('saves under the guard a second Ctrl-C waits for', async () => {
    const ctrlC = ctrlCAfter(Infinity);
    const r = await cli(['hunt', 'register', '--variant', 'read-modify-write', '--save', '--traces', scratch()], ctrlC);
    expect(r.code).toBe(1);
    expect(ctrlC.saves()).toBe(1);
  });
});

describe('check', () => {
  it('stopped: the verdicts decided so far, the rest undecided, the states and depth reached', async () => {
    const r = await cli(['check', 'dns', '--variant', 'fixed', '--no-color'], ctrlCAfter(2));
    expect(r.code).toBe(INTERRUPTED);
    expect(r.stdout).toMatch(
      /^ {2}\? endpoint-never-empty +always +undecided: the search stopped after [\d,]+ states, depth \d+/m,
    );
    expect(r.stdout).toMatch(
      /^ {2}⚠ interrupted \(Ctrl-C\) after [\d,]+ states, to depth \d+, in [\d.]+ s: what is not decided above is not proven$/m,
    );
    expect(r.stdout).not.toMatch(/✓ .*holds/);
  });
});

describe('all', () => {
  it('stopped: the outcomes judged so far, then where it stopped and how many were left', async () => {
    const r = await cli(['all', '--model', 'register', '--no-color'], ctrlCAfter(12));
    expect(r.code).toBe(INTERRUPTED);
    const lines = r.stdout.trim().split('\n');
    const verdict = lines.pop()!;
    expect(verdict).toMatch(
      /^⚠ interrupted \(Ctrl-C\) (in|before) register \/ .* after (\d+) of 15 outcomes: \2 as expected$/,
    );
    expect(lines.length).toBe(Number(/after (\d+) of/.exec(verdict)?.[1]));
    for (const l of lines) expect(l).toMatch(/^✓ register \/ /);
  });
});

describe('schedule', () => {
  it('stopped: the schedules run so far and what they covered', async () => {
    const r = await cli(['schedule', DNS_IMPLEMENTATION, '--variant', 'fixed', '--runs', '100'], ctrlCAfter(3));
    expect(r.code).toBe(INTERRUPTED);
    expect(r.stdout).toMatch(
      /^⚠ interrupted \(Ctrl-C\): no counterexample to every invariant, .* found so far, in \d+ ms: 3 schedules \(3 settled\)/,
    );
    expect(r.stdout).not.toContain('✓');
  });
});

describe('map', () => {
  it('stopped: one line with the cells done, and no half map written', async () => {
    const out = join(scratch(), 'maps');
    mkdirSync(out);
    const r = await cli(['map', 'dwfm', '--out', out], ctrlCAfter(5));
    expect(r.code).toBe(INTERRUPTED);
    expect(r.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(
        /^racehunt: interrupted \(Ctrl-C\) after 5 of \d+ cells of the map of dwfm \(\d+ ms\), before as-2025 .*: nothing written$/,
      ),
    ]);
    expect(readdirSync(out)).toEqual([]);
  });
});

describe('the memory the two threads share', () => {
  it('a press is seen by the searches; a save in progress is counted until it returns or throws', () => {
    const shared = new SharedArrayBuffer(32);
    const slots = new Int32Array(shared);
    const interrupt = sharedInterrupt(shared);
    expect(interrupt.requested()).toBe(false);
    expect(interrupt.uninterruptible(() => Atomics.load(slots, SAVING))).toBe(1);
    expect(() =>
      interrupt.uninterruptible(() => {
        throw new Error('disk full');
      }),
    ).toThrow('disk full');
    expect(Atomics.load(slots, SAVING)).toBe(0);
    Atomics.add(slots, PRESSES, 1);
    expect(interrupt.requested()).toBe(true);
  });

  it('a save that would begin after a second press never writes: it waits for the process to end', () => {
    const shared = new SharedArrayBuffer(32);
    const slots = new Int32Array(shared);
    const parked = new Error('parked');
    const interrupt = sharedInterrupt(shared, () => {
      throw parked;
    });
    Atomics.store(slots, QUITTING, 1);
    let wrote = false;
    expect(() => interrupt.uninterruptible(() => (wrote = true))).toThrow(parked);
    expect(wrote).toBe(false);
    expect(Atomics.load(slots, SAVING)).toBe(0);
  });
});

/** `racehunt …` as a process; SIGINT (once, or twice) after its first progress line. */
function interruptedProcess(
  args: readonly string[],
  presses: number,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, 'bin/racehunt.mjs'), ...args], {
      cwd: ROOT,
      env: { ...process.env, FORCE_COLOR: '0' },
    });
    let stdout = '';
    let stderr = '';
    let sent = false;
    child.stdout.on('data', (d: Buffer) => void (stdout += d));
    child.stderr.on('data', (d: Buffer) => {
      stderr += d;
      if (sent || !/^racehunt: .*, [\d.]+s$/m.test(stderr)) return;
      sent = true;
      for (let i = 0; i < presses; i++) child.kill('SIGINT');
    });
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Every file under a folder, at any depth. */
const filesUnder = (dir: string) => readdirSync(dir, { recursive: true }) as string[];

describe('Ctrl-C for real: a process and a SIGINT', () => {
  it('the first stops the hunt at its next safe point: what it covered, exit 130, nothing half-written', async () => {
    const traces = scratch();
    const twice = scratch();
    const [once, again] = await Promise.all([
      interruptedProcess(
        ['hunt', 'dns', '--variant', 'fixed', '--runs', '1000000', '--progress', '--save', '--traces', traces],
        1,
      ),
      interruptedProcess(
        ['hunt', 'dns', '--variant', 'fixed', '--runs', '1000000', '--progress', '--save', '--traces', twice],
        2,
      ),
    ]);
    expect(once.code, once.stderr).toBe(INTERRUPTED);
    expect(once.stderr).toContain(
      'racehunt: stopping at the next safe point to print what was covered (Ctrl-C again to give it at most 2 s)',
    );
    expect(once.stdout).toMatch(
      /^⚠ interrupted \(Ctrl-C\) (while proving|after [\d,]+ runs): no counterexample to every property/,
    );
    expect(once.stdout).not.toContain('✓');
    expect(filesUnder(traces).filter((f) => /\.tmp-|\.saving$/.test(f))).toEqual([]);
    // A second Ctrl-C at once still gets what was covered: the hunt reaches a safe point within 2 s.
    expect(again.code, again.stderr).toBe(INTERRUPTED);
    expect(again.stdout).toMatch(/^⚠ interrupted \(Ctrl-C\)/);
    expect(filesUnder(twice).filter((f) => /\.tmp-|\.saving$/.test(f))).toEqual([]);
  });
});
