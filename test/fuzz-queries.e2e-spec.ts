/**
 * Fuzzes every GET route of the served OpenAPI document (`GET /docs-json`): existing and odd path
 * parameters, documented and unknown query parameters, odd headers, every role and none. Never a
 * 5xx, never a stored event from a 4xx, every 4xx a complete problem+json that repeats no personal
 * value. Fixed seed; `FUZZ_RUNS=5000` for a long run, `FUZZ_SEED=<n>` to replay one
 * (test/support/fuzz/fuzz-settings.ts).
 */
import fc from 'fast-check';
import { expectWellBehaved, startFuzzApp, type FuzzApp } from './support/fuzz/fuzz-app';
import { fuzzParameters, fuzzTimeout } from './support/fuzz/fuzz-settings';
import { caller, contentType, headerSafe, idempotencyKey, ifMatch } from './support/fuzz/odd-headers';
import { oddPayload, oddString } from './support/fuzz/odd-values';
import type { FuzzRoute } from './support/fuzz/openapi-routes';
import { existingPath, urlFor } from './support/fuzz/request-parts';
import { KEYS, type KeyRole } from './support/test-app';

const ACCEPT = [
  'application/json',
  'text/csv',
  'text/event-stream',
  'application/xml',
  '*/*',
  'application/problem+json',
  '',
] as const;

describe('fuzzing every query route (fast-check)', () => {
  let fuzz: FuzzApp;
  let queries: FuzzRoute[];
  beforeAll(async () => {
    fuzz = await startFuzzApp();
    queries = fuzz.routes.filter((route) => route.method === 'GET');
  }, 60_000);
  afterAll(async () => {
    await fuzz?.close();
  });

  it('finds the query routes in the OpenAPI document', () => {
    expect(queries.map((route) => route.path)).toEqual(
      expect.arrayContaining(['/v1/applications/{id}', '/v1/applications/{id}/history', '/v1/audit/events', '/health']),
    );
  });

  it('every query route, with each role and none, on an existing application', async () => {
    const callers: (KeyRole | null)[] = ['intake', 'officer', 'auditor', 'admin', null];
    for (const route of queries) {
      const url = existingPath(route, fuzz.seeded);
      for (const role of callers) {
        expectWellBehaved(
          await fuzz.send({
            method: 'GET',
            url,
            headers: { authorization: role ? `Bearer ${KEYS[role]}` : undefined },
          }),
        );
      }
    }
  }, 60_000);

  it(
    'odd path and query parameters, headers, bodies and callers',
    async () => {
      const request = fc.constantFrom(...queries).chain((route) =>
        fc.record({
          url: urlFor(route, fuzz.seeded),
          caller,
          accept: fc.option(fc.constantFrom(...ACCEPT), { nil: undefined }),
          contentType,
          key: idempotencyKey,
          ifMatch,
          correlation: fc.option(oddString.map(headerSafe), { nil: undefined }),
          payload: fc.option(oddPayload, { nil: undefined, freq: 4 }),
        }),
      );
      await fc.assert(
        fc.asyncProperty(
          request,
          async ({ url, caller: who, accept, contentType: type, key, ifMatch: tag, correlation, payload }) => {
            const headers = {
              authorization: who.authorization,
              accept,
              'content-type': payload === undefined ? undefined : type.value,
              'idempotency-key': key,
              'if-match': tag,
              'x-correlation-id': correlation,
            };
            expectWellBehaved(await fuzz.send({ method: 'GET', url, headers, payload }));
          },
        ),
        fuzzParameters(1500),
      );
    },
    fuzzTimeout(1500),
  );
});
