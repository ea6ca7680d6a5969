/**
 * Declarations checked at run time, as a JavaScript model (or a TypeScript one that casts) is not
 * checked by a compiler: every field of a model, an action, a property, a parameter, a variant, a
 * clock and a column is known here with the type of value it takes. An unknown field is refused
 * with the closest known name ("says" → did you mean "ends"?), a renamed or removed field says
 * what it is now, and a field of the wrong type says what it takes: always in one line, when the
 * model is declared, never as a TypeError in the middle of a hunt.
 */
import { RacehuntError, closest, messageOf } from './errors.ts';

type Kind = 'string' | 'number' | 'boolean' | 'function' | 'object' | 'array' | 'domain';

interface Field {
  /** The kinds of value the field takes. */
  readonly takes: readonly Kind[];
  readonly required?: boolean;
}

const req = (...takes: Kind[]): Field => ({ takes, required: true });
const opt = (...takes: Kind[]): Field => ({ takes });

/** Every declaration's fields, as docs/api.md lists them (a test holds the two together). */
export const DECLARATIONS = {
  model: {
    name: req('string'),
    title: opt('string'),
    doc: opt('string'),
    params: opt('object'),
    variants: opt('object'),
    init: opt('function'),
    inits: opt('function'),
    constraint: opt('function'),
    sets: opt('array'),
    actions: req('array', 'object'),
    properties: opt('array'),
    always: opt('object'),
    sometimes: opt('object'),
    actors: opt('function'),
    ends: opt('function'),
    stuck: opt('function'),
    clock: opt('object'),
    coverage: opt('function'),
    canonical: opt('function'),
    columns: opt('array'),
  },
  action: {
    name: req('string'),
    doc: opt('string'),
    args: opt('domain', 'function'),
    argsIn: opt('function'),
    actor: opt('string', 'function'),
    when: opt('function'),
    step: req('function'),
    describe: opt('function'),
    target: opt('string', 'function'),
    weight: opt('number'),
  },
  always: { name: req('string'), doc: opt('string'), check: req('function') },
  sometimes: {
    name: req('string'),
    doc: opt('string'),
    reached: req('function'),
    applies: opt('function'),
    startsReached: opt('boolean'),
    memory: opt('object'),
  },
  progress: {
    name: req('string'),
    doc: opt('string'),
    start: req('function'),
    observe: req('function'),
    verdict: req('function'),
  },
  recovers: {
    name: req('string'),
    doc: opt('string'),
    by: req('function'),
    goal: req('function'),
    within: req('number', 'function'),
  },
  memory: { start: req('function'), observe: req('function') },
  param: { default: req('number'), min: req('number'), max: req('number'), doc: opt('string') },
  variant: { doc: req('string'), switches: req('object') },
  clock: { now: req('function'), zeno: req('number', 'function'), urgent: opt('function') },
  column: { name: req('string'), value: req('function') },
} as const satisfies Record<string, Record<string, Field>>;

export type Declaration = keyof typeof DECLARATIONS;

/**
 * Fields that were renamed or removed, with what to write instead. A model written against an
 * older racehunt fails on them in one line that says what to change.
 */
const RENAMED: Partial<Record<Declaration, Readonly<Record<string, string>>>> = {
  model: {
    budget:
      'was removed (December 2026): a hunt\'s budget lives in manifest.json, as "budget": { "seed": …, "runs": …, "maxSteps": … }',
    invariants: 'is called "properties" (or give safety claims as always: { name: check })',
  },
  action: {
    guard: 'is called "when"',
    enabled: 'is called "when"',
    domain: 'is called "args"',
    arguments: 'is called "args"',
  },
  always: { invariant: 'is called "check"', holds: 'is called "check"' },
};

/** Refuse an unknown, renamed or mistyped field of a declaration, in one line naming it. */
export function checkDeclaration(kind: Declaration, def: unknown, where: string): void {
  if (typeof def !== 'object' || def === null || Array.isArray(def))
    throw new RacehuntError('bad-model', `${where}: expected an object of fields, got ${shown(def)}`);
  const fields: Readonly<Record<string, Field>> = DECLARATIONS[kind];
  const known = Object.keys(fields);
  for (const key of Object.keys(def)) {
    const field = fields[key];
    if (field) {
      const value = (def as Record<string, unknown>)[key];
      if (value !== undefined && !field.takes.some((k) => isKind(value, k)))
        throw new RacehuntError('bad-model', `${where}: "${key}" must be ${takes(field.takes)}, got ${shown(value)}`);
      continue;
    }
    const renamed = RENAMED[kind]?.[key];
    if (renamed) throw new RacehuntError('bad-model', `${where}: the field "${key}" ${renamed}`);
    const guess = closest(key, known);
    throw new RacehuntError(
      'bad-model',
      `${where}: unknown field "${key}" (${guess ? `did you mean "${guess}"? ` : ''}${kind} fields: ${known.join(', ')})`,
    );
  }
  for (const [key, field] of Object.entries(fields))
    if (field.required && (def as Record<string, unknown>)[key] === undefined)
      throw new RacehuntError('bad-model', `${where}: "${key}" is missing (${takes(field.takes)})`);
}

/**
 * `ctx.variant` was the switches' name until December 2026: reading it says what to read now
 * (a getter on every context, see model.ts makeCtx), rather than giving undefined.
 */
export function renamedCtxField(field: 'variant'): never {
  throw new RacehuntError(
    'bad-model',
    `ctx.${field} was renamed (December 2026): read the variant's switches as ctx.switches (ctx.variantName is its name)`,
  );
}

/**
 * A `describe(state, arg, ctx)` of three parameters was the signature until December 2026; now
 * the third is the state after the step and the context is the fourth. Such a description reads
 * ctx fields off a state and throws: say so in one line, with the change to make.
 */
export function checkDescribe<F extends (...args: never[]) => string>(describe: F, where: string): F {
  if (describe.length !== 3) return describe;
  return ((...args: Parameters<F>) => {
    try {
      return describe(...args);
    } catch (e) {
      if (e instanceof RacehuntError) throw e;
      throw new RacehuntError(
        'bad-model',
        `${where}: its describe threw ${messageOf(e)}; describe is describe(before, arg, after, ctx) since December 2026 (it was describe(state, arg, ctx)): add the after-state as its third parameter, (before, arg, after, ctx) => …`,
      );
    }
  }) as F;
}

function isKind(value: unknown, kind: Kind): boolean {
  switch (kind) {
    case 'array':
      return Array.isArray(value);
    case 'object':
      return typeof value === 'object' && value !== null && !Array.isArray(value);
    case 'domain':
      return (
        Array.isArray(value) ||
        (typeof value === 'object' && value !== null && Array.isArray((value as { values?: unknown }).values))
      );
    default:
      return typeof value === kind;
  }
}

function takes(kinds: readonly Kind[]): string {
  const word: Record<Kind, string> = {
    string: 'a string',
    number: 'a number',
    boolean: 'true or false',
    function: 'a function',
    object: 'an object',
    array: 'an array',
    domain: 'an array of values (or range, oneOf, record)',
  };
  return kinds.map((k) => word[k]).join(' or ');
}

function shown(value: unknown): string {
  if (typeof value === 'function') return 'a function';
  if (Array.isArray(value)) return 'an array';
  if (value === null) return 'null';
  if (typeof value === 'object') return 'an object';
  return typeof value === 'string' ? JSON.stringify(value).slice(0, 40) : String(value);
}
