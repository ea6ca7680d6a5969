/** A system by path: a TypeScript module in the user's repository that exports one (or names it after #). */
import { RacehuntError, unknownName } from '../core/errors.ts';
import { importModule, shownPath } from '../project/load.ts';
import { isSystem, type System } from './system.ts';

export interface LoadedSystem {
  /** How traces name it: the module path relative to the working directory (with #export if given). */
  readonly ref: string;
  readonly system: System;
}

export async function loadSystem(ref: string): Promise<LoadedSystem> {
  const [file = '', exportName] = ref.split('#');
  const mod = await importModule(file, 'system');
  const systems = Object.entries(mod).filter(([, v]) => isSystem(v)) as [string, System][];
  let chosen: [string, System] | undefined;
  if (exportName) {
    chosen = systems.find(([k]) => k === exportName);
    if (!chosen)
      throw unknownName(
        'system export',
        exportName,
        systems.map(([k]) => k),
        `in ${file}`,
      );
  } else if (systems.length === 1) chosen = systems[0];
  else if (systems.length === 0)
    throw new RacehuntError(
      'bad-model',
      `${file} exports no racehunt system (build one with defineSystem({...}) from engine/async and export it)`,
    );
  else
    throw new RacehuntError(
      'usage',
      `${file} exports several systems (${systems.map(([k]) => k).join(', ')}): name one as ${file}#<export>`,
    );
  const shown = shownPath(file);
  return { ref: exportName ? `${shown}#${exportName}` : shown, system: chosen![1] };
}
