/**
 * racehunt's JSON Schemas (schemas/ at the package's root, shipped with it): the trace format,
 * manifest.json and the `--json` output. The validators here are the ones the engine uses, so a
 * schema that an editor completes against is the same rule the loader applies; Ajv compiles each
 * schema once, when it is first needed.
 *
 * A file carries `"$schema"` as a path relative to itself (`schemaRef`), so that an editor finds
 * the schema of the racehunt it was written with: `../../../schemas/trace.schema.json` in this
 * repository, `../../../node_modules/racehunt/schemas/trace.schema.json` in a project using it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import { RacehuntError } from './errors.ts';

export type SchemaName = 'trace' | 'manifest' | 'output';

/** racehunt's own folder: the nearest above this file with a package.json (the repository, or the installed package). */
export function racehuntRoot(): string {
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'schemas'))) return dir;
    if (dirname(dir) === dir) throw new RacehuntError('io', `no racehunt package above ${import.meta.url}`);
  }
}

export function schemaFile(name: SchemaName): string {
  return join(racehuntRoot(), 'schemas', `${name}.schema.json`);
}

/** The `$schema` a file at `file` carries: the schema's path relative to it, with forward slashes. */
export function schemaRef(name: SchemaName, file: string): string {
  const rel = relative(dirname(resolve(file)), schemaFile(name));
  return isAbsolute(rel) ? pathToFileURL(schemaFile(name)).href : rel.split(sep).join('/');
}

let ajv: Ajv2020 | undefined;
const compiled = new Map<string, ValidateFunction>();

/** The validator of a schema, or of one of its definitions (`output`, `#/$defs/hunt`). */
export function validator(name: SchemaName, def?: string): ValidateFunction {
  const key = `${name}${def ?? ''}`;
  const known = compiled.get(key);
  if (known) return known;
  ajv ??= withSchemas(new Ajv2020({ allErrors: false, strict: true, allowUnionTypes: true, discriminator: true }));
  const v = ajv.getSchema(`${idOf(name)}${def ?? ''}`);
  if (!v) throw new RacehuntError('io', `racehunt's schema ${name} has no ${def}`);
  compiled.set(key, v);
  return v;
}

const NAMES: readonly SchemaName[] = ['trace', 'manifest', 'output'];
/** A schema's $id: how the others refer to it (output's traces are the trace schema's). */
const idOf = (name: SchemaName): string => `racehunt:schemas/${name}.schema.json`;

function withSchemas(a: Ajv2020): Ajv2020 {
  for (const n of NAMES) a.addSchema(JSON.parse(readFileSync(schemaFile(n), 'utf8')) as object);
  return a;
}

/**
 * The first way `data` breaks the schema, in words, or null when it fits: `"steps" 3 has no
 * "changes"`, `"format" must be "racehunt-trace/1", found "other/9"`.
 */
export function schemaError(name: SchemaName, data: unknown, def?: string): string | null {
  const v = validator(name, def);
  if (v(data)) return null;
  return describe(v.errors?.[0], data);
}

/** A JSON pointer as a reader says it: /steps/2/changes/0/path → step 3's "changes[0].path". */
function where(pointer: string): string {
  const parts = pointer
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (parts.length === 0) return 'the file';
  let head = '';
  if ((parts[0] === 'steps' || parts[0] === 'recovery') && /^\d+$/.test(parts[1] ?? '')) {
    head = `${parts[0] === 'steps' ? 'step' : 'recovery step'} ${Number(parts[1]) + 1}`;
    parts.splice(0, 2);
  }
  let path = '';
  for (const p of parts) path += /^\d+$/.test(p) ? `[${p}]` : path === '' ? p : `.${p}`;
  if (head === '') return `"${path}"`;
  return path === '' ? head : `${head}'s "${path}"`;
}

function valueAt(data: unknown, pointer: string): unknown {
  let x = data;
  for (const p of pointer.split('/').slice(1)) x = (x as Record<string, unknown> | undefined)?.[p];
  return x;
}

function describe(e: ErrorObject | undefined, data: unknown): string {
  if (!e) return 'it does not fit the schema';
  const at = where(e.instancePath);
  const found = JSON.stringify(valueAt(data, e.instancePath)) ?? 'nothing';
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required':
      return `${at} has no "${String(p.missingProperty)}"`;
    case 'additionalProperties':
      return `${at} has an unknown field "${String(p.additionalProperty)}"`;
    case 'const':
      return `${at} must be ${JSON.stringify(p.allowedValue)}, found ${found}`;
    case 'enum':
      return `${at} must be one of ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}, found ${found}`;
    case 'type':
      return `${at} must be ${article(String(p.type))}, found ${found}`;
    case 'minimum':
    case 'maximum':
      return `${at} must be ${e.keyword === 'minimum' ? '≥' : '≤'} ${String(p.limit)}, found ${found}`;
    case 'minLength':
      return `${at} must not be empty`;
    case 'oneOf':
      return `${at} fits none of its forms (found ${found.length > 80 ? `${found.slice(0, 79)}…` : found})`;
    default:
      return `${at} ${e.message ?? 'does not fit the schema'}`;
  }
}

function article(type: string): string {
  const names: Record<string, string> = {
    object: 'an object',
    array: 'a list',
    string: 'a string',
    integer: 'an integer',
    number: 'a number',
    boolean: 'true or false',
    null: 'null',
  };
  return type
    .split(',')
    .map((t) => names[t] ?? t)
    .join(' or ');
}
