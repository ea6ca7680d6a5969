#!/usr/bin/env node
// racehunt's entry point. In this repository it runs the TypeScript sources through tsx (no build
// step); installed from npm, where only the built JavaScript ships (dist/), it runs that. Either
// way tsx is registered (in the command's thread), so that a model named by path may be
// TypeScript (ESM or CommonJS), and the models known by name are racehunt's own catalog (models/),
// handed to the engine. The command runs in a worker thread (engine/cli/thread.mjs), so that this
// one stays free to hear Ctrl-C.
import { existsSync } from 'node:fs';

const fromSource = existsSync(new URL('../engine/cli/main.ts', import.meta.url));
const at = (file) => new URL(fromSource ? `../${file}.ts` : `../dist/${file}.js`, import.meta.url).href;
const { runCommand } = await import(
  new URL(fromSource ? '../engine/cli/thread.mjs' : '../dist/engine/cli/thread.mjs', import.meta.url).href
);
const code = await runCommand(process.argv.slice(2), {
  main: at('engine/cli/main'),
  interrupt: at('engine/core/interrupt'),
  catalog: at('models/index'),
});
// Exit explicitly once both streams have flushed, not by letting the event loop drain: a drained
// process closes its signal handlers before it ends, and a SIGTERM in that gap (GitHub's, 100 ms
// after its SIGINT) killed it by the default action, with no exit code. process.exit leaves them in
// place to the end.
process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
