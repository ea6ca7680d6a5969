#!/usr/bin/env node
// racehunt's entry point. In this repository it runs the TypeScript sources through tsx (no build
// step); installed from npm, where only the built JavaScript ships (dist/), it runs that. Either
// way tsx is registered, so that a model named by path may be TypeScript (ESM or CommonJS), and
// the models known by name are racehunt's own catalog (models/), handed to the engine here.
import { existsSync } from 'node:fs';
import { register as registerCommonJs } from 'tsx/cjs/api';
import { register } from 'tsx/esm/api';

register();
registerCommonJs();
const fromSource = existsSync(new URL('../engine/cli/main.ts', import.meta.url));
const at = (file) => new URL(fromSource ? `../${file}.ts` : `../dist/${file}.js`, import.meta.url).href;
const { main } = await import(at('engine/cli/main'));
const catalogModule = at('models/index');
const { catalog } = await import(catalogModule);
process.exitCode = await main(process.argv.slice(2), catalog, catalogModule);
