/**
 * Planted bugs made by model surgery on a real catalog model: the same actions and properties, one
 * guard or one step (or one claim) changed, under another name. Kept as test fixtures rather than
 * catalog variants: they are not remedies anyone proposed, only broken fixes (or weakened claims)
 * that the tests must tell apart from the real ones.
 */
import type { Action, AnyModel, Params, Property } from '../engine/index.ts';

type AnyProperty = Property<unknown, Params, unknown>;

export type AnyAction = Action<unknown, Params, unknown>;

/** The model with some of its actions replaced, under another name; an unknown action is the fixture's error. */
export function surgery(
  model: AnyModel,
  name: string,
  doc: string,
  replace: Readonly<Record<string, (a: AnyAction) => AnyAction>>,
): AnyModel {
  for (const action of Object.keys(replace))
    if (!model.actions.some((a) => a.name === action)) throw new Error(`${model.name} has no action ${action}`);
  return { ...model, name, doc, actions: model.actions.map((a) => replace[a.name]?.(a) ?? a) };
}

/** The model with one of its claims replaced (a weakened version, say), under another name. */
export function withClaim(model: AnyModel, name: string, claim: AnyProperty): AnyModel {
  if (!model.properties.some((p) => p.name === claim.name)) throw new Error(`${model.name} has no claim ${claim.name}`);
  return { ...model, name, properties: model.properties.map((p) => (p.name === claim.name ? claim : p)) };
}
