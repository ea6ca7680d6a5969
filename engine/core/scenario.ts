/**
 * A scenario: a documented incident a model can replay (`racehunt scenario`). The engine knows
 * nothing of any incident: a model opts in by exporting `scenarios` (a ScenarioSpec) next to its
 * model. A scenario's `run` replays it and reports plain numbers, minutes after the scenario's
 * minute 0; the times here are read and written on the scenario's wall clock.
 */

/** What a replay reports, in minutes after the scenario's minute 0 (null: the model never saw it). */
export interface ScenarioRun {
  readonly periods: readonly {
    readonly name: string;
    readonly model: { readonly start: number | null; readonly end: number | null };
    readonly documented: { readonly start: number; readonly end: number };
  }[];
  readonly events: readonly { readonly label: string; readonly model: number | null; readonly documented: number }[];
}

export interface Scenario {
  readonly title: string;
  readonly doc: string;
  /** The last minute an intervention may be placed at: the end of the incident. */
  readonly end: number;
  /** The interventions the replay plays, with their documented times. */
  readonly interventions: Readonly<Record<string, { readonly doc: string; readonly at: number }>>;
  /** Replay with these intervention times (minutes); throws an Error with a one-line reason when a plan is impossible. */
  run(at: Readonly<Record<string, number>>): ScenarioRun;
}

export interface ScenarioSpec {
  readonly racehunt: 'scenarios';
  /** Minute 0 on the wall clock, in minutes after midnight, and the clock's zone ("PDT"). */
  readonly clock: { readonly origin: number; readonly zone: string };
  /** The first is the default. */
  readonly list: Readonly<Record<string, Scenario>>;
  /** Where the timeline is written unless --out says otherwise (default: docs/). */
  readonly out?: string;
}

export function isScenarioSpec(x: unknown): x is ScenarioSpec {
  return typeof x === 'object' && x !== null && (x as { racehunt?: unknown }).racehunt === 'scenarios';
}

/** "4:14AM", "4:14 pm", "16:14" → minutes after the scenario's minute 0 (the next such time on the clock); "+266" → 266. */
export function parseTime(text: string, spec: ScenarioSpec): number | null {
  const t = text.trim();
  const rel = /^\+(\d+)$/.exec(t);
  if (rel) return Number(rel[1]);
  const m = /^(\d{1,2}):(\d{2})\s*([AaPp][Mm])?$/.exec(t);
  if (!m) return null;
  let h = Number(m[1]);
  const min = Number(m[2]);
  if (min > 59) return null;
  if (m[3]) {
    if (h < 1 || h > 12) return null;
    h = (h % 12) + (m[3].toLowerCase() === 'pm' ? 12 : 0);
  } else if (h > 23) return null;
  return (h * 60 + min - spec.clock.origin + 1440) % 1440;
}

/** Minutes after minute 0 → "4:14 AM" on the scenario's clock. */
export function clockTime(minute: number, spec: ScenarioSpec): string {
  const t = (((spec.clock.origin + minute) % 1440) + 1440) % 1440;
  const h = Math.floor(t / 60);
  return `${((h + 11) % 12) + 1}:${String(t % 60).padStart(2, '0')} ${h < 12 ? 'AM' : 'PM'}`;
}
