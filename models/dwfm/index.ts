/** EC2's DWFM lease queue, its expected outcomes (manifest.json) and its metastability map. */
import manifestJson from './manifest.json' with { type: 'json' };
import { dwfm } from './model.ts';

export const model = dwfm;
export const manifest = manifestJson;
export { metastability } from './map.ts';
