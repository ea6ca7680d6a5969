/**
 * `npm run bench:mutate`: mutation testing of the catalog's claims. Plants each mutant of
 * scripts/mutants.ts, one at a time, in a scratch copy of the repository, and asks what catches it:
 *
 * 1. a claim: an outcome of the model's manifest (defaults and configurations) that is no longer as
 *    expected (scripts/mutate-judge.ts claims);
 * 2. for a mutant of a claim itself, the fixture tests that hold the claim to its planted bugs;
 * 3. otherwise, only a witness: one no longer reached, or a hunt made vacuous, no claim broken —
 *    which the issue counts as not caught by a claim;
 * 4. otherwise, only a pinned artifact: a committed trace that no longer reproduces (mutate-judge
 *    pins) — which the issue counts as not caught by a claim;
 * 5. nothing.
 *
 * Writes docs/mutation.md (the report) and docs/mutation.json (the results). Slow (minutes per
 * mutant on a 2-core machine: each verdict is a run of hunts), so it belongs to no test tier:
 *
 *   npm run bench:mutate                              # every mutant
 *   npm run bench:mutate -- --only dns-cas-equal,nm-never-restore
 *   npm run bench:mutate -- --minutes 20              # give up on a mutant's claims after 20 minutes
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { MUTANTS, type Mutant } from './mutants.ts';

type Caught = 'claim' | 'fixture' | 'vacuity' | 'witness' | 'pin' | 'none' | 'cut';

interface Result {
  readonly id: string;
  readonly caught: Caught;
  /** What caught it, or why nothing did. */
  readonly by: string;
  readonly seconds: number;
}

const { values } = parseArgs({
  options: {
    only: { type: 'string' },
    minutes: { type: 'string', default: '45' },
    out: { type: 'string', default: 'docs' },
  },
});
const only = values.only?.split(',');
const mutants = MUTANTS.filter((m) => !only || only.includes(m.id));
if (only && mutants.length !== only.length)
  throw new Error(`unknown mutant: ${only.filter((id) => !MUTANTS.some((m) => m.id === id)).join(', ')}`);
const timeoutMs = Number(values.minutes) * 60_000;

/** A scratch copy of the repository as it is checked out (tracked files only), sharing node_modules. */
function scratchCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'racehunt-mutate-'));
  const files = execFileSync('git', ['ls-files', '-z'], { encoding: 'utf8' }).split('\0').filter(Boolean);
  for (const f of files) {
    if (!existsSync(f)) continue;
    mkdirSync(dirname(join(dir, f)), { recursive: true });
    cpSync(f, join(dir, f));
  }
  symlinkSync(join(process.cwd(), 'node_modules'), join(dir, 'node_modules'));
  return dir;
}

/** Run a command in the copy; null when it ran out of time. */
function run(dir: string, command: string, args: readonly string[]): { code: number; out: string } | null {
  const r = spawnSync(command, args, { cwd: dir, encoding: 'utf8', timeout: timeoutMs, maxBuffer: 64 << 20 });
  if (r.error && (r.error as NodeJS.ErrnoException).code === 'ETIMEDOUT') return null;
  return { code: r.status ?? 1, out: `${r.stdout}${r.stderr}`.trim() };
}

const lastLine = (s: string): string => s.split('\n').filter(Boolean).at(-1) ?? '';

function judge(dir: string, m: Mutant): Omit<Result, 'id' | 'seconds'> {
  const judging = ['scripts/mutate-judge.ts', 'claims', m.model, m.variant, ...(m.witness ? ['--witness'] : [])];
  const claims = run(dir, 'node', ['--import', 'tsx', ...judging]);
  if (claims && claims.code === 1) return { caught: m.witness ? 'vacuity' : 'claim', by: lastLine(claims.out) };
  if (claims && claims.code !== 0 && claims.code !== 3) throw new Error(`${m.id}: the judge failed: ${claims.out}`);
  for (const f of m.fixtures ?? []) {
    const t = run(dir, 'npx', ['vitest', 'run', '--config', 'vitest.deep.config.ts', f]);
    if (t && t.code !== 0) {
      const failed = t.out.split('\n').find((l) => /×|FAIL/.test(l)) ?? 'a fixture test failed';
      return { caught: 'fixture', by: `${f}: ${failed.replace(/\x1b\[[0-9;]*m/g, '').trim()}` };
    }
  }
  // Only a witness noticed: a hunt turned vacuous, no claim failed (not caught by a claim).
  if (claims && claims.code === 3) return { caught: 'witness', by: lastLine(claims.out) };
  const pins = run(dir, 'node', ['--import', 'tsx', 'scripts/mutate-judge.ts', 'pins', m.model]);
  if (pins && pins.code === 1) return { caught: 'pin', by: lastLine(pins.out) };
  if (!claims && m.equivalent)
    return { caught: 'none', by: `${m.equivalent} (no claim broken within ${values.minutes} minutes of hunts)` };
  if (!claims) return { caught: 'cut', by: `no claim broken within ${values.minutes} minutes of hunts` };
  return { caught: 'none', by: m.equivalent ?? 'not caught' };
}

