import { getMetadataStorage } from 'class-validator';

type MetadataStorage = ReturnType<typeof getMetadataStorage>;
type ValidationMetadatas = ReturnType<MetadataStorage['getTargetValidationMetadatas']>;
type Grouped = ReturnType<MetadataStorage['groupByPropertyName']>;

const CACHED = Symbol('impplus:validation-metadata-cached');

/**
 * Memoizes class-validator's metadata look-ups, which it redoes on every `validate()`: the rules
 * of a DTO class (filtering every rule it holds and testing each decorated class for inheritance,
 * ~20 µs a request) and their grouping by property. The answers are the same arrays the library
 * would compute, shared read-only (class-validator and Nest's pipe only read them). Any rule added
 * later (a class decorated after the first validation) empties the memo, so it is never stale.
 */
export function cacheValidationMetadata(storage: MetadataStorage = getMetadataStorage()): void {
  const memo = storage as MetadataStorage & { [CACHED]?: true };
  if (memo[CACHED]) return;
  memo[CACHED] = true;
  const lookUp = storage.getTargetValidationMetadatas.bind(storage);
  const group = storage.groupByPropertyName.bind(storage);
  const add = storage.addValidationMetadata.bind(storage);
  let targets = new Map<unknown, Map<string, ValidationMetadatas>>();
  let groups = new WeakMap<ValidationMetadatas, Grouped>();

  storage.addValidationMetadata = (metadata) => {
    targets = new Map();
    groups = new WeakMap();
    add(metadata);
  };
  storage.getTargetValidationMetadatas = (targetConstructor, targetSchema, always, strictGroups, groupNames) => {
    const key = `${String(targetSchema)}\u0000${always}\u0000${strictGroups}\u0000${groupNames?.join('\u0001') ?? ''}`;
    let byOptions = targets.get(targetConstructor);
    if (!byOptions) targets.set(targetConstructor, (byOptions = new Map<string, ValidationMetadatas>()));
    let found = byOptions.get(key);
    if (!found) byOptions.set(key, (found = lookUp(targetConstructor, targetSchema, always, strictGroups, groupNames)));
    return found;
  };
  storage.groupByPropertyName = (metadatas) => {
    let grouped = groups.get(metadatas);
    if (!grouped) groups.set(metadatas, (grouped = group(metadatas)));
    return grouped;
  };
}
