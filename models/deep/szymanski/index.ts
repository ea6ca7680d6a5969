/** Szymanski's mutual exclusion: the model and its expected outcomes. */
import manifestJson from './manifest.json' with { type: 'json' };
import { szymanski } from './model.ts';

export const model = szymanski;
export const manifest = manifestJson;
