/*
 * Dijkstra's dining philosophers with the fork order that prevents deadlock (each takes the
 * lower-numbered of its two forks first): the same protocol as philosophers.ts, one d_step (one
 * SPIN transition) per racehunt action. N philosophers: spin -DN=12 -a philosophers.pml
 */
#ifndef N
#define N 12
#endif
#define LEFT _pid
#define RIGHT ((_pid + 1) % N)
#define FIRST (LEFT < RIGHT -> LEFT : RIGHT)
#define SECOND (LEFT < RIGHT -> RIGHT : LEFT)

bool fork[N];

active [N] proctype philosopher() {
  do
  :: d_step { !fork[FIRST] -> fork[FIRST] = true }
     d_step { !fork[SECOND] -> fork[SECOND] = true }
     d_step { fork[FIRST] = false; fork[SECOND] = false }
  od
}
