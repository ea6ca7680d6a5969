/**
 * Saving what a command found without ever throwing the finding away: a save that fails is
 * returned as the one line it will print on stderr, after the finding is printed (and the exit
 * code still says a counterexample was found).
 */
import { RacehuntError, messageOf } from '../core/errors.ts';
import { NO_INTERRUPT, type Interrupt } from '../core/interrupt.ts';
import type { Trace } from '../core/trace.ts';
import { DEFAULT_TRACES_ROOT, saveTrace, type TraceOwner } from '../project/save.ts';
import type { OptionSpec } from './options.ts';

export type Saved =
  { readonly saved: string; readonly error: null } | { readonly saved: null; readonly error: RacehuntError };

/** --save and --traces, as hunt and schedule take them. */
export const SAVE_OPTIONS: readonly OptionSpec[] = [
  { name: 'save', meaning: 'write the trace to <traces>/<model>/<variant>/<property>.json and its .md twin' },
  { name: 'traces', value: 'DIR', meaning: 'where --save writes', default: DEFAULT_TRACES_ROOT },
];

/** Save a trace (a hunt's or a schedule's) and its twin; a Ctrl-C never cuts the save in two (see engine/core/interrupt.ts). */
export function trySave(trace: Trace, owner: TraceOwner, root: string, interrupt: Interrupt = NO_INTERRUPT): Saved {
  try {
    return { saved: interrupt.uninterruptible(() => saveTrace(trace, owner, root)), error: null };
  } catch (e) {
    // Whatever failed (a folder that is a file, a full disk), it is this save's, not the search's.
    return {
      saved: null,
      error:
        e instanceof RacehuntError
          ? e
          : new RacehuntError(
              'io',
              `could not save the trace of ${trace.property.name} under ${root}: ${messageOf(e)}`,
            ),
    };
  }
}
