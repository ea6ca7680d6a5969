/**
 * What every command gets: the catalog of models known by name, the module it came from (for
 * worker threads), and Ctrl-C (core/interrupt.ts: bin/racehunt.mjs hears it on another thread).
 * Its own module, so that the commands and main.ts, which lists them, do not import each other.
 */
import type { Interrupt } from '../core/interrupt.ts';
import type { Catalog } from '../project/load.ts';

export interface CliContext {
  readonly catalog: Catalog;
  readonly catalogModule?: string | undefined;
  readonly interrupt: Interrupt;
}
