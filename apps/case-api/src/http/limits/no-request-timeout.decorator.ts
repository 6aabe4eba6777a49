import { RouteConfig } from '@nestjs/platform-fastify';

/** The Fastify route config flag that the read timeout hook (`enforceReadTimeout`) reads. */
export const NO_REQUEST_TIMEOUT_ROUTE_CONFIG = 'noRequestTimeout';

/**
 * Exempts a read route from REQUEST_TIMEOUT_MS (commands are always timed): one that waits on purpose (a long poll) bounds its own
 * wait and ends when the server shuts down.
 */
export const NoRequestTimeout = () => RouteConfig({ [NO_REQUEST_TIMEOUT_ROUTE_CONFIG]: true });
