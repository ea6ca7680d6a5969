/** A retry storm that never drains: the model and its expected outcomes. */
import manifestJson from './manifest.json' with { type: 'json' };
import { retryStorm } from './model.ts';

export const model = retryStorm;
export const manifest = manifestJson;
