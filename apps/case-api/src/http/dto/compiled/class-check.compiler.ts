import { ValidationTypes } from 'class-validator';
import { compileConstraintCheck, type ConstraintCheck } from './constraint-check.compiler';
import type { Acceptance, MetadataStorage, RuleMetadata, RulesByProperty } from './validation-metadata.types';

/** The rule types the compiler understands; a class with any other (`promiseValidation`) is never compiled. */
const UNDERSTOOD = new Set<string>([
  ValidationTypes.CUSTOM_VALIDATION,
  ValidationTypes.IS_DEFINED,
  ValidationTypes.NESTED_VALIDATION,
  ValidationTypes.CONDITIONAL_VALIDATION,
  ValidationTypes.WHITELIST,
]);

type PropertyCheck = Acceptance<Record<string, unknown>>;
type Constructor = abstract new (...args: never[]) => object;

/**
 * Compiles, once per class (and schema name, as class-validator looks rules up by both), the
 * acceptance test of `validate(instance, { whitelist, forbidNonWhitelisted, forbidUnknownValues:
 * false })`, mirroring `ValidationExecutor`: no property outside the rules, then per property the
 * conditions (ValidateIf, IsOptional), the `isDefined` and custom rules, and the nested values
 * (ValidateNested, checked by their own class's compiled test). Null marks a class it does not
 * understand: decided at compilation and remembered.
 */
export class ClassCheckCompiler {
  private readonly compiled = new Map<Constructor, Map<string | undefined, Acceptance<object> | null>>();

  constructor(private readonly storage: MetadataStorage) {}

  /** The compiled test of instances of `type` (validated under `schema`), or null if it cannot be compiled. */
  checkOf(type: Constructor, schema?: string): Acceptance<object> | null {
    let bySchema = this.compiled.get(type);
    if (!bySchema) this.compiled.set(type, (bySchema = new Map<string | undefined, Acceptance<object> | null>()));
    if (!bySchema.has(schema)) {
      bySchema.set(schema, this.compileOrNull(type, schema));
    }
    return bySchema.get(schema) ?? null;
  }

  /** The names of the properties that `type` has rules for (the whitelist), or null if it cannot be compiled. */
  propertiesOf(type: Constructor): readonly string[] | null {
    if (this.checkOf(type) === null) return null;
    const rules = this.storage.getTargetValidationMetadatas(
      type,
      undefined as unknown as string,
      false,
      false,
      undefined,
    );
    return Object.keys(this.storage.groupByPropertyName(rules));
  }

  /** True when the compiled test of the object's own class accepts it (false when there is none). */
  accepts(object: object, schema?: string): boolean {
    const type = (object as { constructor?: unknown }).constructor;
    if (typeof type !== 'function') return false;
    const check = this.checkOf(type as Constructor, schema);
    return check !== null && check(object);
  }

  private compileOrNull(type: Constructor, schema: string | undefined): Acceptance<object> | null {
    try {
      return this.compile(type, schema);
    } catch {
      return null; // e.g. a validator class whose construction fails: class-validator reports it
    }
  }

  private compile(type: Constructor, schema: string | undefined): Acceptance<object> | null {
    const rules = this.storage.getTargetValidationMetadatas(type, schema as string, false, false, undefined);
    if (rules.some((rule) => !UNDERSTOOD.has(rule.type))) return null;
    const byProperty = this.storage.groupByPropertyName(rules);
    const properties: PropertyCheck[] = [];
    for (const name of Object.keys(byProperty)) {
      const check = this.compileProperty(type.name, name, byProperty[name]);
      if (check === null) return null;
      properties.push(check);
    }
    return (object) => {
      for (const key of Object.keys(object)) if (!isWhitelisted(byProperty, key)) return false;
      for (const property of properties) if (!property(object as Record<string, unknown>)) return false;
      return true;
    };
  }

  private compileProperty(targetName: string, name: string, rules: readonly RuleMetadata[]): PropertyCheck | null {
    const conditions = rules.filter((rule) => rule.type === ValidationTypes.CONDITIONAL_VALIDATION);
    const checks: ConstraintCheck[] = [];
    for (const rule of [
      ...rules.filter((r) => r.type === ValidationTypes.IS_DEFINED),
      ...rules.filter((r) => r.type === ValidationTypes.CUSTOM_VALIDATION),
    ]) {
      const check = compileConstraintCheck(this.storage, rule, targetName);
      if (check === null) return null;
      checks.push(check);
    }
    const nestedSchemas = rules
      .filter((rule) => rule.type === ValidationTypes.NESTED_VALIDATION)
      .map((rule) => (typeof rule.target === 'string' ? rule.target : rule.target.name));
    return (object) => {
      const value = object[name];
      let applies = true;
      for (const condition of conditions) applies = (condition.constraints[0] as Condition)(object, value) && applies;
      if (!applies) return true;
      for (const check of checks) if (!check(object, value)) return false;
      return nestedSchemas.length === 0 || this.acceptsNested(value, nestedSchemas);
    };
  }

  /** `ValidationExecutor.nestedValidations`: every item of an array, each object by its own class's rules. */
  private acceptsNested(value: unknown, schemas: readonly string[]): boolean {
    if (value === undefined) return true;
    for (const schema of schemas) {
      if (Array.isArray(value)) {
        for (let index = 0; index < value.length; index++) {
          if (index in value && !this.acceptsNested(value[index], schemas)) return false;
        }
      } else if (value instanceof Set || value instanceof Map || !(value instanceof Object)) {
        return false; // a primitive is an error; a Set or a Map is left to class-validator
      } else if (!this.accepts(value, schema)) {
        return false;
      }
    }
    return true;
  }
}

type Condition = (object: object, value: unknown) => boolean;

/** class-validator's own test of a whitelisted key, on its own grouping object (inherited keys included). */
function isWhitelisted(byProperty: RulesByProperty, key: string): boolean {
  const rules = (byProperty as Record<string, readonly RuleMetadata[] | undefined>)[key];
  return !(!rules || rules.length === 0);
}
