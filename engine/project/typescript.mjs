// How a model named by path may be TypeScript, in the thread that imports it (loader hooks are per
// thread: the command's, and each parallel hunt's worker). tsx is an optional peer dependency, so
// that installing racehunt pulls no esbuild (and no install script):
// - tsx, when the project has it: ESM and CommonJS models alike, and `./kit.js` imports that mean
//   `./kit.ts` (the nodenext convention);
// - else Node's own type stripping (Node 22.18 and later, where process.features.typescript is
//   set), with a resolve hook for that same `.js` → `.ts` convention;
// - else nothing: a TypeScript model then fails to load in one line that says to install tsx
//   (project/load.ts).
// Plain JavaScript: it runs before anything can load TypeScript.
import { register as registerHooks } from 'node:module';

/** A `.js` import from TypeScript that finds no `.js` file: the `.ts` file it stands for. */
const JS_TO_TS = `
export async function resolve(specifier, context, next) {
  try {
    return await next(specifier, context);
  } catch (e) {
    const fromTs = /\\.[cm]?ts$/.test(context.parentURL ?? '');
    if (e?.code !== 'ERR_MODULE_NOT_FOUND' || !fromTs || !/^\\.{1,2}\\/.*\\.[cm]?js$/.test(specifier)) throw e;
    return next(specifier.replace(/js$/, 'ts'), context);
  }
}`;

/** Register what loads TypeScript here; says which ('tsx', 'node'), or null when nothing can. */
export async function registerTypeScript() {
  try {
    const { register } = await import('tsx/esm/api');
    const { register: registerCommonJs } = await import('tsx/cjs/api');
    register();
    registerCommonJs();
    return 'tsx';
  } catch (e) {
    if (e?.code !== 'ERR_MODULE_NOT_FOUND') throw e;
  }
  if (process.features?.typescript) {
    registerHooks(`data:text/javascript,${encodeURIComponent(JS_TO_TS)}`);
    return 'node';
  }
  return null;
}
