/**
 * The operator: "This situation ultimately required manual operator intervention to correct." An
 * operator writes the newest plan's records straight into Route53 for an endpoint whose active plan
 * is gone. No automation takes this step, so `automation-recovers` leaves it out.
 */
import { range } from '../../engine/index.ts';
import { kit } from './kit.ts';
import { OPERATOR, endpointName, hasPlan, recordsOf } from './state.ts';

export const operatorRestoresEndpoint = kit.action({
  name: 'operatorRestoresEndpoint',
  doc: 'An operator repairs, by hand, an endpoint whose active plan was deleted.',
  args: ({ params }) => range(0, params.endpoints - 1),
  actor: OPERATOR,
  when: (s, i) => !hasPlan(s, s.route53[i]?.plan ?? 0),
  step: (d, i) => {
    const ep = d.route53[i]!;
    ep.replaced = ep.plan;
    ep.plan = d.latest;
    ep.records = recordsOf(d.latest);
  },
  describe: (s, i) =>
    `operator restores ${endpointName(i)} by hand to plan ${s.latest} (its plan ${s.route53[i]?.plan} was deleted)`,
  target: 'Route53',
});
