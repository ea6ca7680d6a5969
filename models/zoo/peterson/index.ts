/** Peterson's lock and its two broken halves: the model and its expected outcomes. */
import manifestJson from './manifest.json' with { type: 'json' };
import { peterson } from './model.ts';

export const model = peterson;
export const manifest = manifestJson;
