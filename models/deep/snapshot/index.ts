/** The Chandy–Lamport snapshot: the model and its expected outcomes. */
import manifestJson from './manifest.json' with { type: 'json' };
import { snapshot } from './model.ts';

export const model = snapshot;
export const manifest = manifestJson;
