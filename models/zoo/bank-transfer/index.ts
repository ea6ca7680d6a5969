/** Transfers and an auditor (read skew): the model and its expected outcomes. */
import manifestJson from './manifest.json' with { type: 'json' };
import { bankTransfer } from './model.ts';

export const model = bankTransfer;
export const manifest = manifestJson;
