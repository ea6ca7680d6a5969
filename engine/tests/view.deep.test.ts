/**
 * racehunt view in a real browser: Debian's chromium, driven by playwright-core (no browser
 * download), headless, on a fresh profile. It loads a model and takes steps by clicking, goes back
 * and forward, reloads the link, opens a committed trace and steps through it, replays it on
 * another variant, searches from a state, uploads a trace file, and charts a timed model; and it
 * takes the screenshots docs/view.md shows (written with RACEHUNT_UPDATE_SCREENSHOTS=1; otherwise
 * the committed ones must have the size this test takes them at).
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromCatalog } from '../project/load.ts';
import { startView, type ViewServer } from '../view/server.ts';
import { catalog } from '../../models/index.ts';
import { FIXTURES } from './helpers.ts';

const CHROMIUM = process.env.RACEHUNT_CHROMIUM ?? '/usr/bin/chromium';
const VIEWPORT = { width: 1280, height: 800 };
const shots = mkdtempSync(join(tmpdir(), 'racehunt-shots-'));
const profile = mkdtempSync(join(tmpdir(), 'racehunt-chromium-'));

let server: ViewServer;
let browser: BrowserContext;
let page: Page;
const errors: string[] = [];

beforeAll(async () => {
  if (!existsSync(CHROMIUM))
    throw new Error(`no chromium at ${CHROMIUM}: install Debian's (apt-get install -y chromium; .ci/run does)`);
  server = await startView({
    models: Object.keys(catalog).map((n) => fromCatalog(catalog, n)),
    tracesRoots: ['shrunk-traces'],
    traceFiles: [],
  });
  browser = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: VIEWPORT,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  page = browser.pages()[0] ?? (await browser.newPage());
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  rmSync(profile, { recursive: true, force: true });
  rmSync(shots, { recursive: true, force: true });
});

const texts = (selector: string) => page.locator(selector).allTextContents();
const status = () => page.locator('#status').textContent();
const verdictOf = async (name: string) => page.locator(`#verdicts li[data-property="${name}"]`).getAttribute('class');
const hashParam = (name: string) => new URLSearchParams(new URL(page.url()).hash.slice(1)).get(name);
/** A fresh page load (not a hash change) at this address. */
const open = async (hash: string) => {
  await page.goto('about:blank');
  await page.goto(`${server.url}#${hash}`);
};
/** Wait for the page to show step `cursor` of a path of `length` steps. */
const at = (cursor: number, length: number) =>
  page
    .locator('#position')
    .filter({ hasText: `step ${cursor} of ${length}` })
    .waitFor();

/** A screenshot for docs/: taken here every run; written to docs/ on request, else checked against the committed one's size. */
async function screenshot(name: string): Promise<void> {
  const file = join(shots, name);
  await page.screenshot({ path: file });
  const doc = join('docs', name);
  if (process.env.RACEHUNT_UPDATE_SCREENSHOTS === '1') copyFileSync(file, doc);
  expect(
    existsSync(doc),
    `${doc}: run RACEHUNT_UPDATE_SCREENSHOTS=1 npx vitest run --config vitest.deep.config.ts view`,
  ).toBe(true);
  const size = (f: string) => {
    const b = readFileSync(f);
    return [b.readUInt32BE(16), b.readUInt32BE(20)];
  };
  expect(size(doc)).toEqual(size(file));
}

