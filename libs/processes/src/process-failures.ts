import { isDomainError } from '@app/kernel';
import { ConcurrencyExhaustedError } from '@app/application';
import { StoreUnavailableError, isSqliteUnavailable, type RecordedEvent } from '@app/event-store';
import { PoisonEventError, messageOf } from '@app/projections';

/**
 * A failure a later attempt may not meet: the store or a read-model file was unavailable, or
 * other writers kept the stream busy. The worker retries these from its checkpoint; everything
 * else is the event's own (a refusing rule, a malformed event) and is parked.
 */
export const isTransient = (error: unknown): boolean =>
  error instanceof StoreUnavailableError || error instanceof ConcurrencyExhaustedError || isSqliteUnavailable(error);

/** `error` as the poison event it is, naming the rule (a domain refusal) or what broke; transient failures go through as they are. */
export function asPoisonEvent(error: unknown, cause: RecordedEvent): unknown {
  if (error instanceof PoisonEventError || isTransient(error)) return error;
  return new PoisonEventError(
    cause,
    isDomainError(error)
      ? `${error.code}: ${error.message}`
      : `${cause.type} could not be processed: ${messageOf(error)}`,
  );
}
