/**
 * The mutants scripts/mutate.ts plants, one at a time: one-line changes to the catalog's safe
 * variants (and to a few claims), each written the way a plausible bug would be. Each names the
 * variant it is planted in (judged first) and, for a change to a claim rather than to a model, the
 * test that holds that claim to its fixtures. `equivalent` explains a mutant no test can catch
 * because it changes nothing any run can see.
 */
export interface Mutant {
  readonly id: string;
  /** Catalog model whose manifest judges it. */
  readonly model: string;
  /** The variant it is planted in (judged first). */
  readonly variant: string;
  readonly file: string;
  /** The exact text replaced (it must occur exactly once in the file). */
  readonly find: string;
  readonly replace: string;
  /** What the change means, as a bug. */
  readonly story: string;
  /** A change to a claim: the fixture tests that must catch it (vitest files). */
  readonly fixtures?: readonly string[];
  /**
   * A change to a witness: what must catch it is the engine's vacuity check (a hunt that counts on a
   * witness reached in the initial state is vacuous), so a vacuous hunt is its catch.
   */
  readonly witness?: true;
  /** Why no claim can catch it: it changes nothing any claim's promise is about. */
  readonly equivalent?: string;
}

export const MUTANTS: readonly Mutant[] = [
  // DynamoDB's DNS automation (models/dns)
  {
    id: 'dns-cas-equal',
    model: 'dns',
    variant: 'fixed',
    file: 'models/dns/enactor.ts',
    find: 'if (switches.conditionalCommit && ep.plan >= plan) return',
    replace: 'if (switches.conditionalCommit && ep.plan > plan) return',
    story: 'the conditional commit lets a plan be committed over the same generation',
  },
  {
    id: 'dns-cas-off',
    model: 'dns',
    variant: 'cas-only',
    file: 'models/dns/enactor.ts',
    find: 'if (switches.conditionalCommit && ep.plan >= plan) return',
    replace: 'if (switches.conditionalCommit && ep.plan > plan + 1) return',
    story: 'the conditional commit refuses only plans more than one generation older',
  },
  {
    id: 'dns-cleanup-ignores-enactors',
    model: 'dns',
    variant: 'guard-only',
    file: 'models/dns/cleanup.ts',
    find: "!s.enactors.some((x) => x.phase !== 'idle' && x.plan === g)",
    replace: 'true',
    story: 'the atomic clean-up spares plans endpoints serve, not those enactors hold',
  },
  {
    id: 'dns-cleanup-ignores-endpoints',
    model: 'dns',
    // The same clean-up rule serves fixed and guard-only; in fixed the conditional commit already
    // keeps every endpoint at or past the plan the cleaner applied, so the endpoint check matters
    // (and the mutant shows) only where commits are blind: judged there first.
    variant: 'guard-only',
    file: 'models/dns/cleanup.ts',
    find: '(g) => !s.route53.some((ep) => ep.plan === g) &&',
    replace: '(g) => true &&',
    story: 'the atomic clean-up spares plans enactors hold, not those endpoints serve',
  },
  {
    id: 'dns-cleanup-spares-only-appliers',
    model: 'dns',
    variant: 'guard-only',
    file: 'models/dns/cleanup.ts',
    find: "x.phase !== 'idle' && x.plan === g",
    replace: "x.phase === 'applying' && x.plan === g",
    story: 'the clean-up spares the plans of enactors still applying, not of those cleaning up',
  },
  {
    id: 'dns-queue-check-equal',
    model: 'dns',
    variant: 'fixed-queue',
    file: 'models/dns/enactor.ts',
    find: 'if (plan > appliedPlan(d as DnsState)) startApplying(d, e, plan, switches);',
    replace: 'if (plan >= appliedPlan(d as DnsState)) startApplying(d, e, plan, switches);',
    story: "the queue link's one-time check lets an enactor take up a plan as old as the applied one",
    equivalent:
      'equivalent for every claim: the enactor walks a plan every endpoint already has, the conditional commit refuses each of its commits, and its clean-up deletes only what the first walk of that plan could (unused plans older than the window): a redundant walk, nothing a claim reads changes',
  },
  {
    id: 'dns-witness-from-the-start',
    model: 'dns',
    variant: 'fixed',
    file: 'models/dns/properties.ts',
    find: 'reached: (s) => generations(s).length < s.latest,',
    replace: 'reached: (s) => generations(s).length <= s.latest,',
    story: 'the witness cleanup-deletes-a-plan is made true in the initial state',
    witness: true,
  },
  // EC2's DropletWorkflow Manager (models/dwfm)
  {
    id: 'dwfm-limit-a-tick-late',
    model: 'dwfm',
    variant: 'queue-size-limit',
    file: 'models/dwfm/rules.ts',
    find: 'return servableQueue(capacity * (timeout + 1), knee);',
    replace: 'return servableQueue(capacity * (timeout + 2), knee);',
    story: 'the queue limit counts one tick more than a request stays open',
  },
  {
    id: 'dwfm-limit-off-by-one',
    model: 'dwfm',
    variant: 'queue-size-limit',
    file: 'models/dwfm/rules.ts',
    find: 'servableWithin(fleet.capacity, fleet.timeout, r.settings.knee) - inHost)',
    replace: 'servableWithin(fleet.capacity, fleet.timeout, r.settings.knee) - inHost + 1)',
    story: 'the queue limit admits one request more than fits',
  },
  {
    id: 'dwfm-throttle-a-period',
    model: 'dwfm',
    variant: 'throttled-restart',
    file: 'models/dwfm/rules.ts',
    find: 'if (s.throttled) allow = Math.min(allow, servableWithin(fleet.capacity, 0, r.settings.knee));',
    replace:
      'if (s.throttled) allow = Math.min(allow, servableWithin(fleet.capacity, fleet.timeout, r.settings.knee));',
    story: 'the throttle admits what the host serves in a request period, not in a tick',
  },
  {
    id: 'dwfm-restart-without-throttle',
    model: 'dwfm',
    variant: 'throttled-restart',
    file: 'models/dwfm/tick.ts',
    find: '  d.throttled = true;',
    replace: '  d.throttled = false;',
    story: 'operators restart the host without throttling incoming work',
  },
  {
    id: 'dwfm-restart-keeps-stall',
    model: 'dwfm',
    variant: 'throttled-restart',
    file: 'models/dwfm/tick.ts',
    find: '  d.stalledFor = 0;\n  d.total.restarts += 1;',
    replace: '  d.total.restarts += 1;',
    story: 'a restart does not reset the stall counter (the restart stays due)',
  },
  {
    id: 'dwfm-never-relax',
    model: 'dwfm',
    variant: 'throttled-restart',
    file: 'models/dwfm/rules.ts',
    find: 'return s.throttled && waitingDroplets(s) === 0;',
    replace: 'return s.throttled && waitingDroplets(s) === 0 && s.stalledFor > 0;',
    story: 'operators never relax the throttle (the condition they wait for cannot hold)',
  },
  {
    id: 'dwfm-drop-a-tick-late',
    model: 'dwfm',
    variant: 'drop-expired',
    file: 'models/dwfm/tick.ts',
    find: 'if (r.switches.dropExpired && next.deadline < t) {',
    replace: 'if (r.switches.dropExpired && next.deadline < t - 1) {',
    story: 'the host drops stale items only a tick after their droplet gave up',
  },
  {
    id: 'dwfm-window-half-dropped',
    model: 'dwfm',
    variant: 'queue-size-limit',
    file: 'models/dwfm/properties.ts',
    find: 'if (s.tick - m.since >= window)',
    replace: 'if (s.tick - m.since >= window * 1000)',
    story: 'leases-make-progress loses its "a lease in every window" half',
    fixtures: ['properties/dwfm/halves.deep.test.ts'],
  },
  {
    id: 'dwfm-bound-half-dropped',
    model: 'dwfm',
    variant: 'queue-size-limit',
    file: 'models/dwfm/properties.ts',
    find: 'if (s.tick - m.backAt > recoveryBound)',
    replace: 'if (s.tick - m.backAt > recoveryBound * 1000)',
    story: 'leases-make-progress loses its "every lease back within the bound" half',
    fixtures: ['properties/dwfm/halves.deep.test.ts'],
  },
  // EC2's Network Manager (models/network-manager)
  {
    id: 'nm-limit-a-unit-more',
    model: 'network-manager',
    variant: 'queue-size-limit',
    file: 'models/network-manager/rules.ts',
    find: 'return Math.max(0, servableQueue(capacity, r.settings.knee) - inQueue);',
    replace: 'return Math.max(0, servableQueue(capacity + 1, r.settings.knee) - inQueue);',
    story: 'the queue limit is sized for one work unit more than a tick has',
  },
  {
    id: 'nm-limit-off-by-one',
    model: 'network-manager',
    variant: 'queue-size-limit',
    file: 'models/network-manager/rules.ts',
    find: 'return Math.max(0, servableQueue(capacity, r.settings.knee) - inQueue);',
    replace: 'return Math.max(0, servableQueue(capacity, r.settings.knee) - inQueue + 1);',
    story: 'the queue limit admits one propagation more than fits',
  },
  {
    id: 'nm-never-restore',
    model: 'network-manager',
    variant: 'reduce-load',
    file: 'models/network-manager/rules.ts',
    find: 'return s.reduced && !delayElevated(s, r);',
    replace: 'return s.reduced && !delayElevated(s, r) && s.elevatedFor > 0;',
    story: 'the load reduction is never lifted',
  },
  {
    id: 'nm-reduction-cuts-nothing',
    model: 'network-manager',
    variant: 'reduce-load',
    file: 'models/network-manager/rules.ts',
    find: 'return s.reduced ? Math.floor((rate * r.settings.reducedPercent) / 100) : rate;',
    replace: 'return s.reduced ? Math.floor((rate * (100 - r.settings.reducedPercent)) / 100) : rate;',
    story: 'the reduction lets through the share it should refuse',
  },
  {
    id: 'nm-react-late',
    model: 'network-manager',
    variant: 'reduce-load',
    file: 'models/network-manager/rules.ts',
    find: 's.elevatedFor >= r.settings.react;',
    replace: 's.elevatedFor >= r.settings.react + 2;',
    story: 'operators react two ticks later than their runbook says',
  },
  {
    id: 'nm-stays-half-dropped',
    model: 'network-manager',
    variant: 'reduce-load',
    file: 'models/network-manager/properties.ts',
    find: 'if (since < recovery || delay <= params.normalDelay) return true;',
    replace: 'if (since !== recovery || delay <= params.normalDelay) return true;',
    story: 'propagation-delay-recovers loses its "and stays there" half (judged only at the bound)',
    fixtures: ['properties/network-manager/halves.deep.test.ts'],
  },
  // Network Load Balancer (models/nlb)
  {
    id: 'nlb-cap-off-by-one',
    model: 'nlb',
    variant: 'velocity-control',
    file: 'models/nlb/rules.ts',
    find: 'if (r.switches.velocityControl && out >= r.settings.maxZonesRemoved) return;',
    replace: 'if (r.switches.velocityControl && out > r.settings.maxZonesRemoved) return;',
    story: 'velocity control lets one zone more out than its cap',
  },
  {
    id: 'nlb-cap-as-a-rate',
    model: 'nlb',
    variant: 'velocity-control',
    file: 'models/nlb/rules.ts',
    find: 'let out = next.filter((x) => !x).length;',
    replace: 'let out = 0;',
    story: 'velocity control counted as removals per tick instead of a cap on zones held out',
  },
  {
    id: 'nlb-fail-open-never',
    model: 'nlb',
    variant: 'fail-open',
    file: 'models/nlb/rules.ts',
    find: 'if (r.switches.failOpen && healthy.every((h) => !h)) return healthy.map(() => true);',
    replace: 'if (r.switches.failOpen && healthy.every((h) => !h) && s.tick < 0) return healthy.map(() => true);',
    story: 'fail-open never fires',
  },
  {
    id: 'nlb-disabled-still-removes',
    model: 'nlb',
    variant: 'failover-disabled',
    file: 'models/nlb/tick.ts',
    find: "if (d.failover && target.inService !== (result === 'pass')) {",
    replace: "if (target.inService !== (result === 'pass')) {",
    story: 'with failover disabled, a failed check still takes its target out of service',
  },
  // The Region (models/us-east-1)
  {
    id: 'region-failover-never-reenabled',
    model: 'us-east-1',
    variant: 'as-2025',
    file: 'models/us-east-1/operators.ts',
    find: '    enableFailover(d.nlb);\n',
    replace: '',
    story: 'operators mark failover re-enabled but never turn it back on',
  },
  {
    id: 'region-throttle-never-open',
    model: 'us-east-1',
    variant: 'as-2025',
    file: 'models/us-east-1/tick.ts',
    find: 'return Math.min(100, params.throttlePercent + opened);',
    replace: 'return Math.min(99, params.throttlePercent + opened);',
    story: 'the relaxed request throttle never opens all the way',
  },
  {
    id: 'region-load-never-restored',
    model: 'us-east-1',
    variant: 'as-2025',
    file: 'models/us-east-1/operators.ts',
    find: '  step: (d) => restoreLoad(d.nm),',
    replace: '  step: (d) => void d.nm,',
    story: "operators' step to let the normal load back in to Network Manager does nothing",
  },
  {
    id: 'region-relax-slower',
    model: 'us-east-1',
    variant: 'as-2025',
    file: 'models/us-east-1/tick.ts',
    find: '((100 - params.throttlePercent) * (minute - s.ec2.relaxingSince + 1)) / params.relaxMinutes,',
    replace: '((100 - params.throttlePercent) * (minute - s.ec2.relaxingSince + 1)) / (params.relaxMinutes + 2),',
    story: 'operators open the request throttle over two minutes more than their runbook gives',
  },
  {
    id: 'dwfm-limit-ignores-attempt',
    model: 'dwfm',
    variant: 'queue-size-limit',
    file: 'models/dwfm/rules.ts',
    find: 'const inHost = s.queue.reduce((n, w) => n + w.count, 0) + (s.attempt ? 1 : 0);',
    replace: 'const inHost = s.queue.reduce((n, w) => n + w.count, 0);',
    story: 'the queue limit forgets the attempt the host is working on',
  },
  // The zoo's fixes, and the register
  {
    id: 'dining-ordered-as-left',
    model: 'dining-philosophers',
    variant: 'ordered-forks',
    file: 'models/zoo/dining-philosophers/model.ts',
    find: "sw.firstFork === 'left' ? leftFork(p) : Math.min(leftFork(p), rightFork(p, n));",
    replace: "sw.firstFork === 'left' ? leftFork(p) : Math.max(leftFork(p), rightFork(p, n));",
    story: 'ordered forks take the higher-numbered fork first (every philosopher but one the right)',
  },
  {
    id: 'peterson-victim-test-dropped',
    model: 'peterson',
    variant: 'peterson',
    file: 'models/zoo/peterson/model.ts',
    find: "const victimTest = !entry.includes('be-victim') || s.victim === i;",
    replace: 'const victimTest = true;',
    story: "Peterson's wait forgets the victim test",
  },
  {
    id: 'register-cas-blind',
    model: 'register',
    variant: 'compare-and-set',
    file: 'models/register/model.ts',
    find: 'if (switches.compareAndSet && d.register !== read) {',
    replace: 'if (switches.compareAndSet && d.register < read) {',
    story: 'the compare-and-set fails only when the register went backwards',
  },
];
