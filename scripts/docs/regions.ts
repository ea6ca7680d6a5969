/**
 * Generated regions of a Markdown file: text between `<!-- generated: <what> [args] -->` and
 * `<!-- end generated -->`, which `npm run docs:generate` rewrites and a test compares. Everything
 * outside them is written by hand, so a region can sit in a README that other people edit.
 */

export interface Region {
  /** What generates it, and its arguments: `trace shrunk-traces/dns/as-2025/endpoint-never-empty.json steps=2,15,20`. */
  readonly spec: string;
  /** The text between the markers, as committed. */
  readonly body: string;
}

const REGION = /<!-- generated: ([^\n]*?) -->\n([\s\S]*?)<!-- end generated -->/g;

export function regionsOf(text: string): Region[] {
  return [...text.matchAll(REGION)].map((m) => ({ spec: m[1] ?? '', body: m[2] ?? '' }));
}

/** The text with every region's body replaced by what `generate` makes of its spec. */
export async function regenerate(text: string, generate: (spec: string) => Promise<string>): Promise<string> {
  const bodies = await Promise.all(regionsOf(text).map((r) => generate(r.spec)));
  let i = 0;
  return text.replace(REGION, (_all, spec: string) => `<!-- generated: ${spec} -->\n${bodies[i++]}<!-- end generated -->`);
}
