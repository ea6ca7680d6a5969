/** The terminal swimlane and the text helpers fit the width they are given, and the lanes never break. */
import { describe, expect, it } from 'vitest';
import { abbreviate, DEFAULT_WIDTH, renderTerminal, terminalWidth } from '../render/terminal.ts';
import { wrapCommand, wrapText } from '../render/wrap.ts';
import { loadTrace } from '../core/trace.ts';

const recovery = loadTrace('engine/tests/fixtures/dns-recovery.trace.json');
const lostUpdate = loadTrace('engine/tests/fixtures/lost-update.trace.json');
const strip = (s: string) => s.replace(/\u001b\[[0-9;]*m/g, '');
const visible = (l: string) => [...strip(l)].length;

/**
 * The lane columns, read off the rule under the header (one run of ─ per lane), and the body rows:
 * every line from the rule down to the verdict.
 */
function lanesOf(out: string): { columns: number[]; body: string[] } {
  const lines = strip(out).split('\n');
  const rule = lines.findIndex((l) => /^ {2}─+ {2}─/.test(l));
  const runs = [...lines[rule]!.matchAll(/─+/g)].slice(1);
  const columns = runs.map((m) => m.index! + Math.floor(m[0].length / 2));
  const end = lines.findIndex((l, i) => i > rule && /^ {2}[✗✓] /.test(l));
  return { columns, body: lines.slice(rule + 1, end) };
}

describe('the swimlane at 80 columns', () => {
  for (const [name, trace] of [
    ['DNS recovery', recovery],
    ['lost update', lostUpdate],
  ] as const) {
    for (const color of [false, true]) {
      it(`${name}${color ? ', coloured' : ''}: no line longer than 80, a lane mark on every line`, () => {
        const out = renderTerminal(trace, {
          color,
          width: 80,
          file: 'shrunk-traces/dns/as-2025/automation-recovers.json',
        });
        const long = out.split('\n').filter((l) => visible(l) > 80);
        expect(long).toEqual([]);
        const { columns, body } = lanesOf(out);
        expect(columns).toHaveLength(trace.actors.length);
        expect(body.length).toBeGreaterThan(trace.steps.length);
        for (const line of body)
          for (const col of columns) expect([...line][col], `column ${col} of ${JSON.stringify(line)}`).toMatch(/[│●]/);
      });
    }
  }
  it('abbreviates the lanes of four actors to initials, with a legend', () => {
    const out = renderTerminal(recovery, { color: false, width: 80 });
    expect(out).toContain('lanes: DP DNS Planner · e1 enactor 1 · e2 enactor 2 · e3 enactor 3');
    expect(out).toMatch(/^ {2}step {2}DP {2}e1 {2}e2 {2}e3$/m);
    // with room to spare, full names
    expect(renderTerminal(recovery, { color: false, width: 160 })).toMatch(/^ {2}step {2}DNS Planner {2}enactor 1/m);
  });
  it('breaks the reproduce command before its options, so it still runs when pasted', () => {
    const out = renderTerminal(recovery, { color: false, width: 80 }).split('\n');
    const from = out.findIndex((l) => l.startsWith('  reproduce: '));
    const command = [];
    for (let i = from; i < out.length; i++) {
      command.push(out[i]!.trim());
      if (!out[i]!.endsWith(' \\')) break;
    }
    expect(command.length).toBeGreaterThan(1);
    expect(command.join(' ').replace(/ \\ /g, ' ')).toBe(
      `reproduce: npx racehunt hunt dns --variant as-2025 --property automation-recovers --param enactors=3 --param endpoints=4 --param window=5 --seed 20251019 --strategy mix --max-steps 60 --path "71"`,
    );
  });
  it('takes the terminal width when there is one, and 100 when not', () => {
    expect(terminalWidth(80)).toBe(80);
    const tty = Object.getOwnPropertyDescriptor(process.stdout, 'isTTY');
    try {
      Object.defineProperty(process.stdout, 'isTTY', { value: false, configurable: true });
      expect(terminalWidth()).toBe(DEFAULT_WIDTH);
      expect(Math.max(...renderTerminal(recovery, { color: false }).split('\n').map(visible))).toBeLessThanOrEqual(
        DEFAULT_WIDTH,
      );
    } finally {
      if (tty) Object.defineProperty(process.stdout, 'isTTY', tty);
      else delete (process.stdout as { isTTY?: boolean }).isTTY;
    }
  });
});

describe('wrapping', () => {
  it('breaks at spaces, and inside a word only when it must, after a dot where it can', () => {
    expect(wrapText('enactor 3 applies plan 2 to dynamodb.us-east-1.amazonaws.com now', 24)).toEqual([
      'enactor 3 applies plan 2',
      'to dynamodb.us-east-1.',
      'amazonaws.com now',
    ]);
    expect(wrapText('abcdefghij', 4)).toEqual(['abcd', 'efgh', 'ij']);
    expect(wrapText('', 10)).toEqual(['']);
    for (const w of [5, 12, 30]) for (const l of wrapText(recovery.message, w)) expect(l.length).toBeLessThanOrEqual(w);
  });
  it('keeps every character but the spaces it breaks at', () => {
    const text = recovery.recovery!.map((s) => s.description).join(' ');
    expect(wrapText(text, 17).join('').replace(/\s/g, '')).toBe(text.replace(/\s/g, ''));
  });
  it('breaks a command before its options with a backslash', () => {
    const lines = wrapCommand('npx racehunt hunt dns --variant as-2025 --seed 1 --path "0"', 30);
    expect(lines).toEqual(['npx racehunt hunt dns \\', '    --variant as-2025 \\', '    --seed 1 --path "0"']);
    for (const l of lines) expect(l.length).toBeLessThanOrEqual(30);
  });
  it('abbreviates names to initials, numbers kept, unique', () => {
    expect(abbreviate(['DNS Planner', 'enactor 1', 'enactor 2', 'time'])).toEqual(['DP', 'e1', 'e2', 't']);
    expect(abbreviate(['plan store', 'planner store'])).toEqual(['ps1', 'ps2']);
  });
});
