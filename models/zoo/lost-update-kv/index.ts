/** A like counter on a key-value store, with retries: the model and its expected outcomes. */
import manifestJson from './manifest.json' with { type: 'json' };
import { lostUpdateKv } from './model.ts';

export const model = lostUpdateKv;
export const manifest = manifestJson;
