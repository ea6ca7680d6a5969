/** DynamoDB's DNS automation and its expected outcomes (models/dns/manifest.json). */
import manifestJson from './manifest.json' with { type: 'json' };
import { dns } from './model.ts';

export const model = dns;
export const manifest = manifestJson;
