/*
 * The DNS race in its plain TLA+ shape: the same protocol as dns-race.ts, one d_step (one SPIN
 * transition) per racehunt action, and every variable reset when the racehunt model resets it,
 * so that the two state spaces are the same and their counts can be compared.
 * E enactors, P plans, threshold T: spin -DE=5 -DP=8 -DT=2 -a dns-race.pml
 */
#ifndef E
#define E 5
#endif
#ifndef P
#define P 8
#endif
#ifndef T
#define T 2
#endif

chan queue = [P] of { byte };
byte next = 1;
byte active_plan = 0;
bool deleted[P + 1];

active proctype planner() {
  do
  :: d_step { next <= P -> queue!next; next++ }
  od
}

active [E] proctype enactor() {
  byte plan = 0;
  byte i = 0;
  do
  :: d_step { queue?plan }
     d_step { if :: !deleted[plan] -> active_plan = plan :: else -> skip fi }
     d_step {
       i = 1;
       do
       :: i + T < plan -> deleted[i] = true; i++
       :: else -> break
       od;
       i = 0;
       plan = 0
     }
  od
}
