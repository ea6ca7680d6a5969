/** Two-phase locking: the model and its expected outcomes. */
import manifestJson from './manifest.json' with { type: 'json' };
import { twoPhaseLocking } from './model.ts';

export const model = twoPhaseLocking;
export const manifest = manifestJson;
