/** The lost-update register: racehunt's example model and its expected outcomes. */
import { readManifest } from '../../engine/manifest.ts';
import manifestJson from './manifest.json' with { type: 'json' };
import { register } from './model.ts';

export const model = register;
export const manifest = readManifest(register, manifestJson);
