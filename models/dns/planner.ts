/**
 * The DNS Planner: "monitors the health and capacity of the load balancers and periodically creates
 * a new DNS plan for each of the service's endpoints consisting of a set of load balancers and
 * weights. We produce a single regional DNS plan". It never waits for the Enactors: "the DNS Planner
 * continued to run and produced many newer generations of plans".
 *
 * On the queue link it also hands the new plan to the enactors, behind the plans they have not yet
 * taken; on the stack link the store is all they look at.
 */
import { kit } from './kit.ts';
import { PLANNER, lastGeneration, listPlans, recordsOf } from './state.ts';

export const plannerPublishesPlan = kit.action({
  name: 'plannerPublishesPlan',
  doc: 'The DNS Planner publishes the next generation of the regional plan to the plan store.',
  actor: PLANNER,
  // Bounded so that the state space is finite: see lastGeneration.
  when: (s, _, { params }) => s.latest < lastGeneration(params),
  step: (d, _, { switches }) => {
    d.latest += 1;
    d.plans[d.latest] = recordsOf(d.latest);
    if (switches.link === 'queue') d.queue.push(d.latest);
  },
  describe: (s, _, _after, { switches }) =>
    `planner publishes ${listPlans([s.latest + 1])} (${recordsOf(s.latest + 1).join(', ')})${switches.link === 'queue' ? ' and queues it for the enactors' : ''}`,
  target: 'plan store',
});
