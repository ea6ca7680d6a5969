/**
 * Every committed trace's Markdown twin is what the renderer makes of its JSON today (so a change
 * to the renderer comes with `npm run traces:render` and a reviewable diff), and a timed model's
 * twin shows its table of columns rather than a sequence diagram.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { traceFiles, twinOf } from '../scripts/render-traces.ts';

const files = traceFiles();

describe('committed Markdown twins', () => {
  it.each(files)('%s has an up-to-date twin (npm run traces:render)', (json) => {
    expect(readFileSync(json.replace(/\.json$/, '.md'), 'utf8')).toBe(twinOf(json));
  });
  it('timed models (DWFM) show their columns charted and their table, not a sequence diagram', () => {
    const dwfm = files.filter((f) => f.includes('/dwfm/'));
    expect(dwfm.length).toBeGreaterThan(0);
    for (const json of dwfm) {
      const md = readFileSync(json.replace(/\.json$/, '.md'), 'utf8');
      expect(md).not.toContain('sequenceDiagram');
      expect(md).toMatch(/^xychart-beta\n {2}title "queue, by step"/m);
      expect(md).toMatch(/^\| step \| actor \| tick \|/m);
    }
  });
});
