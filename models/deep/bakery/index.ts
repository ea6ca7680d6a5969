/** Lamport's bakery algorithm: the model and its expected outcomes. */
import manifestJson from './manifest.json' with { type: 'json' };
import { bakery } from './model.ts';

export const model = bakery;
export const manifest = manifestJson;
