/** Write skew on two accounts: the model and its expected outcomes. */
import manifestJson from './manifest.json' with { type: 'json' };
import { overdraft } from './model.ts';

export const model = overdraft;
export const manifest = manifestJson;
