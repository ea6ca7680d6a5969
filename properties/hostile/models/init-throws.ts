// init() throws.
import { base, model, tick } from './kit.ts';

export const initThrows = model({
  ...base,
  name: 'init-throws',
  init: () => {
    throw new Error('no initial state');
  },
  actions: [tick],
});
