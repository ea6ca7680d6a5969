/**
 * Every Mermaid diagram racehunt writes parses with the real mermaid package: the committed ones
 * under shrunk-traces/ and the renderer's output for tricky text. mermaid.parse needs no DOM for a
 * sequence diagram (its parser is a Jison grammar; only rendering measures text), so this runs in
 * vitest's plain node environment. Sizes are measured in a browser by `npm run traces:measure`.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import mermaidApi from 'mermaid';
import { describe, expect, it } from 'vitest';
import { mermaid } from '../render/mermaid.ts';
import { renderMarkdown } from '../render/markdown.ts';
import { loadTrace, type Trace } from '../core/trace.ts';

function markdownFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? markdownFiles(p) : name.endsWith('.md') ? [p] : [];
  });
}

function blocks(md: string): string[] {
  return [...md.matchAll(/^```mermaid\n([\s\S]*?)^```$/gm)].map((m) => m[1] ?? '');
}

async function parses(code: string): Promise<true | string> {
  try {
    await mermaidApi.parse(code);
    return true;
  } catch (e) {
    return (e as Error).message.split('\n').slice(0, 4).join(' / ');
  }
}

// A timed model's charts (xychart-beta, render/chart.ts) need a DOM even to parse: they are
// rendered in Chromium, and measured to fit a 900 px column, by engine/tests/view.deep.test.ts.
const committed = markdownFiles('shrunk-traces').flatMap((file) =>
  blocks(readFileSync(file, 'utf8'))
    .map((code, i) => ({ name: `${file}#${i + 1}`, code }))
    .filter(({ code }) => !/^(---[\s\S]*?---\n)?xychart-beta/.test(code)),
);

describe('committed Mermaid diagrams', () => {
  it('exist (the check below is not vacuous)', () => {
    expect(committed.length).toBeGreaterThan(5);
  });
  it.each(committed)('$name parses', async ({ code }) => {
    expect(await parses(code)).toBe(true);
  });
});

describe('rendered Mermaid', () => {
  const lostUpdate = loadTrace('engine/tests/fixtures/lost-update.trace.json');
  const recovery = loadTrace('engine/tests/fixtures/dns-recovery.trace.json');
  it('the parser rejects a broken diagram, so a pass means something', async () => {
    expect(await parses('sequenceDiagram\n  p0->>: nothing to point at')).not.toBe(true);
  });
  it('parses for a plain trace and for a recovery with a folded loop', async () => {
    expect(await parses(mermaid(lostUpdate).join('\n'))).toBe(true);
    const m = mermaid(recovery);
    expect(m.some((l) => /^\s+loop /.test(l))).toBe(true);
    expect(await parses(m.join('\n'))).toBe(true);
  });
  it('parses whatever a description says', async () => {
    const nasty = 'a; b # c <script>x</script> "quoted" : colon -->> arrow end loop %% not a comment & amp';
    const step = { ...lostUpdate.steps[0]!, description: nasty };
    const note = { ...lostUpdate.steps[1]!, target: null, description: `${nasty} again` };
    const t: Trace = {
      ...lostUpdate,
      actors: ['client 1', 'a very long actor name indeed', 'dynamodb.us-east-1.amazonaws.com'],
      steps: [step, note],
      message: nasty,
    };
    const code = mermaid(t).join('\n');
    expect(await parses(code)).toBe(true);
    expect(code).not.toContain('<script>');
  });
  it('parses inside the Markdown twin', async () => {
    const md = renderMarkdown(recovery, { file: 'x.json' });
    expect(blocks(md)).toHaveLength(1);
    expect(await parses(blocks(md)[0]!)).toBe(true);
  });
});
