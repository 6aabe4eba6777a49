import type { ValidationError } from 'class-validator';
import { NOT_A_FIELD_NAME, isFieldName } from '../input/input-faults';
import { ELEMENT_CHECK, elementFailures, type ElementCheck } from './validators/each-element.validator';

/** One offending input field: `applicant.passport.expiresOn`, `documents[2]`, `reasons[0].explanation`. */
export type FieldError = Readonly<{ field: string; message: string }>;

/**
 * Constraint groups in order of precedence. When a field fails one of them, only those messages
 * are reported and its members and elements are not visited: a missing value, a value of the wrong
 * type or shape, or an oversized array makes the field's other checks noise.
 */
const DECISIVE_CONSTRAINTS: readonly (readonly string[])[] = [
  ['isDefined', 'isRequired', 'isForbidden', 'whitelistValidation'],
  ['isObject', 'isArray', 'isString', 'isNumber', 'isInt', 'isBoolean'],
  ['arrayMaxSize'],
];

const isIndex = (property: string): boolean => /^\d+$/.test(property);

/** A property that is neither an index nor a field name may be a value sent in the wrong place: never repeated. */
const unnameable = (property: string | undefined): boolean =>
  property !== undefined && property !== '' && !isIndex(property) && !isFieldName(property);

function pathOf(parent: string, property: string | undefined): string {
  if (property === undefined || property === '') return parent;
  if (isIndex(property)) return `${parent}[${property}]`;
  return parent === '' ? property : `${parent}.${property}`;
}

function elementCheckOf(error: ValidationError, constraint: string): ElementCheck | undefined {
  const context = error.contexts?.[constraint] as Record<symbol | string, unknown> | undefined;
  const check = context?.[ELEMENT_CHECK];
  return typeof check === 'function' ? (check as ElementCheck) : undefined;
}

function messagesOf(error: ValidationError, constraint: string, field: string): FieldError[] {
  const message = error.constraints?.[constraint] ?? constraint;
  const check = elementCheckOf(error, constraint);
  if (check && Array.isArray(error.value)) {
    const failures = elementFailures(error.value, error.property, check);
    if (failures.length > 0) return failures.map((f) => ({ field: `${field}[${f.index}]`, message: f.message }));
  }
  return [{ field, message }];
}

/**
 * Turns class-validator's nested errors into one `{ field, message }` per failed constraint,
 * naming each field by its dotted path with bracketed array indexes. An element check (see
 * `EachElement`) is reported per element when the error still carries the array value. The input
 * itself (an error without a property) is named by the empty path `''`. A property whose name is
 * not a field name (a form-encoded body's whole text, say) is reported on its parent, unrepeated.
 */
export function flattenValidationErrors(errors: readonly ValidationError[]): FieldError[] {
  const result: FieldError[] = [];
  const seen = new Set<string>();
  const add = (entry: FieldError): void => {
    const key = `${entry.field}\u0000${entry.message}`;
    if (!seen.has(key)) {
      seen.add(key);
      result.push(entry);
    }
  };
  const visit = (error: ValidationError, parent: string): void => {
    if (unnameable(error.property)) return add({ field: parent, message: NOT_A_FIELD_NAME });
    const field = pathOf(parent, error.property);
    const failed = Object.keys(error.constraints ?? {});
    const decisive = DECISIVE_CONSTRAINTS.map((group) => failed.filter((c) => group.includes(c))).find(
      (group) => group.length > 0,
    );
    for (const constraint of decisive ?? failed) for (const entry of messagesOf(error, constraint, field)) add(entry);
    if (decisive === undefined) for (const child of error.children ?? []) visit(child, field);
  };
  for (const error of errors) visit(error, '');
  return result;
}
