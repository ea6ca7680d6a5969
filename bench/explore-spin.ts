/**
 * `npm run bench:spin`: racehunt's breadth-first search against SPIN's (SPIN 6.5, `pan` built with
 * -DBFS), on the same protocols with the same state spaces (bench/spin/: each protocol as a racehunt
 * model and in Promela, one SPIN transition per racehunt action). Both store every state, check
 * nothing, and use no reduction (SPIN: -DNOREDUCE, and -o2 so that it does not zero dead local
 * variables, which racehunt's models do not have); the state counts are checked equal.
 *
 * Runs are interleaved (SPIN, then racehunt with 1, 2, … workers, and again), each in its own
 * process under /usr/bin/time: CPU time (user + system, every thread), wall time, peak resident
 * memory. The best of the repetitions counts. On a shared machine CPU time is the fairer measure
 * of one thread's speed; a parallel search's gain shows only in wall time, which other work on the
 * machine inflates. Without spin or gcc it says so and measures racehunt alone.
 *
 *   npm run bench:spin                                  # both protocols, 2 repetitions
 *   npm run bench:spin -- --protocol dns-race --reps 3
 *   npm run bench:spin -- --baseline /tmp/base          # also racehunt as another checkout has it
 *   npm run bench:spin -- --check                       # also `racehunt check dns --variant fixed`
 *   npm run bench:spin -- --write                       # and rewrite docs/exhaustive.md's tables
 *
 * A baseline is another checkout of racehunt with its dependencies (`git worktree add /tmp/base
 * <commit>` and a link to node_modules): its rows say how the search was before a change, measured
 * in the same run. On a machine shared with other work, one run's CPU time can differ from the
 * next's by a fifth for the same work; so with a baseline the benchmark also runs the two checkouts'
 * one-worker searches side by side, at the same time, `--reps` times, and reports the ratio of
 * their CPU times: whatever else loads the machine then loads both.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { PROTOCOLS, type Protocol } from './spin/protocols.ts';

const { values } = parseArgs({
  options: {
    reps: { type: 'string', default: '2' },
    write: { type: 'boolean', default: false },
    protocol: { type: 'string' },
    baseline: { type: 'string' },
    check: { type: 'boolean', default: false },
  },
});
const reps = Number(values.reps);
const cores = availableParallelism();
const here = resolve(fileURLToPath(new URL('..', import.meta.url)));
const gitHead = (root: string): string =>
  spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).stdout.trim() || '?';
/** The checkouts measured: this one, and the baseline when given. */
const roots = [
  { root: here, label: 'racehunt' },
  ...(values.baseline ? [{ root: resolve(values.baseline), label: `racehunt ${gitHead(values.baseline)}` }] : []),
];
const protocols = PROTOCOLS.filter((p) => values.protocol === undefined || p.name === values.protocol);
if (protocols.length === 0)
  throw new Error(`no protocol ${values.protocol}: ${PROTOCOLS.map((p) => p.name).join(', ')}`);

interface Measured {
  readonly states: number;
  readonly cpu: number;
  readonly wall: number;
  readonly peakMb: number;
  /** The visited set's and trail's bytes per state (racehunt only). */
  readonly bytesPerState: number | null;
}

const has = (cmd: string, arg: string): boolean => spawnSync(cmd, [arg], { encoding: 'utf8' }).status === 0;
const timed = (
  cmd: string,
  args: readonly string[],
  cwd?: string,
): { out: string; cpu: number; wall: number; peakMb: number } => {
  const r = spawnSync('/usr/bin/time', ['-f', 'TIME %U %S %e %M', cmd, ...args], {
    encoding: 'utf8',
    cwd,
    maxBuffer: 1 << 26,
  });
  const line = /TIME (\S+) (\S+) (\S+) (\S+)/.exec(r.stderr);
  if (r.status !== 0 || !line) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr.slice(-2000)}`);
  const [, user, sys, wall, kb] = line.map(Number) as [number, number, number, number, number];
  return { out: r.stdout, cpu: user + sys, wall, peakMb: kb / 1024 };
};

function buildSpin(p: Protocol, dir: string): string {
  const run = (cmd: string, args: string[]) => {
    const r = spawnSync(cmd, args, { cwd: dir, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${cmd} failed: ${r.stderr || r.stdout}`);
  };
  run('spin', ['-o2', ...p.defines, '-a', fileURLToPath(p.promela)]);
  const pan = join(dir, `pan-${p.name}`);
  run('gcc', ['-O2', '-DBFS', '-DNOREDUCE', '-DSAFETY', '-w', '-o', pan, 'pan.c']);
  return pan;
}

