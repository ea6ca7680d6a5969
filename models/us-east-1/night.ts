/**
 * The night at a Region's scale: the composed model's parameters for the scenario, and what AWS's
 * summary documents, in minutes after 11:48 PM PDT on 19 October (minute 0, the race).
 * Every number below that is not a documented time is an assumption, chosen to be plausible; the
 * README says which ones the shape of the night depends on.
 */

/** 11:48 PM → h:mm on the 20th, in minutes after 11:48 PM. */
const at = (h: number, m: number): number => h * 60 + m + 12;

export const INTERVENTION_TIMES = {
  repair: at(2, 25),
  restart: at(4, 14),
  reduce: at(6, 30),
  disable: at(9, 36),
  relax: at(11, 23),
  reenable: at(14, 9),
} as const;

export type DocumentedEvent =
  | 'race'
  | 'repair'
  | 'dynamodb-back'
  | 'dynamodb-ends'
  | 'restart'
  | 'leases-back'
  | 'nlb-errors'
  | 'latency-rises'
  | 'reduce'
  | 'disable'
  | 'propagation-normal'
  | 'relax'
  | 'ec2-normal'
  | 'reenable';

export const DOCUMENTED = {
  /** "the event started at 11:48 PM PDT on October 19 and ended at 2:20 PM PDT on October 20" */
  nightEnds: at(14, 20),
  periods: {
    dynamodb: { start: 0, end: at(2, 40) },
    ec2: { start: at(2, 25), end: at(13, 50) },
    nlb: { start: at(5, 30), end: at(14, 9) },
  },
  events: [
    { key: 'race', label: 'the race: the regional endpoint is empty; DWFM state checks begin to fail', at: 0 },
    { key: 'repair', label: 'DNS information restored (operators)', at: at(2, 25) },
    { key: 'dynamodb-back', label: 'DynamoDB APIs recover; DWFM begins re-establishing leases', at: at(2, 25) },
    { key: 'dynamodb-ends', label: "DynamoDB's impact ends (cached records expire)", at: at(2, 40) },
    { key: 'restart', label: 'engineers throttle incoming work and restart DWFM hosts', at: at(4, 14) },
    {
      key: 'leases-back',
      label: 'leases with all droplets; Network Manager begins propagating the delayed state',
      at: at(5, 28),
    },
    { key: 'nlb-errors', label: 'NLB connection errors begin', at: at(5, 30) },
    { key: 'latency-rises', label: 'Network Manager propagation latency rises', at: at(6, 21) },
    { key: 'reduce', label: 'engineers reduce the load on Network Manager (time assumed)', at: at(6, 30) },
    { key: 'disable', label: 'engineers disable automatic health-check failover for NLB', at: at(9, 36) },
    { key: 'propagation-normal', label: 'propagation times normal; EC2 launches normal again', at: at(10, 36) },
    { key: 'relax', label: 'engineers begin relaxing request throttles', at: at(11, 23) },
    { key: 'ec2-normal', label: 'all EC2 APIs and launches normal', at: at(13, 50) },
    { key: 'reenable', label: 'automatic failover re-enabled', at: at(14, 9) },
  ] satisfies readonly { key: DocumentedEvent; label: string; at: number }[],
};

/** The Region at scale. Times are minutes; counts are assumptions (see README). */
export const NIGHT_PARAMS: Readonly<Record<string, number>> = {
  // DNS as in models/dns's defaults (the race below is its committed shrunk trace).
  dnsEnactors: 3,
  dnsEndpoints: 4,
  dnsWindow: 5,
  // "as cached DNS records expired between 2:25 AM and 2:40 AM"
  cacheTtl: 15,
  // DWFM at models/dwfm's AWS scale: state checks every 5 minutes, leases outlive them by 30.
  droplets: 1_000_000,
  dwfmCapacity: 13_300,
  leaseTimeout: 5,
  checkEvery: 5,
  leaseTicks: 30,
  dwfmKnee: 1_000_000,
  // EC2 and Network Manager.
  changeRate: 1_000,
  throttlePercent: 50,
  relaxMinutes: 147,
  nmCapacity: 10_000,
  nmKnee: 10_000,
  normalDelay: 2,
  reducedPercent: 0,
  accelerationPercent: 70,
  // One NLB as in models/nlb's defaults.
  zones: 3,
  existingTargets: 2,
  newTargets: 2,
  load: 4,
  checkerCapacity: 3,
  failCost: 3,
  changeCost: 2,
  staleAfter: 1,
  // The claims at this scale (not what the scenario is about).
  dynamodbBound: 240,
  ec2Bound: 1000,
  nlbBound: 600,
  settle: 30,
  horizon: 900,
};
