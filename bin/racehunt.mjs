#!/usr/bin/env node
// racehunt's entry point: TypeScript runs through tsx's loader, so there is no build step. The
// models known by name are this repository's catalog, handed to the engine here.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../engine/cli/main.ts');
const catalogModule = new URL('../models/index.ts', import.meta.url).href;
const { catalog } = await import(catalogModule);
process.exitCode = await main(process.argv.slice(2), catalog, catalogModule);
