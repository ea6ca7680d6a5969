/**
 * The metastability map (`racehunt map dwfm`): the count simulator (simulate.ts) run over outage
 * length × fleet size for every variant, at two scales — AWS's (10^5–10^6 droplets, a tick is a
 * minute), where the real regime lives, and the hunted model's own (a handful of droplets), where
 * the shrunk traces live. Same rules, same tick function, different numbers.
 */
import { variantCells, variantDocs, type Metastability } from '../../engine/index.ts';
import { progressBounds, rulesOf } from './kit.ts';
import { simulate } from './simulate.ts';
import { variants } from './variants.ts';

const setting = (def: number, min: number, max: number, doc: string) => ({ default: def, min, max, doc });

export const metastability: Metastability = {
  racehunt: 'map',
  title: 'DWFM after a DynamoDB outage: do droplet leases come back?',
  legend: {
    recovers: 'every lease back within recoveryFactor × the fastest possible recovery',
    slow: 'back, but later than that',
    collapses: 'not back within the horizon',
  },
  timeUnit: 'ticks after DynamoDB returned',
  variants: variantDocs(variants),
  scales: {
    aws: {
      doc: 'counts at AWS scale: a tick is a minute, one aggregate DWFM host for the Region (its rules are linear in load, so H hosts sharing it evenly behave alike)',
      x: {
        name: 'outage',
        unit: 'min',
        values: [15, 30, 45, 60, 75, 90, 105, 120, 135, 150, 165, 180],
        min: 1,
        max: 1440,
      },
      y: {
        name: 'droplets',
        unit: '',
        values: [100e3, 200e3, 300e3, 400e3, 500e3, 600e3, 700e3, 800e3, 900e3, 1e6],
        min: 1,
        max: 100e6,
      },
      settings: {
        capacity: setting(50_000, 1, 1e9, 'lease-establishment work units the DWFM fleet completes per minute'),
        timeout: setting(5, 1, 1440, 'minutes a droplet waits on a lease request before asking again'),
        checkEvery: setting(5, 1, 1440, 'minutes between a droplet\'s state checks ("every few minutes")'),
        leaseTicks: setting(30, 2, 10_000, 'minutes a lease outlives its last successful state check'),
        knee: setting(1_000_000, 1, 1e12, 'queued items per extra work unit of an attempt'),
        maxBackoff: setting(64, 1, 10_000, 'backoff-jitter: longest backoff, minutes'),
        react: setting(
          30,
          1,
          10_000,
          'throttled-restart: minutes of stalled lease work before operators act (it took 109 in 2025)',
        ),
        recoveryFactor: setting(4, 1, 1000, '"recovers" means within this many times the fastest possible recovery'),
        horizon: setting(720, 1, 100_000, 'minutes after DynamoDB returns before a cell is called a collapse'),
      },
      marks: [{ x: 157, label: 'Oct 20, 2025: 157 min' }],
    },
    checked: {
      doc: "the hunted model's scale and defaults (a handful of droplets, capacity 1, timeout 1)",
      x: { name: 'outage', unit: 'ticks', values: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], min: 1, max: 1000 },
      y: { name: 'droplets', unit: '', values: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], min: 1, max: 100_000 },
      settings: {
        capacity: setting(1, 1, 1e6, 'work units the DWFM host completes per tick'),
        timeout: setting(1, 1, 1000, 'ticks a droplet waits on a lease request before asking again'),
        checkEvery: setting(2, 1, 1000, "ticks between a droplet's state checks"),
        leaseTicks: setting(3, 2, 1000, 'ticks a lease outlives its last successful state check'),
        knee: setting(8, 1, 1e9, 'queued items per extra work unit of an attempt'),
        maxBackoff: setting(16, 1, 1000, 'backoff-jitter: longest backoff, ticks'),
        react: setting(2, 1, 1000, 'throttled-restart: ticks of stalled lease work before operators act'),
        recoveryFactor: setting(4, 1, 1000, '"recovers" means within this many times the fastest possible recovery'),
        horizon: setting(200, 1, 100_000, 'ticks after DynamoDB returns before a cell is called a collapse'),
      },
    },
  },
  cell: variantCells(variants, (switches, outage, droplets, num) => {
    const fleet = { droplets, capacity: num('capacity'), timeout: num('timeout') };
    const r = simulate({
      fleet,
      settings: rulesOf.settings(num),
      switches,
      outageAt: 0,
      outage,
      horizon: num('horizon'),
    });
    if (r.recoveryTicks === null) return { verdict: 'collapses', time: null };
    const { recoveryBound } = progressBounds(fleet, { window: 0, recoveryFactor: num('recoveryFactor') });
    return { verdict: r.recoveryTicks <= recoveryBound ? 'recovers' : 'slow', time: r.recoveryTicks };
  }),
};
