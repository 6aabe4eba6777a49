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

/** The settlement of a timer whose command failed for a reason a later tick would meet again: parked for an operator. */
export const PARKED_SETTLEMENT = 'parked';

/**
 * How a scheduled job settles one timer: what its command did, or the code of the rule that
 * refused it (the domain decides whether the timer still applies). A transient failure is thrown,
 * so the next tick tries again; anything else is parked, named by `park`, and settles as parked.
 */
export async function settleTimer(fire: () => Promise<string>, park: (reason: string) => void): Promise<string> {
  try {
    return await fire();
  } catch (error) {
    if (isDomainError(error)) return error.code;
    if (isTransient(error)) throw error;
    park(messageOf(error));
    return PARKED_SETTLEMENT;
  }
}
