import { SetMetadata } from '@nestjs/common';

export const NO_REQUEST_TIMEOUT_KEY = 'impplus:no-request-timeout';

/**
 * Exempts a route from REQUEST_TIMEOUT_MS: one that waits on purpose (a long poll) bounds its own
 * wait and ends when the server shuts down.
 */
export const NoRequestTimeout = () => SetMetadata(NO_REQUEST_TIMEOUT_KEY, true);
