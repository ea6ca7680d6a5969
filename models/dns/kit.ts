/** The model kit bound once to the DNS model's state, parameter and switch types. */
import { modelKit, type Ctx } from '../../engine/index.ts';
import type { DnsParams, DnsState } from './state.ts';
import type { DnsSwitches } from './variants.ts';

export const kit = modelKit<DnsState, DnsParams, DnsSwitches>();
export type DnsCtx = Ctx<DnsParams, DnsSwitches>;
