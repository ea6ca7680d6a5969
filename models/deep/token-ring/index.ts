/** Termination detection on a ring (EWD840): the model and its expected outcomes. */
import manifestJson from './manifest.json' with { type: 'json' };
import { tokenRing } from './model.ts';

export const model = tokenRing;
export const manifest = manifestJson;
