import {
  type CallHandler,
  type ExecutionContext,
  Inject,
  Injectable,
  type NestInterceptor,
  StreamableFile,
} from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { Reflector } from '@nestjs/core';
import type { FastifyReply } from 'fastify';
import { Observable, of, throwError } from 'rxjs';
import { IDEMPOTENCY_STORE, type Clock, CLOCK, type IdempotencyRecord, type IdempotencyStore } from '@app/application';
import type { AuthenticatedRequest } from '../../auth/api-key.refusal';
import { ProblemError, problemType } from '../problem/problem';
import { idempotencyKeyOf, requestHash } from './idempotency-key';

const REPLAYED_HEADERS = ['etag', 'location'];
/** What Fastify sends with a serialised object: the answer serialised here goes out the same way. */
const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

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
    const call: KeyedCall = { scope: request.principal.id, key, hash: requestHash(request), status, reply, next };
    const earlier = this.store.find(call.scope, key);
    if (!(earlier instanceof Promise)) return this.answer(call, earlier);
    // A store that answers later: the answer is decided (and the route run) even if the subscriber has gone by then.
    return new Observable((subscriber) => {
      earlier.then(
        (found) => this.answer(call, found).subscribe(subscriber),
        (error: unknown) => subscriber.error(error),
      );
    });
  }

  /**
   * The earlier answer, a 409, or the route's answer once its record is saved. Observables all the
   * way, without an `async` layer: every promise costs each command (and runs the async-context
   * hooks), and the SQLite store finds a record without one.
   */
  private answer(call: KeyedCall, earlier: IdempotencyRecord | null): Observable<unknown> {
    if (earlier && earlier.requestHash !== call.hash) {
      return throwError(
        () =>
          new ProblemError({
            type: problemType('idempotency-key-reused'),
            title: 'Conflict',
            status: 409,
            code: 'idempotency-key-reused',
            detail: 'This Idempotency-Key was already used with a different request; use a new key for a new request',
          }),
      );
    }
    if (earlier) {
      void call.reply.status(earlier.status).headers({ ...earlier.headers, 'idempotent-replayed': 'true' });
      return of(earlier.body);
    }
    return this.savedAnswer(call);
  }

  /**
   * The route's last value (undefined if it completes without one), sent once its record is saved.
   * The route's answer is followed to its end even when the subscriber has gone (the request timed
   * out, `RequestTimeoutInterceptor`): the command completed, so its retry must find the record.
   */
  private savedAnswer(call: KeyedCall): Observable<unknown> {
    return new Observable((subscriber) => {
      let body: unknown;
      call.next.handle().subscribe({
        next: (value: unknown) => (body = value),
        error: (error: unknown) => subscriber.error(error),
        complete: () => {
          // An object answer is serialised once, for its record and for the reply (as Fastify would serialise it).
          const json = serialisedByFastify(body) ? JSON.stringify(body) : undefined;
          this.store.save(this.recordOf(call, body, json)).then(
            () => {
              if (json !== undefined && !subscriber.closed) void call.reply.type(JSON_CONTENT_TYPE);
              subscriber.next(json ?? body);
              subscriber.complete();
            },
            (error: unknown) => subscriber.error(error),
          );
        },
      });
    });
  }

  private recordOf(call: KeyedCall, body: unknown, bodyJson: string | undefined): IdempotencyRecord {
    const headers = Object.fromEntries(
      REPLAYED_HEADERS.flatMap((name) => {
        const value = call.reply.getHeader(name);
        return value === undefined ? [] : [[name, String(value)]];
      }),
    );
    return {
      scope: call.scope,
      key: call.key,
      requestHash: call.hash,
      status: call.status,
      body,
      ...(bodyJson === undefined ? {} : { bodyJson }),
      headers,
      createdAt: this.clock.now().toISOString(),
    };
  }
}

/** An answer Fastify would send as `JSON.stringify` of it: an object that is neither bytes nor a stream. */
function serialisedByFastify(body: unknown): body is object {
  if (typeof body !== 'object' || body === null || ArrayBuffer.isView(body) || body instanceof StreamableFile)
    return false;
  return typeof (body as { pipe?: unknown }).pipe !== 'function';
}

/** A keyed command request: its record's scope and key, the request's hash, and what the route answers with. */
type KeyedCall = Readonly<{
  scope: string;
  key: string;
  hash: string;
  status: number;
  reply: FastifyReply;
  next: CallHandler;
}>;
