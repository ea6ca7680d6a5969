/**
 * What DynamoDB's DNS management automation is made of, as plain data: the plan store the DNS
 * Planner writes to, Route53's records for each endpoint, and the DNS Enactors working through them.
 * Arrays are indexed by id and kept sorted, so that equal situations are equal states.
 */

/**
 * The plan store: one entry per generation of the single regional DNS plan, keyed by generation
 * (integer keys keep ascending order in JS objects, so the store is canonical). An entry is "a set
 * of load balancers and weights", as weighted records: `nlb-2:70`.
 */
export type PlanStore = { readonly [generation: number]: readonly string[] };

/** One DNS name in Route53, with the records of the plan last applied to it. */
export type Endpoint = {
  readonly name: string;
  /** The generation of the active plan: the plan whose records these are. */
  readonly plan: number;
  /** What the name resolves to; empty once its active plan was deleted. */
  readonly records: readonly string[];
  /** Route53's rollback record: the plan the last transaction replaced (null before any). */
  readonly replaced: number | null;
  /** The per-endpoint update lock: the enactor holding it, or null. */
  readonly lock: number | null;
};

export type EnactorPhase = 'idle' | 'applying' | 'cleaning';

export type Enactor = {
  readonly phase: EnactorPhase;
  /** The generation it picked up (null when idle). */
  readonly plan: number | null;
  /** Index of the endpoint it is working on; its list runs from the regional endpoint. */
  readonly next: number;
  /** toctou-fix: it has marked its plan as in use (the plan store's mark, kept with its writer). */
  readonly marked: boolean;
  /** toctou-fix: plans its clean-up checked as not in use and is about to delete (sorted). */
  readonly doomed: readonly number[] | null;
};

export type DnsState = {
  /** The newest generation the DNS Planner has published. */
  readonly latest: number;
  /** What the planner published and clean-up has not deleted. */
  readonly plans: PlanStore;
  /**
   * The queue link only (always empty on the stack link): generations published and not yet taken
   * by an enactor, oldest first. Each one is taken by exactly one enactor.
   */
  readonly queue: readonly number[];
  /** Route53, regional endpoint first. */
  readonly route53: readonly Endpoint[];
  /** enactors[i] is enactor i + 1 (one per Availability Zone). */
  readonly enactors: readonly Enactor[];
};

export type DnsParams = {
  readonly enactors: number;
  readonly endpoints: number;
  readonly window: number;
};

/** The DNS names one regional plan serves: "a public regional endpoint … a FIPS compliant endpoint, an IPv6 endpoint, and account-specific endpoints". */
export const ENDPOINT_NAMES: readonly string[] = [
  'dynamodb.us-east-1.amazonaws.com',
  'dynamodb.us-east-1.api.aws',
  'dynamodb-fips.us-east-1.amazonaws.com',
  '111122223333.ddb.us-east-1.amazonaws.com',
  '444455556666.ddb.us-east-1.amazonaws.com',
  '777788889999.ddb.us-east-1.amazonaws.com',
];

export const endpointName = (i: number): string => ENDPOINT_NAMES[i] ?? `endpoint ${i}`;

/**
 * The planner publishes at most window + 3 generations, counting the plan applied at the start.
 * That is the least that lets the race happen at all: the delayed enactor must pick a plan newer
 * than the one applied (generation 2 at the earliest), and clean-up only deletes plans more than
 * `window` generations older than the one it applied (so that one is 2 + window + 1 at the least).
 */
export const lastGeneration = (p: DnsParams): number => p.window + 3;

const LOAD_BALANCERS = ['nlb-1', 'nlb-2', 'nlb-3'];

/**
 * The records of a generation. The Planner's choice follows the load balancers' health and
 * capacity, which this model does not simulate; a fixed rotation of two of three load balancers and
 * their weights keeps nearby plans distinct and non-empty without adding states.
 */
export function recordsOf(generation: number): string[] {
  const a = LOAD_BALANCERS[generation % 3] as string;
  const b = LOAD_BALANCERS[(generation + 1) % 3] as string;
  const weight = 10 * (1 + (generation % 9));
  return [`${a}:${weight}`, `${b}:${100 - weight}`].sort();
}

export const hasPlan = (s: DnsState, generation: number): boolean => s.plans[generation] !== undefined;

/** The generations in the store, oldest first. */
export const generations = (s: DnsState): number[] => Object.keys(s.plans).map(Number);

export const enactorName = (e: number): string => `enactor ${e}`;
export const PLANNER = 'DNS Planner';
export const OPERATOR = 'operator';

/** "plans 1, 2" */
export const listPlans = (gens: readonly number[]): string =>
  gens.length === 0 ? 'no plans' : `plan${gens.length === 1 ? '' : 's'} ${gens.join(', ')}`;
