import { type CallHandler, type ExecutionContext, Inject, Injectable, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Observable } from 'rxjs';
import { CLOCK, type Clock, IDEMPOTENCY_STORE, type IdempotencyStore } from '@app/application';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../infrastructure/infrastructure.tokens';
import { RequestTimeoutInterceptor } from '../limits/request-timeout.interceptor';
import { IdempotencyInterceptor } from './idempotency.interceptor';

/**
 * A command route's interceptor (`@UseInterceptors(CommandInterceptor)` on every POST): the request
 * timeout around the idempotency record, one Nest interceptor as before. It is not global, so that a
 * read pays none of Nest's interceptor machinery (an AsyncResource and rxjs layers, ~60 µs of CPU);
 * reads get their timeout from the Fastify hook `enforceReadTimeout`.
 */
@Injectable()
export class CommandInterceptor implements NestInterceptor {
  private readonly interceptor: RequestTimeoutInterceptor;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    reflector: Reflector,
    @Inject(IDEMPOTENCY_STORE) store: IdempotencyStore,
    @Inject(CLOCK) clock: Clock,
  ) {
    this.interceptor = new RequestTimeoutInterceptor(
      config.requestTimeoutMs,
      new IdempotencyInterceptor(reflector, store, clock),
    );
  }

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return this.interceptor.intercept(context, next);
  }
}
