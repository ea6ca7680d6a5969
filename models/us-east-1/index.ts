/** The composed us-east-1 Region, its expected outcomes (manifest.json) and its scenario (the night of 19–20 October 2025). */
import manifestJson from './manifest.json' with { type: 'json' };
import { region } from './model.ts';

export const model = region;
export const manifest = manifestJson;
export { scenarios } from './scenario.ts';
