// Item 6: a canonical() that sorts two parallel arrays independently, tearing each worker's phase
// from its count. No property reads them, so only a soundness probe can tell (the enabled actions
// of a state and of its representative differ).
import { modelKit, range } from '../../../engine/index.ts';

type S = { readonly phase: readonly string[]; readonly done: readonly number[] };
const { action, always, model } = modelKit<S, Record<string, never>, Record<string, never>>();
const workers = () => range(0, 2);

export const unsoundCanonical = model({
  name: 'unsound-canonical',
  title: 'broken on purpose',
  doc: 'a hostile-corpus model (properties/hostile)',
  params: {},
  variants: { only: { doc: 'the one variant', switches: {} } },
  init: () => ({ phase: ['idle', 'idle', 'idle'], done: [0, 0, 0] }),
  actions: [
    action({
      name: 'workerStarts',
      actor: (w) => `worker ${w}`,
      args: workers,
      when: (s, w) => s.phase[w] === 'idle' && (s.done[w] ?? 0) < 2,
      step: (d, w) => void (d.phase[w] = 'busy'),
    }),
    action({
      name: 'workerFinishes',
      actor: (w) => `worker ${w}`,
      args: workers,
      when: (s, w) => s.phase[w] === 'busy',
      step: (d, w) => {
        d.phase[w] = 'idle';
        d.done[w] = (d.done[w] ?? 0) + 1;
      },
    }),
  ],
  properties: [
    always({ name: 'bounded', doc: 'nobody works more than twice', check: (s) => s.done.every((n) => n <= 2) }),
  ],
  ends: (s) => s.done.every((n) => n === 2),
  canonical: (s) => ({ phase: [...s.phase].sort(), done: [...s.done].sort() }),
});
