/** How a completed call reads in a trace: the call in the code's words, and what came back. */
import type { CallInfo } from '../../engine/async/index.ts';
import type { ChangeBatch, EndpointState, Plan } from './interfaces.ts';

const plan = (p: Plan | null) => (p ? `plan ${p.generation} (${p.records.join(', ')})` : 'none');
const gens = (gs: readonly number[]) => (gs.length === 0 ? 'none' : `plans ${gs.join(', ')}`);

export function describeDnsCall(c: CallInfo): string | undefined {
  const a = c.args;
  const call = (args: string) => `${c.service}.${c.method}(${args})`;
  if (c.failed)
    return `${call(a.map((x) => (typeof x === 'string' || typeof x === 'number' ? String(x) : '…')).join(', '))} ✗ ${(c.error as Error).name}: ${(c.error as Error).message}`;
  switch (`${c.service}.${c.method}`) {
    case 'clock.sleep':
      return `clock.sleep(${a[0]}) → woke at t=${c.now}`;
    case 'plans.latestGeneration':
      return `${call('')} → ${c.result}`;
    case 'plans.putPlan':
      return `${call(plan(a[0] as Plan))}`;
    case 'plans.claimLatestNewerThan':
      return `${call(`${a[0]}, "${a[1]}"`)} → ${c.result ? `plan ${(c.result as Plan).generation}` : 'nothing newer'}`;
    case 'plans.getPlan':
      return `${call(String(a[0]))} → ${c.result ? `plan ${(c.result as Plan).generation}` : 'not found'}`;
    case 'plans.listGenerations':
      return `${call('')} → ${gens(c.result as number[])}`;
    case 'plans.deletePlans': {
      const o = a[1] as { releaseClaimOf: string; onlyUnused: boolean };
      return `${call(`[${(a[0] as number[]).join(', ')}]${o.onlyUnused ? ', onlyUnused' : ''}`)} → deleted ${gens(c.result as number[])}`;
    }
    case 'route53.listEndpoints':
      return `${call('')} → ${(c.result as EndpointState[]).map((e) => `plan ${e.generation}`).join(', ')}`;
    case 'route53.getEndpoint':
      return `${call(String(a[0]))} → plan ${(c.result as EndpointState).generation}`;
    case 'route53.acquireLock':
      return `${call(`${a[0]}, "${a[1]}"`)} → locked`;
    case 'route53.releaseLock':
      return `${call(`${a[0]}, "${a[1]}"`)} → released`;
    case 'route53.changeResourceRecordSets': {
      const b = a[1] as ChangeBatch;
      return `${call(`${a[0]}, plan ${b.generation}${b.releaseLockOf ? ' + unlock' : ''}`)} → committed`;
    }
    default:
      return undefined;
  }
}
