/**
 * A scenario's replay beside the documented incident: a table for the terminal and an SVG timeline
 * (per period of impact, the documented bar over the model's; per event, its two times). The SVG is
 * written by hand: it is bars, ticks and text.
 */
import { clockTime, type Scenario, type ScenarioRun, type ScenarioSpec } from '../core/scenario.ts';

const shown = (m: number | null, spec: ScenarioSpec) => (m === null ? 'never' : clockTime(m, spec));
const delta = (model: number | null, documented: number) =>
  model === null
    ? ''
    : model === documented
      ? '='
      : `${model > documented ? '+' : '−'}${Math.abs(model - documented)} min`;

export function renderTable(run: ScenarioRun, scenario: Scenario, spec: ScenarioSpec): string {
  const lines = [`${scenario.title}`, `  ${scenario.doc}`, '', `  periods of impact (${spec.clock.zone})`];
  const pw = Math.max(...run.periods.map((p) => p.name.length));
  const span = (s: number | null, e: number | null) =>
    `${shown(s, spec)} – ${e === null && s !== null ? 'not over' : shown(e, spec)}`;
  lines.push(`    ${'period'.padEnd(pw)}  ${'documented'.padEnd(21)}  model`);
  for (const p of run.periods)
    lines.push(
      `    ${p.name.padEnd(pw)}  ${span(p.documented.start, p.documented.end).padEnd(21)}  ${span(p.model.start, p.model.end)}`,
    );
  lines.push('', '  events');
  lines.push(`    ${'documented'.padStart(10)}  ${'model'.padStart(8)}  ${'Δ'.padEnd(8)}  event`);
  for (const e of run.events)
    lines.push(
      `    ${clockTime(e.documented, spec).padStart(10)}  ${shown(e.model, spec).padStart(8)}  ${delta(e.model, e.documented).padEnd(8)}  ${e.label}`,
    );
  return lines.join('\n');
}

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A Gantt-like timeline: per period, the documented bar over the model's; per event, its two times. */
export function renderTimeline(run: ScenarioRun, scenario: Scenario, spec: ScenarioSpec): string {
  const left = 330;
  const plot = 640;
  const width = left + plot + 30;
  const top = 78;
  const periodRow = 34;
  const eventRow = 19;
  const eventsTop = top + run.periods.length * periodRow + 40;
  const height = eventsTop + run.events.length * eventRow + 40;
  const x = (m: number) => left + (Math.max(0, Math.min(scenario.end, m)) / scenario.end) * plot;
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Helvetica, Arial, sans-serif" font-size="11">`,
  );
  out.push(`<rect width="${width}" height="${height}" fill="#ffffff"/>`);
  out.push(`<text x="12" y="22" font-size="15" font-weight="bold">${esc(scenario.title)}</text>`);
  out.push(
    `<rect x="12" y="34" width="14" height="8" fill="#90a4ae"/><text x="32" y="42">documented (AWS's summary)</text>`,
  );
  out.push(`<rect x="212" y="34" width="14" height="8" fill="#c62828"/><text x="232" y="42">the model's replay</text>`);
  out.push(
    `<text x="12" y="58" fill="#555">${esc(`periods of impact and events, ${clockTime(0, spec)} – ${clockTime(scenario.end, spec)} ${spec.clock.zone}`)}</text>`,
  );
  // Hour grid.
  const firstHour = (60 - (spec.clock.origin % 60)) % 60;
  for (let m = firstHour; m <= scenario.end; m += 60) {
    out.push(
      `<line x1="${x(m).toFixed(1)}" y1="${top - 8}" x2="${x(m).toFixed(1)}" y2="${height - 30}" stroke="#eeeeee"/>`,
    );
    out.push(
      `<text x="${x(m).toFixed(1)}" y="${height - 16}" text-anchor="middle" fill="#666" font-size="9">${esc(clockTime(m, spec).replace(':00', ''))}</text>`,
    );
  }
  run.periods.forEach((p, i) => {
    const y = top + i * periodRow;
    out.push(`<text x="12" y="${y + 15}" font-weight="bold">${esc(p.name)}</text>`);
    out.push(
      `<rect x="${x(p.documented.start).toFixed(1)}" y="${y + 2}" width="${(x(p.documented.end) - x(p.documented.start)).toFixed(1)}" height="10" fill="#90a4ae"><title>${esc(`documented: ${clockTime(p.documented.start, spec)} – ${clockTime(p.documented.end, spec)}`)}</title></rect>`,
    );
    if (p.model.start !== null) {
      const end = p.model.end ?? scenario.end;
      out.push(
        `<rect x="${x(p.model.start).toFixed(1)}" y="${y + 14}" width="${Math.max(1, x(end) - x(p.model.start)).toFixed(1)}" height="10" fill="#c62828"><title>${esc(`model: ${clockTime(p.model.start, spec)} – ${p.model.end === null ? 'not over' : clockTime(p.model.end, spec)}`)}</title></rect>`,
      );
    }
  });
  out.push(`<text x="12" y="${eventsTop - 14}" font-weight="bold">events</text>`);
  run.events.forEach((e, i) => {
    const y = eventsTop + i * eventRow;
    out.push(
      `<text x="12" y="${y + 4}" font-size="10">${esc(e.label.length > 58 ? `${e.label.slice(0, 57)}…` : e.label)}<title>${esc(e.label)}</title></text>`,
    );
    out.push(
      `<circle cx="${x(e.documented).toFixed(1)}" cy="${y}" r="4.5" fill="none" stroke="#546e7a" stroke-width="1.5"><title>${esc(`documented ${clockTime(e.documented, spec)}`)}</title></circle>`,
    );
    if (e.model !== null)
      out.push(
        `<circle cx="${x(e.model).toFixed(1)}" cy="${y}" r="3" fill="#c62828"><title>${esc(`model ${clockTime(e.model, spec)}`)}</title></circle>`,
      );
  });
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}
