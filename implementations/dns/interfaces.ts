/**
 * What DynamoDB's DNS automation talks to, as the service sees it. The DNS Planner and the DNS
 * Enactors share nothing but these: a plan store (the plans the Planner writes and the Enactors
 * read, with each enactor's claim on the plan it is applying), Route53 (per endpoint: its records,
 * the generation they come from, and a lock record) and a clock. Every call is awaited and may take
 * any time; nothing here knows how it is tested.
 */

/** One generation of the single regional plan: "a set of load balancers and weights". */
export interface Plan {
  readonly generation: number;
  /** Weighted records, sorted: `nlb-2:70`. */
  readonly records: readonly string[];
}

export interface PlanStore {
  /** The newest generation published so far. */
  latestGeneration(): Promise<number>;
  /** The DNS Planner publishes a new generation. */
  putPlan(plan: Plan): Promise<void>;
  /**
   * The latest plan, claimed for `enactor`, if its generation is newer than `applied`; else null and
   * no claim. One conditional write, as a DynamoDB ConditionExpression would do it.
   */
  claimLatestNewerThan(applied: number, enactor: string): Promise<Plan | null>;
  getPlan(generation: number): Promise<Plan | null>;
  listGenerations(): Promise<number[]>;
  /**
   * Delete these plans and release `releaseClaimOf`'s claim, in one transaction. With `onlyUnused`,
   * plans that an endpoint serves or an enactor has claimed are kept. Returns what was deleted.
   */
  deletePlans(
    generations: readonly number[],
    options: { readonly releaseClaimOf: string; readonly onlyUnused: boolean },
  ): Promise<number[]>;
}

/** What Route53 holds for one DNS name. */
export interface EndpointState {
  readonly name: string;
  /** The plan generation its records come from (a TXT record written by the same change batch). */
  readonly generation: number;
  readonly records: readonly string[];
  /** The owner of the endpoint's lock record, if any. */
  readonly lockedBy: string | null;
}

/** One Route53 transaction: delete the current records, create the new ones, all or nothing. */
export interface ChangeBatch {
  /** Must match the current records exactly, or Route53 rejects the batch. */
  readonly delete: readonly string[];
  readonly create: readonly string[];
  readonly generation: number;
  /** Delete this owner's lock record in the same batch (null: the batch does not touch the lock). */
  readonly releaseLockOf: string | null;
}

export interface Route53 {
  listEndpoints(): Promise<EndpointState[]>;
  getEndpoint(name: string): Promise<EndpointState>;
  /** Create the endpoint's lock record; rejected (InvalidChangeBatch) if another owner holds it. */
  acquireLock(name: string, owner: string): Promise<void>;
  releaseLock(name: string, owner: string): Promise<void>;
  changeResourceRecordSets(name: string, batch: ChangeBatch): Promise<void>;
}

/** Waiting, for polls and retries. Never a real timer: the service gets its clock from whoever runs it. */
export interface Clock {
  sleep(ms: number): Promise<void>;
}

/** Route53's answer to a change batch it cannot apply; the AWS SDK names its error the same way. */
export class InvalidChangeBatch extends Error {
  override readonly name = 'InvalidChangeBatch';
}

export const isInvalidChangeBatch = (e: unknown): boolean => e instanceof Error && e.name === 'InvalidChangeBatch';
