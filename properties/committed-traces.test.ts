/** Every committed counterexample under shrunk-traces/ still reproduces, step for step. */
import { describeCommittedTraces } from '../engine/vitest.ts';
import { catalog } from '../models/index.ts';

describeCommittedTraces(catalog);
