// A state that is not plain data: a class instance in the initial state.
import type { Counter } from './kit.ts';
import { base, model, tick } from './kit.ts';

class Box {
  constructor(readonly n: number) {}
}
export const classState = model({
  ...base,
  name: 'class-state',
  init: () => ({ n: 0, box: new Box(1) }) as unknown as Counter,
  actions: [tick],
});
