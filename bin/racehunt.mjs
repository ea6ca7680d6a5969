#!/usr/bin/env node
// racehunt's entry point: TypeScript runs through tsx's loader, so there is no build step. The
// models known by name are this repository's catalog, handed to the engine here. The command runs
// in a worker thread (engine/cli/thread.mjs), so that this one stays free to hear Ctrl-C.
import { runCommand } from '../engine/cli/thread.mjs';

const catalogModule = new URL('../models/index.ts', import.meta.url).href;
process.exitCode = await runCommand(process.argv.slice(2), catalogModule);
