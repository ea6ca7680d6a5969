/**
 * `npm run test:times [-- --deep]`: runs the fast tier (and, with --deep, the deep tier) on this
 * machine, and records what it measured in docs/test-times.json: wall and CPU seconds, the cores,
 * the load average before the run, Node's version and the commit. README's tier table states the
 * wall times from that file, and properties/docs-figures.test.ts checks that it does, so the figure
 * is always a measurement (run it on a quiet machine; the load average says how quiet it was).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..');
const FILE = join(ROOT, 'docs', 'test-times.json');

interface TierTime {
  readonly command: string;
  readonly wallSeconds: number;
  readonly cpuSeconds: number;
  readonly loadBefore: number;
  readonly exitCode: number | null;
}

/** CPU seconds of the children this process has waited for (Linux: /proc/self/stat cutime + cstime). */
function childCpuSeconds(): number {
  const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
  // After the ") ", field 3 of stat(5) is index 0: cutime and cstime are fields 16 and 17.
  return (Number(fields[13]) + Number(fields[14])) / 100;
}

function timeTier(script: string): TierTime {
  const loadBefore = Math.round(loadavg()[0]! * 100) / 100;
  const cpu0 = childCpuSeconds();
  const t0 = performance.now();
  const r = spawnSync('npm', ['run', '--silent', script], { cwd: ROOT, stdio: 'inherit' });
  return {
    command: `npm run ${script}`,
    wallSeconds: Math.round((performance.now() - t0) / 1000),
    cpuSeconds: Math.round(childCpuSeconds() - cpu0),
    loadBefore,
    exitCode: r.status,
  };
}

const commit = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).stdout.trim();
const fast = timeTier('test');
const deep = process.argv.includes('--deep') ? timeTier('test:deep') : undefined;
const previous = JSON.parse(readFileSync(FILE, 'utf8')) as { deep?: TierTime };
const record = {
  commit,
  date: new Date().toISOString().slice(0, 10),
  node: process.version,
  cores: availableParallelism(),
  fast,
  deep: deep ?? previous.deep,
};
writeFileSync(FILE, JSON.stringify(record, null, 2) + '\n');

// README's tier table: the time column of each row, from the record.
const readmePath = join(ROOT, 'README.md');
const readme = readFileSync(readmePath, 'utf8')
  .replace(/(\| fast \| `npm test` \|[^\n]*\| )about [\d,]+ s \|/, `$1about ${fast.wallSeconds} s |`)
  .replace(
    /(\| deep \| `npm run test:deep` \|[^\n]*\| )(?:about [\d,]+ min|several minutes) \|/,
    record.deep ? `$1about ${Math.round(record.deep.wallSeconds / 60)} min |` : '$1several minutes |',
  );
writeFileSync(readmePath, readme);
console.log(`fast tier: ${fast.wallSeconds} s wall, ${fast.cpuSeconds} s CPU (load ${fast.loadBefore} before)`);
if (deep)
  console.log(`deep tier: ${deep.wallSeconds} s wall, ${deep.cpuSeconds} s CPU (load ${deep.loadBefore} before)`);
process.exitCode = fast.exitCode === 0 && (deep?.exitCode ?? 0) === 0 ? 0 : 1;
