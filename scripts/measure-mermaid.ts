/**
 * How big each committed Mermaid diagram really is: renders every ```mermaid block of the given
 * Markdown files (default: every shrunk-traces/**\/*.md) with the real mermaid package in headless
 * Chromium from Debian's packages, and prints each diagram's natural width and height in pixels and
 * the font size a reader gets once GitHub scales it into a 900 px column. Without Chromium it says
 * so and exits 0: measuring is a check for people changing the renderer, not a build step.
 *
 *   npm run traces:measure [-- file.md ...] [--json]
 *
 * Chromium is /usr/bin/chromium (`apt-get install -y chromium`) or $CHROMIUM. Nothing is downloaded:
 * the page loads mermaid from node_modules and Chromium runs offline with a fresh profile.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The width GitHub gives a Markdown file's or a job summary's content, near enough. */
const COLUMN = 900;
/** Mermaid's default message font size, for a diagram whose init directive does not set one. */
const DEFAULT_FONT = 16;

interface Measured {
  readonly file: string;
  readonly block: number;
  readonly width?: number;
  readonly height?: number;
  /** The message font size the diagram asks for. */
  readonly font?: number;
  readonly error?: string;
}

function markdownFiles(dir: string): string[] {
  return readdirSync(dir)
    .flatMap((name) => {
      const p = join(dir, name);
      return statSync(p).isDirectory() ? markdownFiles(p) : name.endsWith('.md') ? [p] : [];
    })
    .sort();
}

export function mermaidBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/^```mermaid\n([\s\S]*?)^```$/gm)].map((m) => m[1] ?? '');
}

/** A page that renders every diagram and leaves the sizes, base64-encoded JSON, in #out. */
function page(
  mermaidJs: string,
  diagrams: readonly { file: string; block: number; code: string; font: number }[],
): string {
  const data = JSON.stringify(diagrams).replace(/</g, '\\u003c');
  return `<!doctype html><html><head><meta charset="utf-8"><script src="${pathToFileURL(mermaidJs).href}"></script></head>
<body><pre id="out"></pre><div id="work"></div><script>
(async () => {
  const diagrams = ${data};
  mermaid.initialize({ startOnLoad: false });
  const results = [];
  for (const [i, d] of diagrams.entries()) {
    try {
      const { svg } = await mermaid.render('d' + i, d.code, document.getElementById('work'));
      const holder = document.createElement('div');
      holder.innerHTML = svg;
      const box = holder.querySelector('svg').getAttribute('viewBox').split(/[ ,]+/).map(Number);
      results.push({ file: d.file, block: d.block, font: d.font, width: Math.round(box[2]), height: Math.round(box[3]) });
    } catch (e) {
      results.push({ file: d.file, block: d.block, error: String(e && e.message || e).split('\\n')[0] });
    }
  }
  document.getElementById('out').textContent = btoa(unescape(encodeURIComponent(JSON.stringify(results))));
})();
</script></body></html>`;
}

export function measure(files: readonly string[], chromium: string): Measured[] {
  const mermaidJs = join(
    createRequire(import.meta.url).resolve('mermaid/package.json'),
    '..',
    'dist',
    'mermaid.min.js',
  );
  const diagrams = files.flatMap((file) =>
    mermaidBlocks(readFileSync(file, 'utf8')).map((code, block) => ({
      file,
      block,
      code,
      font: Number(/"messageFontSize":\s*(\d+)/.exec(code)?.[1] ?? DEFAULT_FONT),
    })),
  );
  const dir = mkdtempSync(join(tmpdir(), 'measure-mermaid-'));
  try {
    const html = join(dir, 'page.html');
    writeFileSync(html, page(mermaidJs, diagrams));
    const flags = [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      `--user-data-dir=${join(dir, 'profile')}`,
    ];
    const run = spawnSync(
      chromium,
      [...flags, '--virtual-time-budget=120000', '--dump-dom', pathToFileURL(html).href],
      { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: 300_000 },
    );
    const out = /<pre id="out">([A-Za-z0-9+/=]*)<\/pre>/.exec(run.stdout ?? '')?.[1];
    if (!out)
      throw new Error(
        `Chromium rendered nothing (exit ${run.status}): ${(run.stderr ?? '').trim().split('\n').slice(-1)[0] ?? ''}`,
      );
    return JSON.parse(Buffer.from(out, 'base64').toString('utf8')) as Measured[];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function main(argv: readonly string[]): number {
  const json = argv.includes('--json');
  const given = argv.filter((a) => a !== '--json');
  const chromium = process.env.CHROMIUM ?? '/usr/bin/chromium';
  if (!existsSync(chromium)) {
    console.log(
      `measure-mermaid: no Chromium at ${chromium} (apt-get install -y chromium, or set CHROMIUM); nothing measured`,
    );
    return 0;
  }
  const files = given.length > 0 ? given : markdownFiles('shrunk-traces');
  const missing = files.find((f) => !existsSync(f));
  if (missing) {
    console.error(`measure-mermaid: no such file ${missing}`);
    return 2;
  }
  let results: Measured[];
  try {
    results = measure(files, chromium);
  } catch (e) {
    console.error(`measure-mermaid: ${(e as Error).message}`);
    return 1;
  }
  if (json) {
    console.log(JSON.stringify(results, null, 2));
    return results.some((r) => r.error) ? 1 : 0;
  }
  console.log(`${'diagram'.padEnd(62)} ${'width'.padStart(6)} ${'height'.padStart(7)}  font in a ${COLUMN} px column`);
  for (const r of results) {
    const name = `${relative(process.cwd(), r.file)}${r.block > 0 ? ` #${r.block + 1}` : ''}`;
    if (r.error !== undefined || r.width === undefined || r.height === undefined) {
      console.log(`${name.padEnd(62)} error: ${r.error ?? 'no size'}`);
      continue;
    }
    const scale = Math.min(1, COLUMN / r.width);
    console.log(
      `${name.padEnd(62)} ${String(r.width).padStart(6)} ${String(r.height).padStart(7)}  ${((r.font ?? DEFAULT_FONT) * scale).toFixed(1)} px${scale < 1 ? ` (scaled to ${Math.round(scale * 100)}%)` : ''}`,
    );
  }
  const sized = results.filter((r) => r.width !== undefined);
  const over = sized.filter((r) => (r.width ?? 0) > COLUMN).length;
  if (sized.length === 0) console.log('no Mermaid diagrams in these files');
  else
    console.log(
      `${sized.length} diagrams, ${over} wider than ${COLUMN} px, widest ${Math.max(...sized.map((r) => r.width ?? 0))} px, tallest ${Math.max(...sized.map((r) => r.height ?? 0))} px`,
    );
  return results.some((r) => r.error) ? 1 : 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) process.exitCode = main(process.argv.slice(2));
