import { applyDecorators, SetMetadata } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';

export const NO_REQUEST_TIMEOUT_KEY = 'impplus:no-request-timeout';
/** The Fastify route config flag that the read timeout hook (`enforceReadTimeout`) reads. */
export const NO_REQUEST_TIMEOUT_ROUTE_CONFIG = 'noRequestTimeout';

/**
 * Exempts a route from REQUEST_TIMEOUT_MS: one that waits on purpose (a long poll) bounds its own
 * wait and ends when the server shuts down.
 */
export const NoRequestTimeout = () =>
  applyDecorators(SetMetadata(NO_REQUEST_TIMEOUT_KEY, true), RouteConfig({ [NO_REQUEST_TIMEOUT_ROUTE_CONFIG]: true }));