describe('racehunt view in chromium', () => {
  it('loads a model, takes steps by clicking, goes back and forward, and a link reproduces the view', async () => {
    await open(`model=register&variant=read-modify-write`);
    await at(0, 0);
    expect(await texts('#actions button')).toEqual([
      'client 1 client 1 reads 0 clientReadsRegister(1)',
      'client 2 client 2 reads 0 clientReadsRegister(2)',
    ]);
    expect(await verdictOf('no-lost-update')).toBe('holds');
    // The lost update: both clients read 0, then both write 1.
    for (const [i, text] of [
      [1, 'client 1 reads 0'],
      [2, 'client 2 reads 0'],
      [3, 'client 1 writes 1'],
      [4, 'client 2 writes 1'],
    ] as const) {
      await page.locator('#actions button', { hasText: text }).click();
      await at(i, i);
    }
    expect(await verdictOf('no-lost-update')).toBe('broken');
    expect(await page.locator('#verdicts li[data-property="no-lost-update"] .message').textContent()).toBe(
      'register is 1 but 2 increments were acknowledged',
    );
    // The lanes: one row per step, the dot in the acting client's lane.
    expect(await texts('#lanes thead th.lane')).toEqual(['client 1', 'client 2']);
    expect(await page.locator('#lanes tbody tr').count()).toBe(5);
    expect(await page.locator('#lanes tr[data-step="2"] td.lane').nth(1).textContent()).toBe('●');
    expect(await page.locator('#lanes tr[data-step="4"] .mark').textContent()).toBe(' ✗ no-lost-update');
    // What the last step changed is highlighted in the tree.
    expect(await page.locator('#state .changed').allTextContents()).toEqual(
      expect.arrayContaining(['acknowledged: 2', 'phase: "done"']),
    );
    expect(await page.locator('#state [data-path="register"]').getAttribute('class')).not.toMatch(/changed/);
    // Back: the property held a step earlier; forward again.
    await page.locator('#back').click();
    await at(3, 4);
    expect(await verdictOf('no-lost-update')).toBe('holds');
    await page.keyboard.press('ArrowRight');
    await at(4, 4);
    // The URL holds model, variant, path and cursor: a fresh page on the link shows the same.
    const link = page.url();
    expect(hashParam('path')?.split('.')).toHaveLength(4);
    const other = await browser.newPage();
    await other.goto(link);
    await other.locator('#position').filter({ hasText: 'step 4 of 4' }).waitFor();
    expect(await other.locator('#verdicts li[data-property="no-lost-update"]').getAttribute('class')).toBe('broken');
    await other.close();
  });

  it('opens a committed trace, steps through it, and replays it on another variant', async () => {
    const file = 'shrunk-traces/dns/as-2025/endpoint-never-empty.json';
    const trace = JSON.parse(readFileSync(file, 'utf8')) as { steps: { description: string }[]; message: string };
    const n = trace.steps.length;
    await open(`model=dns&variant=as-2025`);
    await at(0, 0);
    await page.locator('#traces').selectOption(file);
    await at(n, n);
    expect(await status()).toBe(`${file}: endpoint-never-empty — ${trace.message}`);
    expect(await verdictOf('endpoint-never-empty')).toBe('broken');
    expect(await texts('#lanes tbody td.what')).toHaveLength(n + 1);
    expect((await texts('#lanes tbody td.what'))[n]).toContain(trace.steps[n - 1]!.description);
    await screenshot('view-trace.png');
    // Step back through it: a click on a row puts the cursor there.
    await page.locator('#lanes tr[data-step="9"]').click();
    await at(9, n);
    expect(await verdictOf('endpoint-never-empty')).toBe('holds');
    // The same steps on the toctou fix: they part where the fix does not allow one.
    await page.locator('#replay').selectOption('toctou-fix');
    await page.locator('#status').filter({ hasText: 'on toctou-fix' }).waitFor();
    expect(await status()).toMatch(
      /^on toctou-fix, step (\d+) \(.*\) is not allowed there: the paths part after step \d+ of 20$/,
    );
    const blocked = Number(/step (\d+)/.exec((await status()) ?? '')?.[1]);
    expect(hashParam('variant')).toBe('toctou-fix');
    await at(blocked - 1, blocked - 1);
  });

  it('hunts and checks from the current state and opens the counterexample', async () => {
    await open(`model=register&variant=read-modify-write`);
    await at(0, 0);
    await page.locator('#actions button', { hasText: 'client 2 reads 0' }).click();
    await at(1, 1);
    await page.locator('#search-property').selectOption('no-lost-update');
    await page.locator('#check').click();
    await page.locator('#status').filter({ hasText: 'check from step 1' }).waitFor();
    expect(await status()).toMatch(/^check from step 1: no-lost-update broken 3 steps further \(shortest/);
    await at(4, 4);
    expect(await verdictOf('no-lost-update')).toBe('broken');
    expect((await texts('#lanes tbody td.what'))[1]).toContain('client 2 reads 0');
    await page.locator('#back').click();
    await at(3, 4);
    await page.locator('#hunt').click();
    await page.locator('#status').filter({ hasText: 'hunt from step 3' }).waitFor();
    expect(await status()).toMatch(/^hunt from step 3: no-lost-update broken 1 steps further/);
    await at(4, 4);
  });

  it('opens a trace file chosen from disk, and refuses one whose model it did not load', async () => {
    await open(`model=register&variant=read-modify-write`);
    await at(0, 0);
    await page.locator('#upload').setInputFiles(`${FIXTURES}/lost-update.trace.json`);
    await at(4, 4);
    expect(await verdictOf('no-lost-update')).toBe('broken');
    const foreign = JSON.parse(readFileSync(`${FIXTURES}/lost-update.trace.json`, 'utf8')) as Record<string, unknown>;
    await page.locator('#upload').setInputFiles({
      name: 'foreign.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify({ ...foreign, model: './somewhere/else.ts' })),
    });
    await page.locator('#status.error').waitFor();
    expect(await status()).toMatch(/the trace's model \.\/somewhere\/else\.ts is not loaded here/);
  });

  it('charts the tick series of a timed model, the cursor marked', async () => {
    const file = 'shrunk-traces/dwfm/as-2025/goodput-not-zero.json';
    await open(`trace=${encodeURIComponent(file)}`);
    const n = (JSON.parse(readFileSync(file, 'utf8')) as { steps: unknown[] }).steps.length;
    await at(n, n);
    expect(await page.locator('#charts figure').count()).toBeGreaterThanOrEqual(4);
    expect(await page.locator('#charts figure[data-series="queue"] polyline').count()).toBeGreaterThan(0);
    // A level per state but the initial one, where the fleet is not set up yet (an empty cell).
    expect(await page.locator('#charts figure[data-series="DynamoDB"] rect.level').count()).toBe(n);
    expect(await page.locator('#charts figure[data-series="queue"] .title').textContent()).toMatch(/^queue = \d+$/);
    await screenshot('view-timed.png');
  });

  it("charts every timed model's twin (DWFM, Network Manager, NLB, us-east-1) in Mermaid that fits a 900 px column", () => {
    const twins = ['dwfm', 'network-manager', 'nlb', 'us-east-1'].flatMap((m) =>
      (readdirSync(join('shrunk-traces', m), { recursive: true }) as string[])
        .filter((f) => f.endsWith('.md'))
        .map((f) => join('shrunk-traces', m, f)),
    );
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/measure-mermaid.ts', '--json', ...twins], {
      encoding: 'utf8',
      env: { ...process.env, CHROMIUM },
    });
    expect(r.status, r.stderr).toBe(0);
    const measured = JSON.parse(r.stdout) as { file: string; width?: number }[];
    // Every twin has its charts, and every one rendered (a block Mermaid refused has no width).
    expect(new Set(measured.map((d) => d.file))).toEqual(new Set(twins));
    for (const d of measured) expect(d.width, d.file).toBeLessThanOrEqual(900);
  });

  it('raised no error in the page', () => {
    // The one refused upload above is the one failed request.
    expect(errors).toEqual(['Failed to load resource: the server responded with a status of 400 (Bad Request)']);
  });
});
