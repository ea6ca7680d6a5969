/**
 * GitHub Actions: under GITHUB_ACTIONS a failed outcome of `all`, `hunt` and `check` is an `::error`
 * annotation at the line of the model file where the property is declared; the job summary goes to
 * $GITHUB_STEP_SUMMARY without a flag; a summary links only files that exist. Tried on a scratch
 * project whose manifest expects a bug to hold, as a user's failing CI would.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { annotation, repositoryLink } from '../cli/github.ts';
import { counters } from './fixtures/counters.ts';
import { ROOT, cli, scratch } from './helpers.ts';

const project = scratch();
const model = join(project, 'model.ts');
// The fixture, moved into the project, with a manifest that expects the leaky consumer to hold: it does not.
const source = readFileSync(join(ROOT, 'engine/tests/fixtures/counters.ts'), 'utf8')
  .replace("from '../../index.ts'", `from ${JSON.stringify(join(ROOT, 'engine/index.ts'))}`)
  .replace(
    /export const manifest = .*/,
    "export const manifest = { budget: { seed: 20251019, runs: 300, maxSteps: 20 }, variants: { leaky: { 'never-ahead': 'holds', 'all-consumed': 'reached' }, correct: { 'never-ahead': 'holds' } } };",
  );
writeFileSync(model, source);
/** The line of `always({` that declares never-ahead (1-based: the line before its name's, 0-based). */
const declaredAt = source.split('\n').findIndex((l) => l.includes("name: 'never-ahead'"));
afterAll(() => rmSync(project, { recursive: true, force: true }));

/** Run with the environment GitHub Actions gives a step (and no --summary). */
async function inActions(args: string[], extra: Record<string, string> = {}) {
  const env = {
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: project,
    GITHUB_STEP_SUMMARY: join(project, 'summary.md'),
    ...extra,
  };
  const before = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);
  try {
    return await cli(args);
  } finally {
    for (const [k, v] of Object.entries(before)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

describe('under GitHub Actions', () => {
  it('all: a failed outcome is an ::error at the line of the property, the summary goes to $GITHUB_STEP_SUMMARY', async () => {
    const r = await inActions(['all', '--model', model]);
    expect(r.code, r.stderr).toBe(1);
    const errors = r.stdout.split('\n').filter((l) => l.startsWith('::error'));
    expect(errors).toEqual([
      expect.stringMatching(
        new RegExp(
          `^::error file=model\\.ts,line=${declaredAt},title=racehunt%3A \\S+ / leaky / never-ahead%3A counterexample%2C expected holds::consumed \\d+ > produced \\d+ \\(\\d+ steps; seed 20251019\\)$`,
        ),
      ),
    ]);
    expect(source.split('\n')[declaredAt - 1]).toMatch(/always\(\{/);
    const summary = readFileSync(join(project, 'summary.md'), 'utf8');
    expect(summary).toMatch(/^## racehunt\n\n\*\*✗ 1 of 3 outcomes not as expected\*\*/);
    // Nothing was ever committed in this project: no link at all, rather than one to nothing.
    expect(summary).not.toMatch(/\]\((?!https?:)[^)]*\)/);
  });
  it('hunt and check: the counterexample is an ::error at the same line; off Actions, no annotation', async () => {
    for (const command of ['hunt', 'check']) {
      const r = await inActions([command, model, '--variant', 'leaky', '--property', 'never-ahead']);
      expect(r.code).toBe(1);
      expect(r.stdout).toMatch(new RegExp(`^::error file=model\\.ts,line=${declaredAt},title=.*never-ahead`, 'm'));
      expect((await cli([command, model, '--variant', 'leaky', '--property', 'never-ahead'])).stdout).not.toContain(
        '::error',
      );
    }
  });
  it('--json keeps stdout one JSON object: the annotations go to stderr', async () => {
    const r = await inActions(['hunt', model, '--variant', 'leaky', '--property', 'never-ahead', '--json']);
    expect(JSON.parse(r.stdout)).toHaveProperty('found', true);
    expect(r.stderr).toMatch(/^::error file=model\.ts/m);
  });
  it('links a committed trace to its page at this commit, and nothing that does not exist', () => {
    const env = {
      GITHUB_WORKSPACE: ROOT,
      GITHUB_SERVER_URL: 'https://github.com',
      GITHUB_REPOSITORY: 'o/r',
      GITHUB_SHA: 'abc123',
    };
    const md = 'shrunk-traces/register/read-modify-write/no-lost-update.md';
    expect(existsSync(md)).toBe(true);
    expect(repositoryLink(md, env)).toBe(`https://github.com/o/r/blob/abc123/${md}`);
    expect(repositoryLink(md, {})).toBe(md);
    expect(repositoryLink('shrunk-traces/register/read-modify-write/a-write-lands.md', env)).toBeNull();
  });
  it('escapes what would end a workflow command early or start another', () => {
    const line = annotation(
      { model: counters, property: 'never-ahead', title: 'a: b, c', message: '50% done\n::error::injected' },
      { GITHUB_WORKSPACE: ROOT },
    );
    expect(line).toMatch(
      /^::error file=engine\/tests\/fixtures\/counters\.ts,line=\d+,title=a%3A b%2C c::50%25 done%0A::error::injected$/,
    );
    expect(line.split('\n')).toHaveLength(1);
  });
});
