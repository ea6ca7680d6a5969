/** Raft's log across leader changes: the model and its expected outcomes. */
import manifestJson from './manifest.json' with { type: 'json' };
import { raftLog } from './model.ts';

export const model = raftLog;
export const manifest = manifestJson;
