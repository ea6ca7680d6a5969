/**
 * The baseline the explorer is measured against: the breadth-first search anyone would write first.
 * States are keyed by JSON.stringify in a Set of strings, every state is kept, and successors are
 * produced by immer with its default settings (frozen states), through the same model API.
 */
import { produce } from 'immer';
import { type Instance } from '../engine/index.ts';

export interface PlainResult {
  readonly states: number;
  readonly transitions: number;
  readonly ms: number;
  /** The visited set, returned so that a caller can measure the memory it holds. */
  readonly seen: ReadonlySet<string>;
}

export function plainBfs(inst: Instance, maxStates: number): PlainResult {
  const started = Date.now();
  const { ctx } = inst;
  const choices = inst.allChoices();
  const initial = inst.initial();
  const seen = new Set<string>([JSON.stringify(initial)]);
  let frontier: unknown[] = [initial];
  let transitions = 0;
  search: while (frontier.length > 0) {
    const next: unknown[] = [];
    for (const state of frontier) {
      for (const c of choices) {
        if (!c.action.enabled(state, c.arg, ctx)) continue;
        transitions++;
        const succ = produce(state, (draft: unknown) => {
          c.action.step(draft, c.arg, ctx);
        });
        const key = JSON.stringify(succ);
        if (seen.has(key)) continue;
        seen.add(key);
        next.push(succ);
        if (seen.size >= maxStates) break search;
      }
    }
    frontier = next;
  }
  return { states: seen.size, transitions, ms: Date.now() - started, seen };
}
