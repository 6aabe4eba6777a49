import fc from 'fast-check';
import { asText, jsonCopy, nestedClassOf, schemaOf, type DtoClass, type PropertySchema } from './dto-schema';

type Body = Record<string, unknown>;

const day = fc
  .date({ min: new Date('0001-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true })
  .map((date) => date.toISOString().slice(0, 10));
const instant = fc
  .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true })
  .map((date) => date.toISOString().replace('.000Z', 'Z'));

/** Values of a scalar drawn from its schema: mostly in its bounds, with its edges and a few near misses. */
function scalarOf(schema: PropertySchema): fc.Arbitrary<unknown> {
  const example = fc.constant(schema.example);
  if (schema.enum) {
    const values = fc.constantFrom(...schema.enum);
    return schema.isArray ? fc.subarray([...schema.enum]) : values;
  }
  if (schema.type === Boolean) return fc.boolean();
  if (schema.type === 'integer' || schema.type === Number) {
    const min = schema.minimum ?? -1e6;
    const max = Math.min(schema.maximum ?? 1e6, Number.MAX_SAFE_INTEGER);
    const whole = fc.oneof(fc.integer({ min, max: Math.min(max, min + 1e9) }), fc.constantFrom(min, max));
    return schema.type === 'integer'
      ? whole
      : fc.oneof(
          whole,
          fc.integer({ min: 0, max: 99 }).map((c) => min + c / 100),
        );
  }
  if (schema.format === 'date') return fc.oneof(example, day, fc.constantFrom('2024-02-29', '2023-02-29'));
  if (schema.format === 'date-time') return fc.oneof(example, instant, fc.constant('2024-12-02T14:03:00.5Z'));
  if (schema.pattern || schema.format) return example;
  const text = fc.string({ maxLength: schema.maxLength ?? 40 });
  const array = schema.isArray ? fc.array(text, { maxLength: schema.maxItems ?? 3 }) : undefined;
  return array ?? fc.oneof({ weight: 4, arbitrary: text }, example, fc.constantFrom(' ', 'a\nb', 'A-1'));
}

/**
 * Bodies around a valid seed: each property kept, dropped (when optional), or drawn from its
 * schema, nested objects likewise. Most are valid; some break a cross-field rule or a pattern, and
 * class-validator is the judge of which.
 */
export function variationsOf(type: DtoClass, seed: Body, text: boolean): fc.Arbitrary<Body> {
  const parts: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [name, schema] of schemaOf(type)) {
    const kept = fc.constant(seed[name]);
    const nested = nestedClassOf(schema);
    let drawn: fc.Arbitrary<unknown>;
    if (nested) {
      const member = (value: unknown) => variationsOf(nested, (value ?? {}) as Body, text) as fc.Arbitrary<unknown>;
      drawn = schema.isArray
        ? fc.array(member(Array.isArray(seed[name]) ? (seed[name] as unknown[])[0] : undefined), {
            maxLength: Math.min(schema.maxItems ?? 3, 3),
          })
        : member(seed[name]);
    } else {
      drawn = scalarOf(schema).map((value) => (text ? asText(value) : value));
    }
    const choices = [
      { weight: 3, arbitrary: kept },
      { weight: 3, arbitrary: drawn },
    ];
    if (schema.required === false) choices.push({ weight: 1, arbitrary: fc.constant(undefined) });
    parts[name] = fc.oneof(...choices);
  }
  return fc.record(parts).map((body) => Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined)));
}

const JUNK: readonly unknown[] = [
  null,
  0,
  -1,
  1.5,
  1e300,
  '',
  ' ',
  'x',
  'not-a-value',
  true,
  false,
  {},
  [],
  ['x'],
  [{}],
  { a: 1 },
];

type Mutation = Readonly<{ path: number; kind: number; junk: unknown }>;

/** Faults planted in a body: a field removed, replaced by a wrong type or an out-of-bounds value, or an extra one. */
export function mutationsOf(type: DtoClass, valid: fc.Arbitrary<Body>): fc.Arbitrary<Body> {
  const mutation = fc.record({ path: fc.nat(), kind: fc.nat(4), junk: fc.constantFrom(...JUNK) });
  return fc.tuple(valid, mutation).map(([body, fault]) => mutate(type, jsonCopy(body), fault));
}

type Slot = Readonly<{ owner: Body; name: string; schema: PropertySchema | undefined }>;

function slotsOf(type: DtoClass | undefined, body: Body): Slot[] {
  const schemas = type ? schemaOf(type) : new Map<string, PropertySchema>();
  const slots: Slot[] = [{ owner: body, name: 'unexpectedField', schema: undefined }];
  for (const [name, schema] of schemas) {
    slots.push({ owner: body, name, schema });
    const nested = nestedClassOf(schema);
    const value = body[name];
    for (const member of Array.isArray(value) ? value : [value]) {
      if (typeof member === 'object' && member !== null && !Array.isArray(member))
        slots.push(...slotsOf(nested, member as Body));
    }
  }
  return slots;
}

function mutate(type: DtoClass, body: Body, { path, kind, junk }: Mutation): Body {
  const slots = slotsOf(type, body);
  const { owner, name, schema } = slots[path % slots.length];
  if (!schema) owner[name] = junk;
  else if (kind === 0) delete owner[name];
  else if (kind === 1 && schema.maxLength !== undefined) owner[name] = 'a'.repeat(schema.maxLength + 1);
  else if (kind === 2 && schema.maximum !== undefined) owner[name] = schema.maximum + 1;
  else if (kind === 3 && schema.minimum !== undefined) owner[name] = schema.minimum - 1;
  else if (kind === 4 && schema.enum) owner[name] = schema.isArray ? ['not-a-value'] : 'not-a-value';
  else owner[name] = junk;
  return body;
}
