/**
 * The metastability map (`racehunt map network-manager`): the count simulator (simulate.ts) run over
 * backlog size × arrival rate for every variant, at two scales — a Region's (10^5–10^6 delayed
 * propagations, a tick is a minute) and the hunted model's own. Same rules, same tick function.
 */
import { variantCells, variantDocs, type Metastability } from '../../engine/index.ts';
import { claimBounds, rulesOf } from './kit.ts';
import { simulate } from './simulate.ts';
import { variants } from './variants.ts';

const setting = (def: number, min: number, max: number, doc: string) => ({ default: def, min, max, doc });

export const metastability: Metastability = {
  racehunt: 'map',
  title: 'Network Manager after DWFM recovers: do propagation delays come back to normal?',
  legend: {
    recovers: 'delays normal again within recoveryFactor × the fastest possible recovery',
    slow: 'normal again, but later than that',
    collapses: 'not normal within the horizon',
  },
  timeUnit: 'ticks after the backlog arrived',
  variants: variantDocs(variants),
  scales: {
    region: {
      doc: "counts at a Region's scale: a tick is a minute; capacity and knee are assumptions, not measurements",
      x: {
        name: 'backlog',
        unit: '',
        values: [50e3, 100e3, 150e3, 200e3, 300e3, 400e3, 500e3, 600e3, 800e3, 1e6],
        min: 1,
        max: 1e9,
      },
      y: {
        name: 'rate',
        unit: '/min',
        values: [1000, 2000, 3000, 4000, 5000, 6000, 7000, 8000, 9000],
        min: 1,
        max: 1e9,
      },
      settings: {
        capacity: setting(10_000, 2, 1e9, 'work units Network Manager completes per minute'),
        knee: setting(100_000, 1, 1e12, 'queued propagations per extra work unit of one'),
        normalDelay: setting(2, 0, 10_000, 'minutes of propagation delay that count as normal'),
        react: setting(30, 1, 10_000, 'reduce-load: minutes of elevated delay before operators reduce the load'),
        reducedPercent: setting(0, 0, 100, 'reduce-load: share of normal incoming work let through meanwhile'),
        recoveryFactor: setting(4, 1, 1000, '"recovers" means within this many times the fastest possible recovery'),
        horizon: setting(1440, 1, 100_000, 'minutes after the backlog arrives before a cell is called a collapse'),
      },
    },
    checked: {
      doc: "the hunted model's scale and defaults (capacity 4 units per tick, knee 4)",
      x: { name: 'backlog', unit: '', values: [1, 2, 3, 4, 5, 6, 8, 10, 12, 14, 16], min: 1, max: 100_000 },
      y: { name: 'rate', unit: '/tick', values: [1, 2, 3], min: 1, max: 1000 },
      settings: {
        capacity: setting(4, 2, 1e6, 'work units Network Manager completes per tick'),
        knee: setting(4, 1, 1e9, 'queued propagations per extra work unit of one'),
        normalDelay: setting(1, 0, 1000, 'ticks of propagation delay that count as normal'),
        react: setting(2, 1, 1000, 'reduce-load: ticks of elevated delay before operators reduce the load'),
        reducedPercent: setting(0, 0, 100, 'reduce-load: share of normal incoming work let through meanwhile'),
        recoveryFactor: setting(4, 1, 1000, '"recovers" means within this many times the fastest possible recovery'),
        horizon: setting(200, 1, 100_000, 'ticks after the backlog arrives before a cell is called a collapse'),
      },
    },
  },
  cell: variantCells(variants, (switches, backlog, rate, num) => {
    const load = { capacity: num('capacity'), rate };
    const r = simulate({
      load,
      settings: rulesOf.settings(num),
      switches,
      backlogAt: 0,
      backlog,
      horizon: num('horizon'),
    });
    if (r.recoveryTicks === null) return { verdict: 'collapses', time: null };
    const { recovery } = claimBounds(load, backlog, { recoveryFactor: num('recoveryFactor'), unreachableFactor: 1 });
    return { verdict: r.recoveryTicks <= recovery ? 'recovers' : 'slow', time: r.recoveryTicks };
  }),
};
