/** The filter lock: the model and its expected outcomes. */
import manifestJson from './manifest.json' with { type: 'json' };
import { filterLock } from './model.ts';

export const model = filterLock;
export const manifest = manifestJson;
