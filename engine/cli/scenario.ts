/**
 * `racehunt scenario <model> [<name>]`: replay a documented incident on a model — its
 * interventions at their times (or at times given with --at) — and set the model's view of each
 * period of impact and each event beside the documented one, as a table and as an SVG timeline
 * (docs/compose.md). A model opts in by exporting `scenarios` (engine/core/scenario.ts).
 */
import { join } from 'node:path';
import { RacehuntError, messageOf, own, unknownName } from '../core/errors.ts';
import { makeFolder, writeWhole } from '../project/atomic.ts';
import {
  clockTime,
  isScenarioSpec,
  parseTime,
  type Scenario,
  type ScenarioRun,
  type ScenarioSpec,
} from '../core/scenario.ts';
import { importModule, looksLikePath } from '../project/load.ts';
import { renderTable, renderTimeline } from '../render/timeline.ts';
import type { CliContext } from './context.ts';
import { EXIT, flag, list, parse, str, type CommandSpec } from './options.ts';

export const DEFAULT_SCENARIO_DIR = 'docs';

export const SCENARIO: CommandSpec = {
  name: 'scenario',
  args: '<model|path> [<scenario>]',
  doc: 'Replay a documented incident on a model: its interventions at their times, the periods of impact beside the documented ones (table and SVG).',
  options: [
    {
      name: 'at',
      value: 'NAME=TIME',
      multiple: true,
      meaning: 'play an intervention at another time (4:14AM, 16:14, or +266 minutes from the start)',
    },
    {
      name: 'out',
      value: 'DIR',
      meaning: 'where the SVG timeline is written',
      default: `the scenario's own, else ${DEFAULT_SCENARIO_DIR}/`,
    },
  ],
};

export async function scenarioCommand(argv: readonly string[], { catalog }: CliContext): Promise<number> {
  const { values, positionals } = parse(argv, SCENARIO);
  if (positionals.length < 1 || positionals.length > 2)
    throw new RacehuntError(
      'usage',
      'scenario takes a model and, optionally, a scenario name (see racehunt scenario --help)',
    );
  const ref = positionals[0] as string;
  const spec = await loadScenarios(ref, catalog);
  const names = Object.keys(spec.list);
  const name = positionals[1] ?? names[0] ?? '';
  const scenario = own(spec.list, name);
  if (!scenario) throw unknownName('scenario', name, names, `of model ${ref}`);
  const at = interventionTimes(list(values, 'at') ?? [], scenario, spec);

  let run: ScenarioRun;
  try {
    run = scenario.run(at);
  } catch (e) {
    throw new RacehuntError('usage', `scenario ${name} of ${ref} cannot be played so: ${messageOf(e)}`);
  }
  const dir = str(values, 'out') ?? spec.out ?? DEFAULT_SCENARIO_DIR;
  const file = join(dir, `${ref.replace(/^.*[\\/]/, '').replace(/\.[mc]?[jt]s$/, '')}-${name}.svg`);
  try {
    makeFolder(dir);
    writeWhole(file, renderTimeline(run, scenario, spec));
  } catch (e) {
    throw new RacehuntError('io', `cannot write the timeline ${file}: ${messageOf(e)}`);
  }
  if (flag(values, 'json'))
    console.log(
      JSON.stringify({ model: ref, scenario: name, at: { ...defaultTimes(scenario), ...at }, ...run, svg: file }),
    );
  else console.log(`${renderTable(run, scenario, spec)}\n\n  wrote ${file}`);
  return EXIT.ok;
}

async function loadScenarios(ref: string, catalog: CliContext['catalog']): Promise<ScenarioSpec> {
  let mod: Record<string, unknown>;
  if (looksLikePath(ref)) mod = await importModule(ref.split('#')[0] ?? ref);
  else {
    const entry = own(catalog, ref);
    if (!entry) throw unknownName('model', ref, Object.keys(catalog));
    mod = entry as unknown as Record<string, unknown>;
  }
  const spec = mod.scenarios;
  if (!isScenarioSpec(spec))
    throw new RacehuntError(
      'usage',
      `model ${ref} has no scenarios (its module exports no \`scenarios\`; see engine/core/scenario.ts)`,
    );
  return spec;
}

const defaultTimes = (s: Scenario): Record<string, number> =>
  Object.fromEntries(Object.entries(s.interventions).map(([k, v]) => [k, v.at]));

/** --at NAME=TIME, each NAME an intervention of the scenario and each TIME within it. */
export function interventionTimes(
  items: readonly string[],
  scenario: Scenario,
  spec: ScenarioSpec,
): Record<string, number> {
  const out: Record<string, number> = {};
  const window = `${clockTime(0, spec)} – ${clockTime(scenario.end, spec)} ${spec.clock.zone}`;
  for (const item of items) {
    const m = /^([A-Za-z][\w-]*)=(.+)$/.exec(item.trim());
    if (!m || m[1] === undefined || m[2] === undefined)
      throw new RacehuntError('usage', `--at takes NAME=TIME, like restart=4:14AM, got "${item}"`);
    const [, key, text] = m;
    if (!Object.hasOwn(scenario.interventions, key))
      throw unknownName('intervention', key, Object.keys(scenario.interventions));
    const minute = parseTime(text, spec);
    if (minute === null)
      throw new RacehuntError('usage', `--at ${key}=${text}: a time is 4:14AM, 16:14 or +266 (minutes from the start)`);
    if (minute < 0 || minute > scenario.end)
      throw new RacehuntError('bad-param', `--at ${key}=${text} is outside the incident (${window})`);
    out[key] = minute;
  }
  return out;
}
