/** Double-checked locking: the model and its expected outcomes. */
import manifestJson from './manifest.json' with { type: 'json' };
import { doubleCheckedLocking } from './model.ts';

export const model = doubleCheckedLocking;
export const manifest = manifestJson;
