/** A copy made as the HTTP layer makes bodies (JSON.parse), in this realm: structuredClone's objects are not plain here under jest. */
export const jsonCopy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** What `@nestjs/swagger` recorded for one property: the DTO's own OpenAPI schema. */
export type PropertySchema = Readonly<{
  type?: unknown;
  enum?: readonly unknown[];
  example?: unknown;
  required?: boolean;
  isArray?: boolean;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  maxItems?: number;
  format?: string;
  pattern?: string;
}>;

export type DtoClass = new () => object;

/** The documented properties of a DTO class (inherited ones included), by name. */
export function schemaOf(type: DtoClass): ReadonlyMap<string, PropertySchema> {
  const keys = (Reflect.getMetadata('swagger/apiModelPropertiesArray', type.prototype) ?? []) as string[];
  return new Map(
    keys.map((key) => {
      const name = key.slice(1);
      return [name, Reflect.getMetadata('swagger/apiModelProperties', type.prototype, name) as PropertySchema];
    }),
  );
}

/** The class of a nested property (`lazy(() => Dto)` or the class itself), or undefined for a scalar. */
export function nestedClassOf(schema: PropertySchema): DtoClass | undefined {
  const { type } = schema;
  if (typeof type !== 'function' || [String, Number, Boolean, Object, Array].includes(type as never)) return undefined;
  const resolved = (type.name === 'type' ? (type as () => unknown)() : type) as DtoClass;
  return Reflect.getMetadata('swagger/apiModelPropertiesArray', resolved.prototype) ? resolved : undefined;
}

/** A path value (query or path parameter) is text: numbers and booleans are written out. */
export const asText = (value: unknown): unknown =>
  typeof value === 'number' || typeof value === 'boolean' ? String(value) : value;

/**
 * A body made of the documented examples: every property (`withOptional`) or the required ones.
 * Path and query DTOs get their examples as text, as they arrive.
 */
export function exampleOf(type: DtoClass, text: boolean, withOptional: boolean): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const [name, schema] of schemaOf(type)) {
    if (schema.required === false && !withOptional) continue;
    const nested = nestedClassOf(schema);
    if (nested) {
      const member = exampleOf(nested, text, withOptional);
      body[name] = schema.isArray ? [member] : member;
    } else if (schema.example !== undefined) {
      body[name] = text ? asText(schema.example) : jsonCopy(schema.example);
    }
  }
  return body;
}
