import type { FastifyInstance } from 'fastify';
import { RequestValidationError } from '../problem/problem';
import { inputFaults } from './input-faults';
import { acceptOnlyJsonBodies } from './json-body.parser';

/**
 * Installs the input guards on the Fastify instance, so that they run before Nest's guards,
 * interceptors (the idempotency record) and pipes: the body is checked as it is parsed, the
 * query string in `preValidation`, each fault answered 400 naming the field and never its value.
 */
export function installInputGuards(fastify: FastifyInstance): void {
  acceptOnlyJsonBodies(fastify);
  fastify.addHook('preValidation', (request, _reply, done) => {
    const faults = request.url.includes('?') ? inputFaults(request.query) : [];
    done(faults.length > 0 ? new RequestValidationError(faults) : undefined);
  });
}
