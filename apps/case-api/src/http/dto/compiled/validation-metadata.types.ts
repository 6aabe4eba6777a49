import type { getMetadataStorage } from 'class-validator';

/** class-validator's registry of decorator rules, the single source the compiled checks are built from. */
export type MetadataStorage = ReturnType<typeof getMetadataStorage>;

/** One decorator rule on one property, as class-validator stores it. */
export type RuleMetadata = ReturnType<MetadataStorage['getTargetValidationMetadatas']>[number];

/** The rules of a class keyed by property name (class-validator's own grouping object). */
export type RulesByProperty = ReturnType<MetadataStorage['groupByPropertyName']>;

/**
 * A compiled acceptance test: true when class-validator, with the pipe's options, would find no
 * error in the value; false when it would, or when the compiled code cannot tell (then the caller
 * asks class-validator itself).
 */
export type Acceptance<T> = (value: T) => boolean;

/** True for a thenable: an asynchronous verdict, which only class-validator awaits. */
export const isThenable = (value: unknown): boolean =>
  typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function';
