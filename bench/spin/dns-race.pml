/*
 * The DNS race in its plain TLA+ shape: the same protocol as dns-race.ts, one d_step (one SPIN
 * transition) per racehunt action, and every variable reset when the racehunt model resets it,
 * so that the two state spaces are the same and their counts can be compared.
 * ENACTORS enactors, PLANS plans, THRESHOLD: spin -DENACTORS=5 -DPLANS=10 -DTHRESHOLD=2 -a dns-race.pml
 */
#ifndef ENACTORS
#define ENACTORS 5
#endif
#ifndef PLANS
#define PLANS 8
#endif
#ifndef THRESHOLD
#define THRESHOLD 2
#endif

chan queue = [PLANS] of { byte };
byte next = 1;
byte active_plan = 0;
bool deleted[PLANS + 1];

active proctype planner() {
  do
  :: d_step { next <= PLANS -> queue!next; next++ }
  od
}

active [ENACTORS] proctype enactor() {
  byte plan = 0;
  byte i = 0;
  do
  :: d_step { queue?plan }
     d_step { if :: !deleted[plan] -> active_plan = plan :: else -> skip fi }
     d_step {
       i = 1;
       do
       :: i + THRESHOLD < plan -> deleted[i] = true; i++
       :: else -> break
       od;
       i = 0;
       plan = 0
     }
  od
}
