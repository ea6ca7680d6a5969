/** The terminal swimlane and the text helpers fit the width they are given, and the lanes never break. */
import { describe, expect, it } from 'vitest';
import { abbreviate, DEFAULT_WIDTH, renderTerminal, terminalWidth } from '../render/terminal.ts';
import stringWidth from 'string-width';
import { cells, truncateCells, wrapColumns, wrapCommand, wrapText } from '../render/wrap.ts';
import { loadTrace, type Trace } from '../core/trace.ts';
import { cli } from './helpers.ts';

const recovery = loadTrace('engine/tests/fixtures/dns-recovery.trace.json');
const lostUpdate = loadTrace('engine/tests/fixtures/lost-update.trace.json');
const strip = (s: string) => s.replace(/\u001b\[[0-9;]*m/g, '');
const visible = (l: string) => stringWidth(l);

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
  it('takes the terminal width when there is one, else $COLUMNS, else 80', () => {
    expect(terminalWidth(undefined, { isTTY: true, columns: 132 })).toBe(132);
    const columns = process.env.COLUMNS;
    try {
      process.env.COLUMNS = '97';
      expect(terminalWidth(undefined, { isTTY: false })).toBe(97);
      delete process.env.COLUMNS;
      expect(terminalWidth(undefined, { isTTY: false })).toBe(80);
    } finally {
      if (columns === undefined) delete process.env.COLUMNS;
      else process.env.COLUMNS = columns;
    }
  });
  it('takes the terminal width when there is one, and the default when not', () => {
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
  it('measures display cells: a CJK description fits 80 columns, two cells a character', () => {
    const cjk = '第二个执行器把旧计划应用到区域端点，同时清理程序删除了该计划，端点解析为空。';
    const trace: Trace = {
      ...lostUpdate,
      actors: ['写入者 1', ...lostUpdate.actors.slice(1)],
      steps: lostUpdate.steps.map((s, i) => ({
        ...s,
        actor: i === 0 ? '写入者 1' : s.actor,
        description: `${cjk} ${cjk}`,
      })),
    };
    const out = renderTerminal(trace, { color: false, width: 80 }).split('\n');
    expect(out.filter((l) => visible(l) > 80)).toEqual([]);
    for (const w of [7, 20, 33]) for (const l of wrapText(cjk, w)) expect(cells(l)).toBeLessThanOrEqual(w);
    expect(wrapText(cjk, 20).join('')).toBe(cjk);
    expect(cells('写入者')).toBe(6);
    expect(truncateCells('写入者 1', 5)).toBe('写入…');
  });
  it('lays out a name column with words wrapped beside it', () => {
    expect(
      wrapColumns(
        [
          ['a', 'one two three four'],
          ['much-too-long-a-name', 'five six'],
        ],
        24,
        '  ',
        6,
      ),
    ).toEqual(['  a  one two three four', '  much-too-long-a-name', '     five six']);
  });
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

describe('help and list at 80 columns off a terminal', () => {
  const tty = Object.getOwnPropertyDescriptor(process.stdout, 'isTTY');
  const columns = process.env.COLUMNS;
  const offTerminal = async (args: string[]) => {
    try {
      Object.defineProperty(process.stdout, 'isTTY', { value: false, configurable: true });
      delete process.env.COLUMNS;
      return await cli(args);
    } finally {
      if (tty) Object.defineProperty(process.stdout, 'isTTY', tty);
      else delete (process.stdout as { isTTY?: boolean }).isTTY;
      if (columns !== undefined) process.env.COLUMNS = columns;
    }
  };
  for (const args of [['--help'], ['list'], ['hunt', '--help'], ['check', '--help'], ['all', '--help']])
    it(`racehunt ${args.join(' ')}: every line fits 80 cells, nothing lost`, async () => {
      const r = await offTerminal(args);
      expect(r.code).toBe(0);
      const lines = r.stdout.split('\n');
      expect(lines.filter((l) => visible(l) > 80)).toEqual([]);
      expect(lines.length).toBeGreaterThan(5);
    });
  it('list keeps every word of every description', async () => {
    const r = await offTerminal(['list', 'dns']);
    const flat = r.stdout.replace(/\s+/g, ' ');
    expect(flat).toContain('every endpoint resolves to at least one IP address');
  });
});
