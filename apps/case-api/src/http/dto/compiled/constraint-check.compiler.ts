import type { ValidationArguments, ValidatorConstraintInterface } from 'class-validator';
import { isThenable, type MetadataStorage, type RuleMetadata } from './validation-metadata.types';

/** A compiled constraint: whether the value of one property passes one rule (`object` is its owner). */
export type ConstraintCheck = (object: object, value: unknown) => boolean;

/**
 * Compiles a `customValidation` or `isDefined` rule (every built-in decorator such as IsString,
 * MaxLength, Matches, IsIn, IsInt, Min, Max, IsBoolean, and every `ValidateBy` validator of
 * `http/dto/validators`) into a direct call of the validator the decorator registered, with the
 * arguments class-validator passes it (`targetName`: the name of the owner's class, which the
 * compiled check knows): the decorator stays the only statement of the rule. The
 * per-rule `validateIf` (optional fields) and `each` over arrays are honoured as
 * `ValidationExecutor.customValidations` does. Null when a validator is declared asynchronous.
 */
export function compileConstraintCheck(
  storage: MetadataStorage,
  rule: RuleMetadata,
  targetName: string,
): ConstraintCheck | null {
  const constraints = storage.getTargetValidatorConstraints(rule.constraintCls);
  if (constraints.some((constraint) => constraint.async)) return null;
  const validators: ValidatorConstraintInterface[] = constraints.map((constraint) => constraint.instance);
  const { validateIf, each, propertyName } = rule;
  const passes = (validator: ValidatorConstraintInterface, value: unknown, args: ValidationArguments): boolean => {
    const verdict: unknown = validator.validate(value, args);
    return !isThenable(verdict) && Boolean(verdict);
  };
  return (object, value) => {
    if (validateIf && !validateIf(object, value)) return true;
    const args: ValidationArguments = {
      targetName,
      property: propertyName,
      object,
      value,
      constraints: rule.constraints,
    };
    for (const validator of validators) {
      if (!each || !(Array.isArray(value) || value instanceof Set || value instanceof Map)) {
        if (!passes(validator, value, args)) return false;
      } else if (!Array.isArray(value) || !everyItem(value, (item) => passes(validator, item, args))) {
        // A Set or a Map checked element by element is left to class-validator.
        return false;
      }
    }
    return true;
  };
}

/** Whether every item passes, holes skipped as class-validator's `map` over the items skips them. */
function everyItem(items: readonly unknown[], test: (item: unknown) => boolean): boolean {
  for (let index = 0; index < items.length; index++) {
    if (index in items && !test(items[index])) return false;
  }
  return true;
}
