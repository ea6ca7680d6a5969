/** Renderings of one trace: the terminal swimlane, the Markdown twin and its Mermaid diagram. */
import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../render/markdown.ts';
import { label, mermaid } from '../render/mermaid.ts';
import { renderTerminal } from '../render/terminal.ts';
import { formatChange } from '../render/format.ts';
import { loadTrace, statesOf } from '../core/trace.ts';

// A frozen copy of a register trace, so that re-saving the committed evidence never breaks these tests.
const trace = loadTrace('engine/tests/fixtures/lost-update.trace.json');

describe('terminal swimlane', () => {
  const plain = renderTerminal(trace, { color: false, file: 'x.json' });
  it('has one lane per actor and one row per step, with the acting lane marked', () => {
    const lines = plain.split('\n');
    expect(lines.some((l) => /^\s+step\s+client 1\s+client 2$/.test(l))).toBe(true);
    const rows = lines.filter((l) => /^\s+\d+\s+[●│]/.test(l));
    expect(rows).toHaveLength(4);
    // step 1 is client 1's, step 2 client 2's: the dot moves to the second lane
    expect(rows[0]).toMatch(/^\s+1\s+●\s+│\s+client 1 reads 0/);
    expect(rows[1]).toMatch(/^\s+2\s+│\s+●\s+client 2 reads 0/);
  });
  it('lists the changed fields under each step and ends with the violation', () => {
    expect(plain).toContain('register: 0 → 1');
    expect(plain).toContain('✗ no-lost-update: register is 1 but 2 increments were acknowledged');
    expect(plain).toContain('replay: npx racehunt replay x.json');
  });
  it('paints the violation red when colour is on', () => {
    const coloured = renderTerminal(trace, { color: true });
    expect(coloured).toContain('\u001b[31m');
    const strip = (s: string) =>
      s
        .replace(/\u001b\[[0-9;]*m/g, '')
        .split('\n')
        .map((l) => l.trimEnd())
        .join('\n');
    expect(strip(coloured)).toBe(strip(renderTerminal(trace, { color: false })));
  });
});

describe('Markdown and Mermaid', () => {
  it('declares one participant per actor plus the targets, and a message per step', () => {
    const m = mermaid(trace);
    expect(m[0]).toMatch(/^%%\{init: \{"sequence": \{.*"messageFontSize":14.*\}\}\}%%$/);
    expect(m[1]).toBe('sequenceDiagram');
    expect(m).toContain('  participant p0 as client 1');
    expect(m).toContain('  participant p2 as register');
    expect(m.filter((l) => l.includes('->>'))).toHaveLength(4);
    expect(m.join('\n')).toContain('✗ no-lost-update broken');
  });
  it('escapes what Mermaid would parse', () => {
    const t = { ...trace, steps: [{ ...trace.steps[0]!, description: 'a; b # c <b>' }] };
    expect(mermaid(t).join('\n')).toContain('a#59; b #35; c #60;b#62;');
  });
  it('breaks long messages into lines and drops the actor name its arrow already shows', () => {
    const long =
      'client 1 reads the register and then does a great many other things that take a long sentence to describe';
    const t = { ...trace, steps: [{ ...trace.steps[0]!, description: long }] };
    const line = mermaid(t).find((l) => l.includes('->>'))!;
    expect(line).toMatch(/^  p0->>p2: 1\. reads the register/);
    const parts = line.replace(/^.*?: /, '').split('<br/>');
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.join(' ')).toBe(`1. ${long.slice('client 1 '.length)}`);
  });
  it('keeps participant labels short', () => {
    expect(label('enactor 1')).toBe('enactor 1');
    expect(label('dynamodb.us-east-1.amazonaws.com')).toBe('dynamodb.us-east-1…');
    expect(label('a very long actor name indeed')).toBe('a very long<br/>actor name…');
    expect(label('a long actor name')).toBe('a long actor<br/>name');
  });
  it('renders the header, the diagram and the numbered steps', () => {
    const md = renderMarkdown(trace, { file: 'f.json' });
    expect(md).toMatch(
      /^<!-- racehunt: the readable twin of a trace; sha256 of its JSON [0-9a-f]{64} -->\n# ✗ no-lost-update broken in register \/ read-modify-write after 4 steps/,
    );
    expect(md).toContain('| replay | `npx racehunt replay f.json` |');
    expect(md).toContain('4. **client 2** — client 2 writes 1 (register was 1)');
  });
});

describe('changes', () => {
  it('read as old → new', () => {
    expect(formatChange({ op: 'replace', path: ['clients', 0, 'phase'], from: 'idle', to: 'holding' })).toBe(
      'clients[0].phase: idle → holding',
    );
    expect(formatChange({ op: 'add', path: ['plans', 3], to: { gen: 3 } })).toBe('plans[3] = {"gen":3} (new)');
    expect(formatChange({ op: 'remove', path: ['plans', 'p1'], from: 1 })).toBe('plans.p1: 1 → deleted');
  });
  it('rebuild every state of the trace from the initial one', () => {
    const states = statesOf(trace) as { register: number; acknowledged: number }[];
    expect(states).toHaveLength(5);
    expect(states[4]).toMatchObject({ register: 1, acknowledged: 2 });
  });
});
