/**
 * Where a model or a property was declared: the file and line of the user's code that called the
 * kit, so that a CI annotation (cli/github.ts) points at the claim that broke, as a failing test
 * points at its own line. Kept beside the object in a WeakMap, not on it: models and properties
 * stay the plain values they are, and nothing else sees the site.
 */
import { fileURLToPath } from 'node:url';

export interface Site {
  /** An absolute path. */
  readonly file: string;
  /** 1-based. */
  readonly line: number;
}

const sites = new WeakMap<object, Site>();

/** The kit's folder (engine/core/ here, dist/engine/core/ installed): frames in it are not the declaration. */
const KIT = fileURLToPath(new URL('./', import.meta.url));

/** Remember where `thing` is being declared (the first caller outside the kit); returns it. */
export function declared<T extends object>(thing: T): T {
  const site = callerSite(new Error().stack ?? '');
  if (site) sites.set(thing, site);
  return thing;
}

/** Where `thing` was declared, when known. */
export function declarationSite(thing: object): Site | undefined {
  return sites.get(thing);
}

/**
 * The first stack frame outside the kit, Node and node_modules: a path or file URL with a line
 * (source-mapped to TypeScript lines under tsx and vitest; Node's own type stripping keeps lines).
 */
export function callerSite(stack: string): Site | undefined {
  for (const frame of stack.split('\n').slice(1)) {
    const m = /(?:\(|^at )(file:\/\/[^\s()]+|\/[^\s()]+|[A-Za-z]:\\[^\s()]+):(\d+):\d+\)?$/.exec(frame.trim());
    if (!m) continue;
    const path = (m[1] as string).startsWith('file://')
      ? fileURLToPath((m[1] as string).replace(/\?.*$/, ''))
      : (m[1] as string);
    if (!path.startsWith(KIT) && !/[\\/]node_modules[\\/]/.test(path)) return { file: path, line: Number(m[2]) };
  }
  return undefined;
}
