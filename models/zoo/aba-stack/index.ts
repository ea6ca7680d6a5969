/** ABA on Treiber's lock-free stack: the model and its expected outcomes. */
import manifestJson from './manifest.json' with { type: 'json' };
import { abaStack } from './model.ts';

export const model = abaStack;
export const manifest = manifestJson;
