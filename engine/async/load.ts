/** A system by path: a TypeScript module in the user's repository that exports one (or names it after #). */
import { chooseExport, importModule, shownPath } from '../project/load.ts';
import { isSystem, type System } from './system.ts';

export interface LoadedSystem {
  /** How traces name it: the module path relative to the working directory (with #export if given). */
  readonly ref: string;
  readonly system: System;
}

export async function loadSystem(ref: string): Promise<LoadedSystem> {
  const [file = '', exportName] = ref.split('#');
  const mod = await importModule(file, 'system');
  const [, system] = chooseExport(mod, file, exportName, isSystem, {
    kind: 'system',
    build: 'defineSystem({...}) from engine/async',
  });
  const shown = shownPath(file);
  return { ref: exportName ? `${shown}#${exportName}` : shown, system };
}
