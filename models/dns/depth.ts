/**
 * How deep the race is: the fewest steps in which a delayed enactor's plan can be deleted under an
 * endpoint, on each link. The count is forced by the protocol (the README spells it out); tests
 * check it against the exhaustive explorer at small parameters, and the strategy benchmark sizes
 * its runs from it.
 */
import type { DnsParams } from './state.ts';
import type { DnsSwitches } from './variants.ts';

/**
 * Stack link: the planner publishes window + 2 plans, the delayed enactor A picks plan 2 and the
 * other enactor B picks the newest; B walks every endpoint (a lock and a commit each), A's stale
 * commit lands behind B's (a lock and a commit), and B's clean-up deletes A's plan.
 *
 * Queue link: the same, except that B can take the newest plan only once every plan between A's
 * and it has been taken. An enactor that takes a plan and never moves again holds it in one step;
 * only enactors other than A and B can do that (B must be idle to take the newest), so B has to
 * walk and clean up after each of the others: 2·endpoints + 2 steps a plan. That is what makes the
 * queue link deep: it grows with window × endpoints, not window + endpoints.
 */
export function shortestRace(link: DnsSwitches['link'], { enactors, endpoints, window }: DnsParams): number {
  if (enactors < 2) return Infinity; // one enactor never overtakes itself
  const publications = window + 2;
  const walk = 2 * endpoints; // a lock and a commit per endpoint
  const staleWrite = 2;
  if (link === 'stack') return publications + 2 + walk + staleWrite + 1;
  const between = window; // the plans queued between A's (plan 2) and the newest (window + 3)
  const held = Math.min(enactors - 2, between);
  return publications + 1 + staleWrite + held + (between - held) * (1 + walk + 1) + (1 + walk + 1);
}
