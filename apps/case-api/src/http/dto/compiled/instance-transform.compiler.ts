import { TransformationType, type ClassTransformOptions, type TransformFnParams } from 'class-transformer';
import { defaultMetadataStorage } from 'class-transformer/cjs/storage';
import { defaultOptions } from 'class-transformer/cjs/constants/default-options.constant';

type Constructor = new () => object;
type Plain = Record<string, unknown>;

/** Returned when the compiled transform cannot vouch for the result: the caller asks class-transformer. */
export const NOT_HANDLED: unique symbol = Symbol('impplus:not-handled');
type Outcome = unknown;

/** What class-transformer does with one documented property of a class, read from its metadata once. */
type PropertyPlan = Readonly<{
  /** `@Type(() => X)`: the class of the nested value, asked of the decorator each time as class-transformer does. */
  type?: (params: { newObject: object; object: Plain; property: string }) => unknown;
  /** The reflected type that builds an array value (`design:type`), when `@Type` is present. */
  arrayType?: unknown;
  /** `@Transform` functions, applied after the conversion, in order. */
  transforms: readonly ((params: TransformFnParams) => unknown)[];
}>;

type ClassPlan = ReadonlyMap<string, PropertyPlan>;

/**
 * `plainToInstance(type, value)` with class-transformer's default options, compiled once per
 * class from its metadata (`@Type`, `@Transform`; a class with `@Expose`, `@Exclude`, a strategy,
 * a discriminator or a Map/Set type is not compiled) for JSON-shaped input: plain objects, arrays
 * without holes and primitives. It builds the same instances by the same steps as
 * `TransformOperationExecutor.transform` (keys in order, a prototype's accessors and methods
 * skipped, conversions then transforms); anything else answers NOT_HANDLED, as does a key
 * outside the class's validated properties (such a value fails the whitelist anyway).
 */
export class InstanceTransformCompiler {
  private readonly plans = new Map<Constructor, ClassPlan | null>();
  private readonly options: ClassTransformOptions = { ...defaultOptions };

  constructor(private readonly propertiesOf: (type: Constructor) => readonly string[] | null) {}

  /** The instance class-transformer would build from `value`, or NOT_HANDLED. */
  toInstance(type: Constructor, value: unknown): Outcome {
    return this.convert(value, type, undefined);
  }

  /** The plan of a class, or null when its metadata holds anything the compiler does not understand. */
  planOf(type: Constructor): ClassPlan | null {
    if (!this.plans.has(type)) this.plans.set(type, this.compile(type));
    return this.plans.get(type) ?? null;
  }

  private compile(type: Constructor): ClassPlan | null {
    const storage = defaultMetadataStorage;
    if (storage.getStrategy(type) !== 'none') return null;
    if (storage.getExposedMetadatas(type).length > 0 || storage.getExcludedMetadatas(type).length > 0) return null;
    const properties = this.propertiesOf(type);
    if (properties === null) return null;
    const plan = new Map<string, PropertyPlan>();
    for (const property of properties) {
      const typeMetadata = storage.findTypeMetadata(type, property);
      const reflected: unknown = typeMetadata?.reflectedType;
      if (typeMetadata && (typeMetadata.options?.discriminator || reflected === Map || reflected === Set)) return null;
      const transforms = storage
        .findTransformMetadatas(type, property, TransformationType.PLAIN_TO_CLASS)
        .filter((metadata) => !metadata.options?.groups?.length)
        .map((metadata) => metadata.transformFn);
      plan.set(property, {
        type: typeMetadata ? (typeMetadata.typeFunction ?? (() => reflected)) : undefined,
        arrayType: typeMetadata ? reflected : undefined,
        transforms,
      });
    }
    return plan;
  }

  private convert(value: unknown, type: unknown, arrayType: unknown): Outcome {
    if (Array.isArray(value)) return this.convertArray(value, type, arrayType);
    if (type === String || type === Number || type === Boolean || type === Date || type === Buffer) return NOT_HANDLED;
    if (typeof value !== 'object' || value === null) return typeof value === 'function' ? NOT_HANDLED : value;
    if (!hasPlainPrototype(value)) return NOT_HANDLED;
    if (type === undefined) return this.convertPlain(value as Plain);
    return typeof type === 'function' ? this.convertObject(value as Plain, type as Constructor) : NOT_HANDLED;
  }

  private convertArray(items: readonly unknown[], type: unknown, arrayType: unknown): Outcome {
    let converted: unknown[] = [];
    if (arrayType) {
      const made = new (arrayType as new () => unknown)();
      if (made instanceof Set) return NOT_HANDLED;
      if ('push' in (made as object)) converted = made as unknown[];
    }
    for (let index = 0; index < items.length; index++) {
      if (!(index in items)) return NOT_HANDLED; // a hole: Nest closes the gaps first
      const item = this.convert(items[index], type, undefined);
      if (item === NOT_HANDLED) return NOT_HANDLED;
      converted.push(item);
    }
    return converted;
  }

  /** A nested object without a class: copied key by key into a plain object. */
  private convertPlain(value: Plain): Outcome {
    const copy: Plain = {};
    for (const key of Object.keys(value)) {
      if (isStripped(key) || isInherited(copy, key)) return NOT_HANDLED;
      const member = this.convert(value[key], undefined, undefined);
      if (member === NOT_HANDLED) return NOT_HANDLED;
      copy[key] = member;
    }
    return copy;
  }

  private convertObject(value: Plain, type: Constructor): Outcome {
    const plan = this.planOf(type);
    if (plan === null) return NOT_HANDLED;
    const instance = new type() as Plain;
    for (const key of Object.keys(value)) {
      const property = plan.get(key);
      if (property === undefined || isStripped(key) || isInherited(instance, key)) return NOT_HANDLED;
      const memberType = property.type?.({ newObject: instance, object: value, property: key });
      const member = value[key];
      let converted = this.convert(member, memberType, Array.isArray(member) ? property.arrayType : undefined);
      if (converted === NOT_HANDLED) return NOT_HANDLED;
      for (const transform of property.transforms) {
        const params = {
          value: converted,
          key,
          obj: value,
          type: TransformationType.PLAIN_TO_CLASS,
          options: this.options,
        };
        converted = transform(params);
      }
      instance[key] = converted;
    }
    return instance;
  }
}

/** Keys that Nest's pipe deletes and class-transformer skips: left to them. */
/**
 * An object JSON or a query string could have made: its prototype is Object's, none, or an empty
 * object without one — what fast-querystring (Fastify's query parser) gives every query, for speed.
 */
function hasPlainPrototype(value: object): boolean {
  const prototype: object | null = Object.getPrototypeOf(value) as object | null;
  return (
    prototype === Object.prototype ||
    prototype === null ||
    (Object.getPrototypeOf(prototype) === null && Reflect.ownKeys(prototype).length === 0)
  );
}

const isStripped = (key: string): boolean => key === '__proto__' || key === 'constructor' || key === 'prototype';

/** A key that class-transformer skips: an accessor without setter or a method of the new object's prototype. */
function isInherited(target: object, key: string): boolean {
  const prototype = (target.constructor as { prototype?: object } | undefined)?.prototype;
  if (!prototype) return false;
  const descriptor = Object.getOwnPropertyDescriptor(prototype, key);
  return (descriptor !== undefined && !descriptor.set) || (target as Plain)[key] instanceof Function;
}
