/** Split brain in leader election: the model and its expected outcomes. */
import manifestJson from './manifest.json' with { type: 'json' };
import { splitBrain } from './model.ts';

export const model = splitBrain;
export const manifest = manifestJson;
