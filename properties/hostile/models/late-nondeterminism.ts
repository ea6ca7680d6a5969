// Item 4: nondeterminism that starts after the probed runs. A hidden counter changes what the
// step does after 300 calls: from then on some calls jump by 100, which breaks `small`, although
// the model as written (n += 1 up to 20) never does. The search's first runs are probed and see
// nothing; the counterexample it then finds must not be reported as real: it is a nondeterministic
// model, naming the action, exit 2.
// - `alternating`: every other call jumps (the recorded trace's own probe sees it);
// - `inPairs`: two calls jump, two do not (a step run twice in a row agrees with itself, so only
//   playing the counterexample again, as it is replayed before it is reported, shows it).
// One export per case, each with its own counter, so that the cases do not share the module's state.
import { action, always, base, model } from './kit.ts';

function drifting(jumps: (calls: number) => boolean) {
  let calls = 0;
  return model({
    ...base,
    name: 'late-nondeterminism',
    ends: (s) => s.n >= 20,
    properties: [always({ name: 'small', doc: 'n stays below 50', check: (s) => s.n < 50 || `n is ${s.n}` })],
    actions: [
      action({
        name: 'creep',
        actor: 'clock',
        when: (s) => s.n < 20,
        step: (d) => {
          calls += 1;
          d.n += calls > 300 && jumps(calls) ? 100 : 1; // reads an outside variable
        },
      }),
    ],
  });
}

const everyOther = (calls: number) => calls % 2 === 0;
const twoByTwo = (calls: number) => Math.floor(calls / 2) % 2 === 0;
export const alternatingPct = drifting(everyOther);
export const alternatingCover = drifting(everyOther);
export const inPairsPct = drifting(twoByTwo);
export const inPairsCover = drifting(twoByTwo);
