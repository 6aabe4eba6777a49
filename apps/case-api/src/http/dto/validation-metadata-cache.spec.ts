import { getMetadataStorage, IsInt, IsString, MaxLength, validate } from 'class-validator';
import { cacheValidationMetadata } from './validation-metadata-cache';

class Page {
  @IsInt()
  limit!: number;
}

class NamedPage extends Page {
  @IsString()
  @MaxLength(5)
  name!: string;
}

const storage = getMetadataStorage();
const rulesOf = (target: new () => unknown) =>
  storage.getTargetValidationMetadatas(target, '', false, false).map(({ propertyName, name, type }) => ({
    propertyName,
    name,
    type,
  }));
const constraintsOf = async (value: object) =>
  (await validate(value)).map(({ property, constraints }) => ({ property, constraints }));

describe('cacheValidationMetadata: class-validator’s rule look-ups computed once per class', () => {
  const uncached = { rules: rulesOf(NamedPage), errors: [] as Awaited<ReturnType<typeof constraintsOf>> };
  beforeAll(async () => {
    uncached.errors = await constraintsOf(Object.assign(new NamedPage(), { limit: 'x', name: 'too long' }));
    cacheValidationMetadata(storage);
    cacheValidationMetadata(storage);
  });

  it('finds the same rules, inherited ones included, and validates exactly as before', async () => {
    expect(rulesOf(NamedPage)).toEqual(uncached.rules);
    expect(rulesOf(NamedPage).map(({ propertyName }) => propertyName)).toEqual(['name', 'name', 'limit']);
    expect(await constraintsOf(Object.assign(new NamedPage(), { limit: 'x', name: 'too long' }))).toEqual(
      uncached.errors,
    );
    expect(await constraintsOf(Object.assign(new NamedPage(), { limit: 3, name: 'ok' }))).toEqual([]);
  });

  it('answers a repeated look-up from the memo, and groups its rules once', () => {
    const first = storage.getTargetValidationMetadatas(NamedPage, '', false, false);
    expect(storage.getTargetValidationMetadatas(NamedPage, '', false, false)).toBe(first);
    expect(storage.groupByPropertyName(first)).toBe(storage.groupByPropertyName(first));
    expect(storage.getTargetValidationMetadatas(NamedPage, '', false, false, ['admin'])).not.toBe(first);
  });

  it('sees a rule added after the first validation, on the class and on its subclasses', async () => {
    const before = storage.getTargetValidationMetadatas(NamedPage, '', false, false);
    class Late extends Page {}
    IsString()(Page.prototype, 'cursor');
    IsInt()(Late.prototype, 'size');

    expect(rulesOf(NamedPage).map(({ propertyName }) => propertyName)).toContain('cursor');
    expect(storage.getTargetValidationMetadatas(NamedPage, '', false, false)).not.toBe(before);
    expect(rulesOf(Late).map(({ propertyName }) => propertyName)).toEqual(['size', 'limit', 'cursor']);
    expect(await constraintsOf(Object.assign(new Late(), { limit: 1, size: 2, cursor: 3 }))).toEqual([
      { property: 'cursor', constraints: { isString: 'cursor must be a string' } },
    ]);
  });
});
