/** Tanenbaum's producer and consumer with sleep and wakeup: the model and its expected outcomes. */
import manifestJson from './manifest.json' with { type: 'json' };
import { sleepWakeup } from './model.ts';

export const model = sleepWakeup;
export const manifest = manifestJson;