function spinRun(pan: string, dir: string): Measured {
  const t = timed(pan, ['-E'], dir);
  const states = /(\d+) states, stored/.exec(t.out);
  if (!states) throw new Error(`pan printed no state count:\n${t.out}`);
  return { states: Number(states[1]), cpu: t.cpu, wall: t.wall, peakMb: t.peakMb, bytesPerState: null };
}

function racehuntRun(root: string, p: Protocol, workers: number, fingerprintOnly: boolean): Measured {
  const t = timed(
    process.execPath,
    ['--import', 'tsx', join(root, 'bench/spin/run.ts'), p.name, String(workers), ...(fingerprintOnly ? ['fp'] : [])],
    root,
  );
  const r = JSON.parse(t.out.trim().split('\n').pop() as string) as {
    states: number;
    workers: number;
    bytesPerState?: number;
  };
  if (r.workers !== workers) throw new Error(`racehunt ran with ${r.workers} threads, not ${workers}`);
  return { states: r.states, cpu: t.cpu, wall: t.wall, peakMb: t.peakMb, bytesPerState: r.bytesPerState ?? null };
}

const best = (ms: readonly Measured[]): Measured => ({
  states: ms[0]!.states,
  cpu: Math.min(...ms.map((m) => m.cpu)),
  wall: Math.min(...ms.map((m) => m.wall)),
  peakMb: Math.min(...ms.map((m) => m.peakMb)),
  bytesPerState: ms[0]!.bytesPerState,
});

const int = (n: number): string => Math.round(n).toLocaleString('en-US');
const spin = has('spin', '-V') && has('gcc', '--version');
const lines: string[] = [];
const say = (s: string) => {
  console.log(s);
  lines.push(s);
};
const reproduce = [
  'npm run bench:spin --',
  ...(values.protocol ? [`--protocol ${values.protocol}`] : []),
  `--reps ${reps}`,
  ...(values.baseline ? ['--baseline DIR'] : []),
  ...(values.check ? ['--check'] : []),
  '--write',
].join(' ');
say(
  `Generated by \`${reproduce}\` (${new Date().toISOString().slice(0, 10)}, ${cpus()[0]?.model ?? 'cpu'}, ${cores} cores, load average ${loadavg()[0]?.toFixed(1)} at the start; ${reps} interleaved repetitions, the best of each). CPU s: user + system of the whole process, every thread; peak MB: its largest resident size. ` +
    'Ratios are racehunt ÷ SPIN: above 1 racehunt is faster (states/s) or larger (memory). ' +
    `\`racehunt\` is this checkout (${gitHead(here)})${
      values.baseline ? `; \`${roots[1]!.label}\` is the baseline checkout, measured in the same run` : ''
    }. B/state: the visited set and the trail in memory, per state.`,
);
if (!spin) say('\n**spin or gcc is not installed here: racehunt alone** (`apt-get install -y spin gcc`).');
const dir = mkdtempSync(join(tmpdir(), 'racehunt-spin-'));
try {
  for (const p of protocols) {
    const pan = spin ? buildSpin(p, dir) : null;
    const runs = new Map<string, Measured[]>();
    const add = (k: string, m: Measured) => runs.set(k, [...(runs.get(k) ?? []), m]);
    for (let r = 0; r < reps; r++) {
      if (pan) add('SPIN BFS', spinRun(pan, dir));
      for (const { root, label } of roots)
        for (let w = 1; w <= cores; w++)
          add(`${label}, ${w} worker${w > 1 ? 's' : ''}`, racehuntRun(root, p, w, false));
      add('racehunt, 1 worker, fingerprint-only', racehuntRun(here, p, 1, true));
    }
    const rows = [...runs].map(([k, ms]) => [k, best(ms)] as const);
    const base = pan ? rows[0]![1] : null;
    say('');
    say(
      `### ${p.name} (${Object.entries(p.params)
        .map(([k, v]) => `${k}=${v}`)
        .join(', ')})`,
    );
    say('');
    const counts = new Set(rows.map(([, m]) => m.states));
    say(
      counts.size === 1
        ? `${int(rows[0]![1].states)} states in every search.`
        : `**state counts differ**: ${rows.map(([k, m]) => `${k} ${m.states}`).join(', ')}`,
    );
    say('');
    say(
      '| search | CPU s | wall s | states/CPU s | states/wall s | peak MB | B/state |' +
        (base ? ' states/CPU s ÷ SPIN | states/wall s ÷ SPIN | memory ÷ SPIN |' : ''),
    );
    say('|---|---|---|---|---|---|---|' + (base ? '---|---|---|' : ''));
    for (const [k, m] of rows) {
      const perCpu = m.states / m.cpu;
      const perWall = m.states / m.wall;
      const ratios = base
        ? ` ${(perCpu / (base.states / base.cpu)).toFixed(2)} | ${(perWall / (base.states / base.wall)).toFixed(2)} | ${(m.peakMb / base.peakMb).toFixed(2)} |`
        : '';
      say(
        `| ${k} | ${m.cpu.toFixed(1)} | ${m.wall.toFixed(1)} | ${int(perCpu)} | ${int(perWall)} | ${Math.round(m.peakMb)} | ${m.bytesPerState ?? ''} |${ratios}`,
      );
    }
  }
  if (roots.length > 1) for (const p of protocols) await sideBySide(p);
  if (values.check) checkDns();
} finally {
  rmSync(dir, { recursive: true, force: true });
}

/** One run of `racehunt` (bench/spin/run.ts) in a checkout, its CPU seconds when it ends. */
function cpuOf(root: string, p: Protocol): Promise<number> {
  return new Promise((done, fail) => {
    const child = spawn(
      '/usr/bin/time',
      ['-f', 'TIME %U %S', process.execPath, '--import', 'tsx', join(root, 'bench/spin/run.ts'), p.name, '1'],
      { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('close', (code) => {
      const line = /TIME (\S+) (\S+)/.exec(err);
      if (code !== 0 || !line) fail(new Error(`${root}: ${p.name} failed: ${err.slice(-2000)}`));
      else done(Number(line[1]) + Number(line[2]));
    });
  });
}

/** This checkout's one-worker search and the baseline's, started together, `reps` times: their CPU ratio. */
async function sideBySide(p: Protocol): Promise<void> {
  const ratios: number[] = [];
  for (let r = 0; r < reps; r++) {
    const [mine, base] = await Promise.all(roots.map(({ root }) => cpuOf(root, p)));
    ratios.push((mine as number) / (base as number));
  }
  const sorted = [...ratios].sort((a, b) => a - b);
  say('');
  say(
    `${p.name}, side by side (the two one-worker searches run at the same time, ${reps} times): \`racehunt\` takes ${sorted[sorted.length >> 1]!.toFixed(2)} times the CPU of \`${roots[1]!.label}\` (median; each time: ${ratios.map((x) => x.toFixed(2)).join(', ')}).`,
  );
}

