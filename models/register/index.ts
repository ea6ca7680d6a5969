/** The lost-update register: racehunt's example model and its expected outcomes. */
import manifestJson from './manifest.json' with { type: 'json' };
import { register } from './model.ts';

export const model = register;
export const manifest = manifestJson;
