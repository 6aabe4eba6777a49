import type { AllStreamResolvedEvent, Filter } from '@kurrent/kurrentdb-client';
import { kurrentdb } from './kurrentdb-client';

/**
 * The stream-name prefixes of this application's streams, one per stream category
 * (`application-<uuid>`: a case, `parking-<uuid>`: an event a worker parked, `accesslog-<yyyy-mm-dd>`:
 * the day's reveals of personal data). A KurrentDB server
 * may hold other applications' streams (and the contract suite's): `$all` reads and subscriptions
 * see only streams that start with one of these. A new stream category must be added here.
 */
export const CASE_LEDGER_STREAM_PREFIXES: readonly string[] = ['application-', 'parking-', 'accesslog-'];

/** The server-side filter: KurrentDB skips other streams (and every `$` stream) before sending. */
export function streamPrefixFilter(prefixes: readonly string[]): Filter {
  return kurrentdb().streamNameFilter({ prefixes: [...prefixes] });
}

/** The same filter on our side, in case a server (or a proxy) ignores it. */
export function isOwnStream(resolved: AllStreamResolvedEvent, prefixes: readonly string[]): boolean {
  const stream = resolved.event?.streamId;
  return stream !== undefined && prefixes.some((prefix) => stream.startsWith(prefix));
}
