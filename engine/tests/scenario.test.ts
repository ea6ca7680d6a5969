/**
 * `racehunt scenario` (engine/cli/scenario.ts) on the model that exports scenarios, us-east-1:
 * the table beside the documented times, the timeline it writes (the one the repository commits),
 * and every kind of bad input refused with one line and exit code 2. About 8 s.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { main } from '../cli/main.ts';
import { clockTime, parseTime, type ScenarioSpec } from '../core/scenario.ts';
import { catalog } from '../../models/index.ts';

describe('scenario times', () => {
  const spec = { racehunt: 'scenarios', clock: { origin: 23 * 60 + 48, zone: 'PDT' }, list: {} } as ScenarioSpec;
  it.each([
    ['4:14AM', 266],
    ['4:14 am', 266],
    ['04:14', 266],
    ['11:48 PM', 0],
    ['2:09PM', 861],
    ['14:09', 861],
    ['+157', 157],
  ])('%s is minute %i of the night', (text, minute) => {
    expect(parseTime(text, spec)).toBe(minute);
    if (!text.startsWith('+')) expect(parseTime(clockTime(minute, spec), spec)).toBe(minute);
  });
  it.each(['13:00 PM', '0:30AM', '4:61', 'noon'])('%s is not a time', (text) =>
    expect(parseTime(text, spec)).toBeNull(),
  );
});

describe('racehunt scenario (command line)', () => {
  const out = mkdtempSync(join(tmpdir(), 'racehunt-scenario-'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));
  const cli = async (...argv: string[]) => {
    const err = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      const code = await main(['scenario', ...argv], catalog);
      return {
        code,
        stderr: err.mock.calls.map((c) => c.join(' ')).join('\n'),
        stdout: log.mock.calls.map((c) => c.join(' ')).join('\n'),
      };
    } finally {
      err.mockRestore();
      log.mockRestore();
    }
  };

  it("prints the periods beside AWS's and writes the timeline the repository commits", async () => {
    const r = await cli('us-east-1', '--out', out);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('DynamoDB API errors            11:48 PM – 2:40 AM     11:48 PM – 2:40 AM');
    const svg = readFileSync(join(out, 'us-east-1-night-of-2025.svg'), 'utf8');
    expect(svg).toBe(readFileSync('models/us-east-1/us-east-1-night-of-2025.svg', 'utf8'));
  });

  it.each([
    [['us-east-1', 'the-next-night'], /unknown scenario "the-next-night" of model us-east-1 \(known: night-of-2025\)/],
    [['us-east-1', '--at', 'disable=3:00PM'], /--at disable=3:00PM is outside the incident \(11:48 PM – 2:20 PM PDT\)/],
    [['us-east-1', '--at', 'disable=11:00PM'], /is outside the incident/],
    [['us-east-1', '--at', 'reboot=4:14AM'], /unknown intervention "reboot"/],
    [['us-east-1', '--at', 'restart=25:00'], /a time is 4:14AM, 16:14 or \+266/],
    [['us-east-1', '--at', 'restart'], /--at takes NAME=TIME/],
    [['dwfm'], /model dwfm has no scenarios/],
    [['nosuch'], /unknown model "nosuch"/],
  ])('refuses %j with one line and exit code 2', async (argv, message) => {
    const r = await cli(...(argv as string[]), '--out', out);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(message);
  });
});
