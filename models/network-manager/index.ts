/** EC2's Network Manager, its expected outcomes (manifest.json) and its metastability map. */
import manifestJson from './manifest.json' with { type: 'json' };
import { networkManager } from './model.ts';

export const model = networkManager;
export const manifest = manifestJson;
export { metastability } from './map.ts';
