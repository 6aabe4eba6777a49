import { ValidationError } from 'class-validator';
import { flattenValidationErrors } from './validation-errors';
import { ELEMENT_CHECK, type ElementCheck } from './validators/each-element.validator';

type Shape = Partial<Pick<ValidationError, 'property' | 'value' | 'constraints' | 'contexts'>> & {
  children?: ValidationError[];
};

const error = (shape: Shape): ValidationError => Object.assign(new ValidationError(), { children: [], ...shape });

const onlyStrings: ElementCheck = (element, property) =>
  typeof element === 'string' ? null : `each element of ${property} must be a string`;

describe('flattenValidationErrors', () => {
  it('joins properties with dots and array indexes with brackets', () => {
    const tree = error({
      property: 'reasons',
      children: [
        error({
          property: '1',
          children: [error({ property: 'explanation', constraints: { isString: 'explanation must be a string' } })],
        }),
      ],
    });
    const nested = error({
      property: 'applicant',
      children: [
        error({
          property: 'passport',
          children: [error({ property: 'expiresOn', constraints: { isPlainDate: 'expiresOn must be a date' } })],
        }),
      ],
    });
    expect(flattenValidationErrors([tree, nested])).toEqual([
      { field: 'reasons[1].explanation', message: 'explanation must be a string' },
      { field: 'applicant.passport.expiresOn', message: 'expiresOn must be a date' },
    ]);
  });

  it('gives one entry per failed constraint', () => {
    const e = error({ property: 'rule', constraints: { matches: 'rule must match', maxLength: 'rule is too long' } });
    expect(flattenValidationErrors([e])).toEqual([
      { field: 'rule', message: 'rule must match' },
      { field: 'rule', message: 'rule is too long' },
    ]);
  });

  it('reports only the missing value when a required field is absent', () => {
    const e = error({
      property: 'notes',
      constraints: { isDefined: 'notes is required', isString: 'notes must be a string' },
    });
    expect(flattenValidationErrors([e])).toEqual([{ field: 'notes', message: 'notes is required' }]);
  });

  it('reports only the wrong shape, and not the members, of a value that is not an object', () => {
    const e = error({
      property: 'applicant',
      constraints: { isObject: 'applicant must be an object', nestedValidation: 'applicant must be an object too' },
      children: [
        error({ property: '0', children: [error({ property: 'familyName', constraints: { isString: 'x' } })] }),
      ],
    });
    expect(flattenValidationErrors([e])).toEqual([{ field: 'applicant', message: 'applicant must be an object' }]);
  });

  it('reports the other constraints and the members when the shape is right', () => {
    const e = error({
      property: 'overrides',
      constraints: { arrayUnique: 'overrides must not override the same rule twice' },
      children: [
        error({ property: '3', constraints: { nestedValidation: 'each element of overrides must be an object' } }),
      ],
    });
    expect(flattenValidationErrors([e])).toEqual([
      { field: 'overrides', message: 'overrides must not override the same rule twice' },
      { field: 'overrides[3]', message: 'each element of overrides must be an object' },
    ]);
  });

  it('reports an oversized array alone, not each of its elements', () => {
    const e = error({
      property: 'overrides',
      value: Array.from({ length: 60 }, () => 'x'),
      constraints: { arrayMaxSize: 'overrides must have at most 50 elements', arrayUnique: 'overrides repeats' },
      children: [
        error({ property: '3', constraints: { nestedValidation: 'each element of overrides must be an object' } }),
      ],
    });
    expect(flattenValidationErrors([e])).toEqual([
      { field: 'overrides', message: 'overrides must have at most 50 elements' },
    ]);
  });

  it('prefers the wrong shape to the size of a value that is not an array', () => {
    const e = error({
      property: 'reasons',
      constraints: { isArray: 'reasons must be an array', arrayMaxSize: 'reasons must have at most 50 elements' },
    });
    expect(flattenValidationErrors([e])).toEqual([{ field: 'reasons', message: 'reasons must be an array' }]);
  });

  it('names each bad element of an element check by its index', () => {
    const e = error({
      property: 'reasons',
      value: ['ok', 7, 'fine', null],
      constraints: { isEachText: 'each element of reasons must be a string' },
      contexts: { isEachText: { [ELEMENT_CHECK]: onlyStrings } },
    });
    expect(flattenValidationErrors([error({ property: 'decision', children: [e] })])).toEqual([
      { field: 'decision.reasons[1]', message: 'each element of reasons must be a string' },
      { field: 'decision.reasons[3]', message: 'each element of reasons must be a string' },
    ]);
  });

  it('falls back to the array itself when the value was left out of the error', () => {
    const e = error({
      property: 'reasons',
      constraints: { isEachText: 'each element of reasons must be a string' },
      contexts: { isEachText: { [ELEMENT_CHECK]: onlyStrings } },
    });
    expect(flattenValidationErrors([e])).toEqual([
      { field: 'reasons', message: 'each element of reasons must be a string' },
    ]);
  });

  it('names the input itself by the empty path and drops repeated entries', () => {
    const root = error({ property: undefined, constraints: { unknownValue: 'an unknown value was passed' } });
    const twice = error({ property: 'a', constraints: { x: 'a is wrong', y: 'a is wrong' } });
    expect(flattenValidationErrors([root, twice])).toEqual([
      { field: '', message: 'an unknown value was passed' },
      { field: 'a', message: 'a is wrong' },
    ]);
  });

  it('never repeats a property name that is not a field name (a form-encoded body is one such name), naming its parent instead', () => {
    const text = '{"familyName":"Tremblay","passport":"19AB12345"}';
    const form = error({ property: text, constraints: { whitelistValidation: `property ${text} should not exist` } });
    const nested = error({
      property: 'applicant',
      children: [error({ property: 'Camille Tremblay', constraints: { whitelistValidation: 'x' } })],
    });
    const flattened = flattenValidationErrors([form, nested]);
    expect(flattened).toEqual([
      { field: '', message: expect.stringContaining('has a property whose name is not a field name') },
      { field: 'applicant', message: expect.stringContaining('has a property whose name is not a field name') },
    ]);
    expect(JSON.stringify(flattened)).not.toMatch(/Tremblay|19AB12345/);
  });

  it('returns nothing for no errors', () => {
    expect(flattenValidationErrors([])).toEqual([]);
  });
});
