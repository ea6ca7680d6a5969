/**
 * `racehunt schedule` as a user runs it: exit 1 with a trace when something is found (or a saved
 * trace still reproduces), 0 when nothing is, and for bad input one line on stderr and exit 2: code
 * that escapes the schedule (a real timer, a socket), a fake that never settles, a mapping that
 * throws, code that is nondeterministic under a fixed schedule, a variant that does not exist.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, expectOneLineError, type CliResult } from '../../tests/helpers.ts';

const FIXTURES = 'engine/async/tests/fixtures';

/** engine/tests/helpers.ts's `cli`, without blocking, so that the processes run side by side. */
function cli(args: readonly string[]): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(ROOT, 'bin/racehunt.mjs'), ...args], {
      cwd: ROOT,
      env: { ...process.env, FORCE_COLOR: '0' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe.concurrent('racehunt schedule', () => {
  it('exit 1 and the trace, for the schedule a committed trace names', async () => {
    const r = await cli([
      'schedule',
      'implementations/dns/system.ts',
      '--variant',
      'skips-lock',
      '--invariant',
      'conforms-to-model',
      '--path',
      '1.0x2.1x4',
      '--no-color',
    ]);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toContain('✗ conforms-to-model broken in ./implementations/dns/system.ts / skips-lock after');
    expect(r.stdout.replace(/\s+/g, ' ')).toContain('does not conform to model dns / fixed');
  });

  it('racehunt replay re-runs a schedule trace, byte for byte, on the module the user names', async () => {
    const r = await cli([
      'replay',
      'shrunk-traces/dns-implementation/as-2025/endpoint-never-empty.json',
      '--model',
      'implementations/dns/system.ts',
    ]);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toMatch(/endpoint-never-empty broken again at step 40, as recorded \(byte for byte\)/);
  });

  it('exit 0 with what was covered, when nothing is found', async () => {
    const r = await cli(['schedule', `${FIXTURES}/counter.ts`, '--variant', 'compare-and-set', '--runs', '30']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(
      /^✓ no counterexample to every invariant, conformance to the model, rejections, deadlocks and settling in \d+ ms: 30 schedules \(30 settled\)/,
    );
  });
});

describe.concurrent('bad input: one line, exit 2', () => {
  it('a schedule trace replayed without naming its module: a trace never names the code it runs', async () => {
    expectOneLineError(
      await cli(['replay', 'shrunk-traces/dns-implementation/as-2025/endpoint-never-empty.json']),
      /racehunt does not import code named by a trace file: replay it with --model/,
    );
  });
  it('a real timer under the scheduler', async () => {
    expectOneLineError(
      await cli(['schedule', `${FIXTURES}/bad-escape.ts`, '--variant', 'timer']),
      /worker called setTimeout\(…, 10\) under the scheduler at step 1; real timers and I\/O escape the schedule/,
    );
  });
  it('a socket under the scheduler', async () => {
    expectOneLineError(
      await cli(['schedule', `${FIXTURES}/bad-escape.ts`, '--variant', 'socket']),
      /worker called a network connection \(net\.Socket\.connect to 127\.0\.0\.1:9\) under the scheduler/,
    );
  });
  it('a fake that never settles', async () => {
    expectOneLineError(
      await cli(['schedule', `${FIXTURES}/bad-never-settles.ts`]),
      /db\.hang \(called by worker, step 2\) never settled/,
    );
  });
  it('a mapping that throws', async () => {
    expectOneLineError(
      await cli(['schedule', `${FIXTURES}/bad-mapping.ts`]),
      /its mapping \(observe\) threw TypeError: cannot read properties of undefined \(reading 'plan'\) after step 2 \(worker: db\.add\)/,
    );
  });
  it('code that is nondeterministic under a fixed schedule', async () => {
    expectOneLineError(
      await cli(['schedule', `${FIXTURES}/bad-nondeterministic.ts`]),
      /system "leaky" \(only\) is nondeterministic under a fixed schedule: run twice, step 1 was worker: db\.put\(1\) → done, then \{\} and then worker: db\.put\(3\)/,
    );
  });
  it('a variant the system does not have', async () => {
    expectOneLineError(
      await cli(['schedule', 'implementations/dns/system.ts', '--variant', 'fixd']),
      /unknown variant "fixd" of system "dns-implementation" \(did you mean "fixed"\? known: as-2025, fixed, cas-only, guard-only, skips-lock, unchecked-write\)/,
    );
  });
});
