import type { FieldError } from '../problem/problem';
import { forbiddenCharacterIn } from './forbidden-characters';
import {
  MAX_BODY_DEPTH,
  MAX_BODY_MEMBERS,
  MAX_PROPERTY_NAME_LENGTH,
  MAX_REPORTED_FAULTS,
  MAX_STRING_UNITS,
} from './input-limits';

/**
 * A value met on the walk, with how it was reached: the path is built only for a fault. A member
 * whose name is refused travels with its fault, so that faults come out in document order.
 */
type Visit = Readonly<{
  value: unknown;
  key: string | number;
  parent: Visit | null;
  depth: number;
  refused?: NameFault;
}>;

type NameFault = Readonly<{ named: boolean; message: string }>;

const FIELD_NAME = new RegExp(`^[A-Za-z_$][A-Za-z0-9_$]{0,${MAX_PROPERTY_NAME_LENGTH - 1}}$`);

/** Whether `name` could be a field of this API: an identifier of at most MAX_PROPERTY_NAME_LENGTH characters. */
export const isFieldName = (name: string): boolean => FIELD_NAME.test(name);

/** Said of the object holding a property that is named by anything but a field name, which is not repeated. */
export const NOT_A_FIELD_NAME = `has a property whose name is not a field name (letters, digits, _ and $, at most ${MAX_PROPERTY_NAME_LENGTH} characters)`;

/** `applicant.passport.number`, `reasons[0].explanation`; the input itself is `''`. */
function pathOf(visit: Visit): string {
  let path = '';
  for (let at: Visit | null = visit; at !== null && at.parent !== null; at = at.parent) {
    const step = typeof at.key === 'number' ? `[${at.key}]` : at.parent.parent === null ? at.key : `.${at.key}`;
    path = step + path;
  }
  return path;
}

/**
 * Why a property name is refused, or null. A name inherited from Object.prototype (`toString`,
 * `constructor`, `__proto__`) is an unknown field: no DTO declares one, and a lookup by that name
 * in a plain object finds the inherited member, which let it past the whitelist. A name that is not
 * an identifier is refused without being repeated: it may be a value sent in the wrong place.
 */
export function propertyNameFault(name: string): NameFault | null {
  if (Object.hasOwn(Object.prototype, name)) return { named: true, message: `property ${name} should not exist` };
  return isFieldName(name) ? null : { named: false, message: NOT_A_FIELD_NAME };
}

/** Why a string is refused anywhere in the input, or null. */
export function stringFault(text: string): string | null {
  if (text.length > MAX_STRING_UNITS) return `must be at most ${MAX_STRING_UNITS} characters`;
  return forbiddenCharacterIn(text);
}

/**
 * Every fault of a parsed JSON value that no route accepts, each named by its path and never by
 * its value: numbers JSON.parse turned into ±Infinity, nesting deeper than MAX_BODY_DEPTH, objects
 * or arrays wider than MAX_BODY_MEMBERS, over-long strings and forbidden characters, and property
 * names that are no field's. One iterative pass, in document order, stopping at MAX_REPORTED_FAULTS.
 */
export function inputFaults(input: unknown): FieldError[] {
  const faults: FieldError[] = [];
  const stack: Visit[] = [{ value: input, key: '', parent: null, depth: 0 }];
  const fault = (visit: Visit, message: string): void => {
    if (faults.length < MAX_REPORTED_FAULTS) faults.push({ field: pathOf(visit), message });
  };
  while (stack.length > 0 && faults.length < MAX_REPORTED_FAULTS) {
    const visit = stack.pop() as Visit;
    const { value, depth, refused } = visit;
    if (refused !== undefined) {
      fault(refused.named ? visit : (visit.parent ?? visit), refused.message);
    } else if (typeof value === 'string') {
      const message = stringFault(value);
      if (message !== null) fault(visit, message);
    } else if (typeof value === 'number') {
      if (!Number.isFinite(value)) fault(visit, 'must be a finite number');
    } else if (typeof value === 'object' && value !== null) {
      if (depth >= MAX_BODY_DEPTH) {
        fault(visit, `nests objects or arrays deeper than ${MAX_BODY_DEPTH} levels`);
      } else if (Array.isArray(value)) {
        if (value.length > MAX_BODY_MEMBERS) fault(visit, `must have at most ${MAX_BODY_MEMBERS} elements`);
        else
          for (let index = value.length - 1; index >= 0; index--)
            stack.push({ value: value[index], key: index, parent: visit, depth: depth + 1 });
      } else {
        pushMembers(visit, value as Record<string, unknown>, stack, fault);
      }
    }
  }
  return faults;
}

function pushMembers(
  visit: Visit,
  object: Record<string, unknown>,
  stack: Visit[],
  fault: (visit: Visit, message: string) => void,
): void {
  const names = Object.keys(object);
  if (names.length > MAX_BODY_MEMBERS) {
    fault(visit, `must have at most ${MAX_BODY_MEMBERS} members`);
    return;
  }
  for (let index = names.length - 1; index >= 0; index--) {
    const name = names[index];
    const refused = propertyNameFault(name) ?? undefined;
    stack.push({
      value: refused ? undefined : object[name],
      key: name,
      parent: visit,
      depth: visit.depth + 1,
      refused,
    });
  }
}
