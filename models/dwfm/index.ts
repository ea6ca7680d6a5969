/** EC2's DWFM lease queue, its expected outcomes (manifest.json) and its metastability map. */
import { readManifest } from '../../engine/manifest.ts';
import manifestJson from './manifest.json' with { type: 'json' };
import { dwfm } from './model.ts';

export const model = dwfm;
export const manifest = readManifest(dwfm, manifestJson);
export { metastability } from './map.ts';
