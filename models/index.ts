/**
 * The catalog: every model racehunt knows by name. To add a model, create models/<name>/ (model.ts,
 * manifest.json, index.ts, README.md, as models/register/ does), import it here and add it to the catalog.
 */
import type { Catalog } from '../engine/index.ts';
import * as dns from './dns/index.ts';
import * as dwfm from './dwfm/index.ts';
import * as networkManager from './network-manager/index.ts';
import * as nlb from './nlb/index.ts';
import * as register from './register/index.ts';
import { zoo } from './zoo/index.ts';
import * as usEast1 from './us-east-1/index.ts';

export const catalog: Catalog = {
  dns,
  dwfm,
  'network-manager': networkManager,
  nlb,
  register,
  ...zoo,
  'us-east-1': usEast1,
};