const dir = scratchCopy();
const results: Result[] = [];
try {
  for (const m of mutants) {
    const file = join(dir, m.file);
    const original = readFileSync(file, 'utf8');
    const at = original.split(m.find).length - 1;
    if (at !== 1) throw new Error(`${m.id}: "${m.find}" occurs ${at} times in ${m.file}, not once`);
    writeFileSync(file, original.replace(m.find, m.replace));
    const started = Date.now();
    try {
      const r = { id: m.id, ...judge(dir, m), seconds: Math.round((Date.now() - started) / 1000) };
      results.push(r);
      console.log(`${r.caught.padEnd(7)} ${m.id} (${r.seconds} s): ${r.by}`);
    } finally {
      writeFileSync(file, original);
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

const previous: Result[] = existsSync(join(values.out, 'mutation.json'))
  ? (JSON.parse(readFileSync(join(values.out, 'mutation.json'), 'utf8')) as Result[])
  : [];
const merged = MUTANTS.map((m) => results.find((r) => r.id === m.id) ?? previous.find((r) => r.id === m.id)).filter(
  (r): r is Result => r !== undefined,
);
writeFileSync(join(values.out, 'mutation.json'), `${JSON.stringify(merged, null, 1)}\n`);
writeFileSync(join(values.out, 'mutation.md'), report(merged));
console.log(`wrote ${join(values.out, 'mutation.md')}`);

function report(rs: readonly Result[]): string {
  const count = (c: Caught) => rs.filter((r) => r.caught === c).length;
  const equivalent = rs.filter((r) => r.caught === 'none' && MUTANTS.find((m) => m.id === r.id)?.equivalent).length;
  const caught = count('claim') + count('fixture') + count('vacuity');
  const row = (r: Result) => {
    const m = MUTANTS.find((x) => x.id === r.id)!;
    return `| \`${m.id}\` | ${m.model} / ${m.variant} | ${m.story} | ${r.caught} | ${r.by.replace(/\|/g, '\\|')} | ${r.seconds} |`;
  };
  return `${[
    '# Mutation testing of the claims',
    '',
    '<!-- written by scripts/mutate.ts (npm run bench:mutate): do not edit by hand -->',
    '',
    `Each mutant of [scripts/mutants.ts](../scripts/mutants.ts) is a one-line change to a safe variant of`,
    'the catalog (or to a claim), planted alone in a scratch copy of the repository. A mutant is',
    "**caught by a claim** when an outcome of its model's manifest (at the defaults or in a",
    'configuration) is no longer the expected one; a mutant of a claim is **caught by a fixture**',
    'when the planted bugs that claim must see get past it, and a mutant of a witness **caught by the',
    'vacuity check** when a hunt that counts on it turns vacuous (the witness holds from the start);',
    '**witness** means only a witness noticed',
    '(one no longer reached, or a hunt made vacuous), and **pin** only a committed trace (neither is a claim);',
    '**none** means nothing did.',
    '',
    `**${caught} of ${rs.length} caught by a claim, a fixture or the vacuity check** (${count('claim')} by a claim, ${count('fixture')} by a fixture, ${count('vacuity')} by the vacuity check), ${count('witness')} by a witness only, ${count('pin')} by a pinned trace only, ${count('none') - equivalent} missed, ${equivalent} equivalent, ${count('cut')} cut by the time budget.`,
    '',
    '| mutant | where | the bug | caught | by | s |',
    '|---|---|---|---|---|---:|',
    ...rs.map(row),
  ].join('\n')}\n`;
}
