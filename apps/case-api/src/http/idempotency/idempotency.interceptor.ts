import { type CallHandler, type ExecutionContext, Inject, Injectable, type NestInterceptor } from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { Reflector } from '@nestjs/core';
import type { FastifyReply } from 'fastify';
import { from, lastValueFrom, type Observable } from 'rxjs';
import { IDEMPOTENCY_STORE, type Clock, CLOCK, type IdempotencyStore } from '@app/application';
import type { AuthenticatedRequest } from '../../auth/api-key.guard';
import { ProblemError, problemType } from '../problem/problem';
import { idempotencyKeyOf, requestHash } from './idempotency-key';

const REPLAYED_HEADERS = ['etag', 'location'];

/**
 * shared/API.md "Idempotency": the same key and body get the original status and body back and
 * append nothing; the same key with another body is a 409. Records are scoped to the principal.
 * Only successful responses are kept: a refused command is simply decided again on retry.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    @Inject(IDEMPOTENCY_STORE) private readonly store: IdempotencyStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const key = request.method === 'POST' ? idempotencyKeyOf(request) : null;
    if (!key || !request.principal) return next.handle();
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    const status = this.reflector.get<number>(HTTP_CODE_METADATA, context.getHandler()) ?? 201;
    return from(this.run(request.principal.id, key, requestHash(request), status, reply, next));
  }

  private async run(
    scope: string,
    key: string,
    hash: string,
    status: number,
    reply: FastifyReply,
    next: CallHandler,
  ): Promise<unknown> {
    const earlier = await this.store.find(scope, key);
    if (earlier && earlier.requestHash !== hash) {
      throw new ProblemError({
        type: problemType('idempotency-key-reused'),
        title: 'Conflict',
        status: 409,
        code: 'idempotency-key-reused',
        detail: 'This Idempotency-Key was already used with a different request; use a new key for a new request',
      });
    }
    if (earlier) {
      void reply.status(earlier.status).headers({ ...earlier.headers, 'idempotent-replayed': 'true' });
      return earlier.body;
    }
    const body: unknown = await lastValueFrom(next.handle(), { defaultValue: undefined });
    const headers = Object.fromEntries(
      REPLAYED_HEADERS.flatMap((name) => {
        const value = reply.getHeader(name);
        return value === undefined ? [] : [[name, String(value)]];
      }),
    );
    await this.store.save({
      scope,
      key,
      requestHash: hash,
      status,
      body,
      headers,
      createdAt: this.clock.now().toISOString(),
    });
    return body;
  }
}
