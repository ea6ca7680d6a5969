/** Dijkstra's dining philosophers: the model and its expected outcomes. */
import manifestJson from './manifest.json' with { type: 'json' };
import { diningPhilosophers } from './model.ts';

export const model = diningPhilosophers;
export const manifest = manifestJson;
