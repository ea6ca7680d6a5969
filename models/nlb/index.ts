/** Network Load Balancer's health checks and AZ failover, and its expected outcomes (manifest.json). */
import manifestJson from './manifest.json' with { type: 'json' };
import { nlb } from './model.ts';

export const model = nlb;
export const manifest = manifestJson;
