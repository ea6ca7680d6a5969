// Issue #20 (also seen): -0 in a state. JSON writes it as 0, so a trace could not hold the state the
// step made; it was taken for nondeterminism. It is named for what it is, with its path.
import { action, base, model, tick } from './kit.ts';

export const inInit = model({
  ...base,
  name: 'negative-zero-init',
  init: () => ({ n: 0, z: -0 }) as never,
  actions: [tick],
});
export const fromStep = model({
  ...base,
  name: 'negative-zero-step',
  actions: [
    action({
      name: 'tick',
      actor: 'clock',
      when: (s) => s.n < 3,
      step: (d) => void ((d.n = d.n === 1 ? -0 + 2 : d.n + 1), ((d as { z?: number }).z = -0)),
    }),
  ],
});
export const deep = model({
  ...base,
  name: 'negative-zero-deep',
  actions: [
    action({
      name: 'tick',
      actor: 'clock',
      when: (s) => s.n < 3,
      step: (d) => void ((d.n += 1), ((d as { xs?: number[] }).xs = [1, Math.round(-0.2)])),
    }),
  ],
});
export const inArgs = model({
  ...base,
  name: 'negative-zero-args',
  actions: [
    action({ name: 'tick', actor: 'clock', args: [1, -0], when: (s) => s.n < 3, step: (d) => void (d.n += 1) }),
  ],
});
