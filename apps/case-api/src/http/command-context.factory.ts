import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock, type CommandContext } from '@app/application';
import { deterministicUuid } from '@app/integrity';
import type { AuthenticatedRequest } from '../auth/api-key.refusal';
import type { Principal } from '../auth/principal';
import { idempotencyKeyOf } from './idempotency/idempotency-key';
import { pinnedRevision } from './preconditions/if-match';

/**
 * Builds the command context from the request. With an Idempotency-Key the command id is derived
 * from principal and key, so a retry after a crash finds its own events and appends nothing.
 * The actor is always the authenticated principal, never a header or a body field.
 */
@Injectable()
export class CommandContextFactory {
  constructor(@Inject(CLOCK) private readonly clock: Clock) {}

  create(request: AuthenticatedRequest, principal: Principal, role: Principal['roles'][number]): CommandContext {
    const key = idempotencyKeyOf(request);
    const commandId = key ? deterministicUuid(`command:${principal.id}:${key}`) : randomUUID();
    return {
      commandId,
      correlationId: correlationIdOf(request),
      causationId: String(request.id),
      actor: { id: principal.id, role },
      now: this.clock.now().toISOString(),
      expectedRevision: pinnedRevision(request.headers['if-match']),
    };
  }

  /** An application id for a submission that names none: stable across retries with the same key. */
  newApplicationId(request: AuthenticatedRequest, principal: Principal): string {
    const key = idempotencyKeyOf(request);
    return key ? deterministicUuid(`application:${principal.id}:${key}`) : randomUUID();
  }
}

const CORRELATION_ID = /^[A-Za-z0-9._:-]{1,100}$/;

function correlationIdOf(request: AuthenticatedRequest): string {
  const header = request.headers['x-correlation-id'];
  return typeof header === 'string' && CORRELATION_ID.test(header) ? header : String(request.id);
}
