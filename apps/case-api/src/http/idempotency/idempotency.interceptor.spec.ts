import type { CallHandler, ExecutionContext } from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { Reflector } from '@nestjs/core';
import { firstValueFrom, of, Subject, type Observable } from 'rxjs';
import { MemoryIdempotencyStore, type IdempotencyRecord, type IdempotencyStore } from '@app/application';
import { ProblemError } from '../problem/problem';
import { IdempotencyInterceptor } from './idempotency.interceptor';
import { requestHash } from './idempotency-key';

const clock = { now: () => new Date('2026-12-06T05:00:00.000Z') };
const route = (): void => undefined;
Reflect.defineMetadata(HTTP_CODE_METADATA, 201, route);

/** A keyed POST by `intake-a`, its reply recording status and headers. */
function keyedPost(body: unknown) {
  const request = {
    method: 'POST',
    url: '/v1/applications?x=1',
    headers: { 'idempotency-key': 'key-1' },
    body,
    principal: { id: 'intake-a', roles: ['intake'] },
  };
  const headers: Record<string, string> = {};
  const reply = {
    statusCode: 0,
    status(code: number) {
      this.statusCode = code;
      return this;
    },
    headers(values: Record<string, string>) {
      Object.assign(headers, values);
      return this;
    },
    type(value: string) {
      headers['content-type'] = value;
      return this;
    },
    getHeader: (name: string) => headers[name],
  };
  const context = {
    switchToHttp: () => ({ getRequest: () => request, getResponse: () => reply }),
    getHandler: () => route,
  } as unknown as ExecutionContext;
  return { request, reply, headers, context };
}

/** The route: sets the headers a command route sets and answers `view`, counting its runs. */
function routeAnswering(view: unknown, headers: Record<string, string>): CallHandler & { runs: number } {
  return {
    runs: 0,
    handle(): Observable<unknown> {
      this.runs++;
      Object.assign(headers, { etag: '"3"', location: '/v1/applications/a-1', 'x-other': 'not kept' });
      return of(view);
    },
  };
}

/** What an observable emitted in the same turn (before any promise could settle). */
function emittedAtOnce(answer: Observable<unknown>): { values: unknown[]; error?: unknown } {
  const seen: { values: unknown[]; error?: unknown } = { values: [] };
  answer.subscribe({ next: (value) => seen.values.push(value), error: (error: unknown) => (seen.error = error) });
  return seen;
}

describe('IdempotencyInterceptor: shared/API.md "Idempotency" without an async layer per command', () => {
  it('saves the answer with its ETag and Location, and sends it once the record is saved, serialised once for both', async () => {
    const store = new MemoryIdempotencyStore();
    const { context, headers, request } = keyedPost({ a: 1 });
    const next = routeAnswering({ id: 'a-1', note: 'é' }, headers);
    const answer = new IdempotencyInterceptor(new Reflector(), store, clock).intercept(context, next);
    await expect(firstValueFrom(answer)).resolves.toBe('{"id":"a-1","note":"é"}');
    expect(headers['content-type']).toBe('application/json; charset=utf-8');
    expect(next.runs).toBe(1);
    expect(store.find('intake-a', 'key-1')).toEqual({
      scope: 'intake-a',
      key: 'key-1',
      requestHash: requestHash(request as never),
      status: 201,
      body: { id: 'a-1', note: 'é' },
      bodyJson: '{"id":"a-1","note":"é"}',
      headers: { etag: '"3"', location: '/v1/applications/a-1' },
      createdAt: '2026-12-06T05:00:00.000Z',
    });
  });

  it('answers a retry from the record at once (a store that finds synchronously), without running the route', async () => {
    const store = new MemoryIdempotencyStore();
    const first = keyedPost({ a: 1 });
    await firstValueFrom(
      new IdempotencyInterceptor(new Reflector(), store, clock).intercept(
        first.context,
        routeAnswering({ id: 'a-1' }, first.headers),
      ),
    );
    const retry = keyedPost({ a: 1 });
    const next = routeAnswering({ id: 'other' }, retry.headers);
    const seen = emittedAtOnce(
      new IdempotencyInterceptor(new Reflector(), store, clock).intercept(retry.context, next),
    );
    expect(seen.values).toEqual([{ id: 'a-1' }]);
    expect(next.runs).toBe(0);
    expect(retry.reply.statusCode).toBe(201);
    expect(retry.headers).toEqual({ etag: '"3"', location: '/v1/applications/a-1', 'idempotent-replayed': 'true' });
  });

  it('refuses the same key with another body 409 idempotency-key-reused, at once', async () => {
    const store = new MemoryIdempotencyStore();
    const first = keyedPost({ a: 1 });
    await firstValueFrom(
      new IdempotencyInterceptor(new Reflector(), store, clock).intercept(
        first.context,
        routeAnswering({}, first.headers),
      ),
    );
    const other = keyedPost({ a: 2 });
    const next = routeAnswering({}, other.headers);
    const seen = emittedAtOnce(
      new IdempotencyInterceptor(new Reflector(), store, clock).intercept(other.context, next),
    );
    expect(seen.error).toBeInstanceOf(ProblemError);
    expect((seen.error as ProblemError).problem).toMatchObject({ status: 409, code: 'idempotency-key-reused' });
    expect(next.runs).toBe(0);
  });

  it('waits for a store that answers with a promise', async () => {
    const memory = new MemoryIdempotencyStore();
    const later: IdempotencyStore = {
      find: async (scope, key) => memory.find(scope, key),
      save: (record: IdempotencyRecord) => memory.save(record),
      close: () => memory.close(),
    };
    const first = keyedPost({ a: 1 });
    await firstValueFrom(
      new IdempotencyInterceptor(new Reflector(), later, clock).intercept(
        first.context,
        routeAnswering({ id: 'a-1' }, first.headers),
      ),
    );
    const retry = keyedPost({ a: 1 });
    const next = routeAnswering({ id: 'other' }, retry.headers);
    const answer = new IdempotencyInterceptor(new Reflector(), later, clock).intercept(retry.context, next);
    await expect(firstValueFrom(answer)).resolves.toEqual({ id: 'a-1' });
    expect(next.runs).toBe(0);
  });

  it('saves the record of a route that answers after the request has stopped waiting (a timeout), for its retry', async () => {
    const store = new MemoryIdempotencyStore();
    const { context, headers } = keyedPost({ a: 1 });
    const late = new Subject<unknown>();
    const next = { handle: () => late.asObservable() };
    const answer = new IdempotencyInterceptor(new Reflector(), store, clock).intercept(context, next);
    answer.subscribe().unsubscribe();
    headers.etag = '"0"';
    late.next({ id: 'a-1' });
    late.complete();
    await new Promise((resolve) => setImmediate(resolve));
    expect(store.find('intake-a', 'key-1')).toMatchObject({
      status: 201,
      body: { id: 'a-1' },
      headers: { etag: '"0"' },
    });
  });

  it('passes bytes on as they are (Fastify sends them unserialised), and keeps them in the record', async () => {
    const store = new MemoryIdempotencyStore();
    const { context, headers } = keyedPost({ a: 1 });
    const bytes = Buffer.from('{"id":"a-1"}');
    const answer = new IdempotencyInterceptor(new Reflector(), store, clock).intercept(
      context,
      routeAnswering(bytes, headers),
    );
    await expect(firstValueFrom(answer)).resolves.toBe(bytes);
    expect(headers['content-type']).toBeUndefined();
    expect(store.find('intake-a', 'key-1')).not.toHaveProperty('bodyJson');
  });
});
