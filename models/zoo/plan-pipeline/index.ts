/** A plan pipeline whose clean-up deletes the active plan: the model and its expected outcomes. */
import manifestJson from './manifest.json' with { type: 'json' };
import { planPipeline } from './model.ts';

export const model = planPipeline;
export const manifest = manifestJson;
