/** OSTEP's bounded buffer with condition variables: the model and its expected outcomes. */
import manifestJson from './manifest.json' with { type: 'json' };
import { boundedBuffer } from './model.ts';

export const model = boundedBuffer;
export const manifest = manifestJson;
