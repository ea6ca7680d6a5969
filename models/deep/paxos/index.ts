/** Single-decree Paxos: the model and its expected outcomes. */
import manifestJson from './manifest.json' with { type: 'json' };
import { paxos } from './model.ts';

export const model = paxos;
export const manifest = manifestJson;
