/** Two-phase commit with a coordinator that forgets its decision: the model and its expected outcomes. */
import manifestJson from './manifest.json' with { type: 'json' };
import { twoPhaseCommit } from './model.ts';

export const model = twoPhaseCommit;
export const manifest = manifestJson;
