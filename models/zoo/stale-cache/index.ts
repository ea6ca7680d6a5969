/** The stale set in a look-aside cache: the model and its expected outcomes. */
import manifestJson from './manifest.json' with { type: 'json' };
import { staleCache } from './model.ts';

export const model = staleCache;
export const manifest = manifestJson;
