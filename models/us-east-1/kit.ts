/**
 * The composed Region's kit: its parameters, and the four systems bound as parts (engine/compose.ts),
 * each to its `as-2025` variant and to the Region's parameters for it. Every rule a minute applies
 * comes from the parts' own modules, under the parameters bound here.
 */
import { composeKit, type Ctx } from '../../engine/index.ts';
import { dns as dnsModel } from '../dns/model.ts';
import { rulesOf as dwfmRulesOf, type DwfmCtx } from '../dwfm/kit.ts';
import { dwfm as dwfmModel } from '../dwfm/model.ts';
import type { DwfmState } from '../dwfm/state.ts';
import { rulesOf as nmRulesOf, type NmCtx } from '../network-manager/kit.ts';
import { networkManager as nmModel } from '../network-manager/model.ts';
import { rulesOf as nlbRulesOf, type NlbCtx, type NlbParams } from '../nlb/kit.ts';
import { nlb as nlbModel } from '../nlb/model.ts';
import type { RegionState } from './state.ts';
import type { RegionSwitches } from './variants.ts';

export type RegionParams = {
  // DynamoDB's DNS automation (models/dns).
  readonly dnsEnactors: number;
  readonly dnsEndpoints: number;
  readonly dnsWindow: number;
  /** Minutes resolvers keep serving the empty answer after the record is repaired. */
  readonly cacheTtl: number;
  // DWFM (models/dwfm): the fleet, and its rules' knobs.
  readonly droplets: number;
  readonly dwfmCapacity: number;
  readonly leaseTimeout: number;
  readonly checkEvery: number;
  readonly leaseTicks: number;
  readonly dwfmKnee: number;
  // EC2: the flow of instance state changes that need network propagation, and the request throttle.
  readonly changeRate: number;
  readonly throttlePercent: number;
  readonly relaxMinutes: number;
  // Network Manager (models/network-manager).
  readonly nmCapacity: number;
  readonly nmKnee: number;
  readonly normalDelay: number;
  readonly reducedPercent: number;
  readonly accelerationPercent: number;
  // Operators: minutes each intervention's cause has held before they act.
  readonly repairAfter: number;
  readonly restartAfter: number;
  readonly reduceAfter: number;
  readonly disableAfter: number;
  readonly relaxAfter: number;
  readonly reenableAfter: number;
  // The claims: each period of impact ends within its bound; a period ends after `settle` quiet minutes.
  readonly dynamodbBound: number;
  readonly ec2Bound: number;
  readonly nlbBound: number;
  readonly settle: number;
  /** Minutes a run lasts. */
  readonly horizon: number;
} & NlbRegionParams;

/** One NLB (models/nlb): these of its parameters are the Region's, under their own names. */
const NLB_PARAMS = [
  'zones',
  'existingTargets',
  'newTargets',
  'load',
  'checkerCapacity',
  'failCost',
  'changeCost',
  'staleAfter',
] as const satisfies readonly (keyof NlbParams)[];
type NlbRegionParams = Pick<NlbParams, (typeof NLB_PARAMS)[number]>;

export const kit = composeKit<RegionState, RegionParams, RegionSwitches>();
export type RegionCtx = Ctx<RegionParams, RegionSwitches>;

/** DynamoDB's DNS Planner and Enactors as they ran: their actions are scheduled as they are. */
export const dnsPart = kit.part('dns', dnsModel, {
  variant: 'as-2025',
  params: ({ params }) => ({ enactors: params.dnsEnactors, endpoints: params.dnsEndpoints, window: params.dnsWindow }),
});

/** DWFM as it ran; its fleet is the Region's. */
export const dwfmPart = kit.part('dwfm', dwfmModel, {
  variant: 'as-2025',
  params: ({ params }) => ({ checkEvery: params.checkEvery, leaseTicks: params.leaseTicks, knee: params.dwfmKnee }),
  clock: (s) => (s as DwfmState).tick,
});

/** Network Manager as it ran. */
export const nmPart = kit.part('nm', nmModel, {
  variant: 'as-2025',
  params: ({ params }) => ({
    knee: params.nmKnee,
    normalDelay: params.normalDelay,
    reducedPercent: params.reducedPercent,
    horizon: params.horizon,
  }),
});

/** One NLB as it ran; EC2 brings new instances into service behind it. */
export const nlbPart = kit.part('nlb', nlbModel, {
  variant: 'as-2025',
  params: ({ params }) => ({
    ...Object.fromEntries(NLB_PARAMS.map((k) => [k, params[k]])),
    horizon: params.horizon,
  }),
});

/** Each part's rules under the Region's parameters: the same functions each model's own steps call. */
// A part's context is its own model's, erased to the engine's type by the binding.
export const dwfmRules = (ctx: RegionCtx) => dwfmRulesOf(dwfmPart.ctx(ctx) as DwfmCtx);
export const nmRules = (ctx: RegionCtx) => nmRulesOf(nmPart.ctx(ctx) as NmCtx);
export const nlbRules = (ctx: RegionCtx) => nlbRulesOf(nlbPart.ctx(ctx) as NlbCtx);
