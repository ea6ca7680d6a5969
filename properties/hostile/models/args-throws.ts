// Item 9: args() throws when the instance asks for the action's domain.
import { action, base, model } from './kit.ts';

export const argsThrows = model({
  ...base,
  name: 'args-throws',
  actions: [
    action<number>({
      name: 'tick',
      actor: 'clock',
      args: () => {
        throw new Error('no domain today');
      },
      step: (d) => void (d.n += 1),
    }),
  ],
});
