// A module that exports two models and no `default` or `model`: which one is meant must be said.
import { base, model, tick } from './kit.ts';

export const first = model({ ...base, name: 'first', actions: [tick] });
export const second = model({ ...base, name: 'second', actions: [tick] });