/** `racehunt check dns --variant fixed` at its defaults (every property, symmetry, the cores), once per checkout. */
function checkDns(): void {
  say('');
  say(`### \`racehunt check dns --variant fixed\` at its defaults (${cores} workers)`);
  say('');
  say('| checkout | states | CPU s | wall s | states/wall s | peak MB |');
  say('|---|---|---|---|---|---|');
  for (const { root, label } of roots) {
    const t = timed(process.execPath, ['bin/racehunt.mjs', 'check', 'dns', '--variant', 'fixed', '--json'], root);
    const r = JSON.parse(t.out.trim().split('\n').pop() as string) as { states: number; complete: boolean };
    if (!r.complete) throw new Error(`${label}: check dns --variant fixed did not complete`);
    say(
      `| ${label} | ${int(r.states)} | ${t.cpu.toFixed(1)} | ${t.wall.toFixed(1)} | ${int(r.states / t.wall)} | ${Math.round(t.peakMb)} |`,
    );
  }
}

/** docs/exhaustive.md's tables: between these markers, rewritten whole by --write. */
const BEGIN = '<!-- benchmark: written by npm run bench:spin -- --write -->\n';
const END = '<!-- end benchmark -->';
if (values.write) {
  const file = join(here, 'docs/exhaustive.md');
  const text = readFileSync(file, 'utf8');
  const from = text.indexOf(BEGIN);
  const to = text.indexOf(END, from);
  if (from < 0 || to < 0) throw new Error(`docs/exhaustive.md has no ${BEGIN.trim()} … ${END} region`);
  writeFileSync(file, text.slice(0, from + BEGIN.length) + lines.join('\n') + '\n' + text.slice(to));
}
