/**
 * Fuzzes every POST route of the served OpenAPI document (`GET /docs-json`): whatever the body,
 * headers or caller, never a 5xx, never a stored event from a 4xx, every 4xx a complete
 * problem+json that repeats no personal value. Fixed seed; `FUZZ_RUNS=5000` for a long run,
 * `FUZZ_SEED=<n>` to replay one (test/support/fuzz/fuzz-settings.ts).
 */
import fc from 'fast-check';
import { mutationOf, preview } from './support/fuzz/body-mutations';
import { expectWellBehaved, rolesAllowed, startFuzzApp, type FuzzApp, type FuzzRole } from './support/fuzz/fuzz-app';
import { fuzzParameters, fuzzTimeout } from './support/fuzz/fuzz-settings';
import {
  NON_JSON_CONTENT_TYPES,
  NON_MATCHING_IF_MATCH,
  caller,
  contentType,
  idempotencyKey,
  ifMatch,
} from './support/fuzz/odd-headers';
import { oddPayload } from './support/fuzz/odd-values';
import type { FuzzRoute } from './support/fuzz/openapi-routes';
import { personaSubmission } from './support/fuzz/persona';
import { existingPath, existingUrlFor, urlFor } from './support/fuzz/request-parts';
import { KEYS } from './support/test-app';

const SUBMIT = '/v1/applications';

describe('fuzzing every command route (fast-check)', () => {
  let fuzz: FuzzApp;
  let commands: FuzzRoute[];
  const allowed = new Map<FuzzRoute, FuzzRole[]>();
  beforeAll(async () => {
    fuzz = await startFuzzApp();
    commands = fuzz.routes.filter((route) => route.method === 'POST');
    for (const route of commands) allowed.set(route, await rolesAllowed(fuzz, route));
  }, 60_000);
  afterAll(async () => {
    await fuzz?.close();
  });

  /** The documented body, or for a submission the README's example with the planted personal values. */
  const validBody = (route: FuzzRoute): unknown =>
    route.path === SUBMIT ? personaSubmission() : (route.exampleBody ?? {});
  const keyOf = (route: FuzzRoute): FuzzRole => allowed.get(route)?.[0] ?? 'intake';

  it('finds the command routes in the OpenAPI document, each open to some role', () => {
    expect(commands.map((route) => route.path)).toEqual(
      expect.arrayContaining([
        SUBMIT,
        '/v1/applications/{id}/approval',
        '/v1/applications/{id}/extensions/{extensionId}/decision',
      ]),
    );
    expect(commands.filter((route) => allowed.get(route)?.length === 0).map((route) => route.path)).toEqual([]);
  });

  it(
    'random bodies, Content-Types, Idempotency-Keys, If-Match values and callers',
    async () => {
      const request = fc.constantFrom(...commands).chain((route) =>
        fc.record({
          url: urlFor(route, fuzz.seeded),
          caller,
          contentType,
          key: idempotencyKey,
          ifMatch,
          payload: oddPayload,
        }),
      );
      await fc.assert(
        fc.asyncProperty(request, async ({ url, caller: who, contentType: type, key, ifMatch: tag, payload }) => {
          const headers = {
            authorization: who.authorization,
            'content-type': type.value,
            'idempotency-key': key,
            'if-match': tag,
          };
          const exchange = await fuzz.send({ method: 'POST', url, headers, payload });
          const tookNonJson = type.json === false && payload.length > 0 && exchange.status < 400;
          expectWellBehaved(exchange, tookNonJson ? [`accepted a ${type.value} body as if it were JSON`] : []);
        }),
        fuzzParameters(1500),
      );
    },
    fuzzTimeout(1500),
  );

  it(
    'a valid body changed in one place, sent by a role the route lets in',
    async () => {
      const request = fc.constantFrom(...commands).chain((route) =>
        fc.record({
          url: existingUrlFor(route, fuzz.seeded),
          role: fc.constantFrom(...(allowed.get(route) ?? [])),
          mutation: mutationOf(validBody(route)),
          key: fc.option(fc.uuid(), { nil: undefined }),
          ifMatch: fc.option(fc.constantFrom('"1"', '"7"', '*', 'W/"1"'), { nil: undefined, freq: 3 }),
        }),
      );
      await fc.assert(
        fc.asyncProperty(request, async ({ url, role, mutation, key, ifMatch: tag }) => {
          const headers = {
            authorization: `Bearer ${KEYS[role]}`,
            'content-type': 'application/json',
            'idempotency-key': key,
            'if-match': tag,
          };
          const payload = mutation.body === undefined ? undefined : JSON.stringify(mutation.body);
          expectWellBehaved(await fuzz.send({ method: 'POST', url, headers, payload, note: mutation.description }));
        }),
        fuzzParameters(1500),
      );
    },
    fuzzTimeout(1500),
  );

  it('numbers past a double and documents thousands deep, with and without an Idempotency-Key', async () => {
    const bodies = [
      '1e309',
      '{"notes":1e309}',
      '{"reasons":[-1e309]}',
      `{"notes":${'['.repeat(10_000)}${']'.repeat(10_000)}}`,
      `${'['.repeat(10_000)}${']'.repeat(10_000)}`,
      `${'{"a":'.repeat(5_000)}1${'}'.repeat(5_000)}`,
    ];
    for (const route of commands) {
      const url = existingPath(route, fuzz.seeded);
      for (const [index, payload] of bodies.entries()) {
        for (const key of [undefined, `deep-${route.path}-${index}`]) {
          const headers = {
            authorization: `Bearer ${KEYS[keyOf(route)]}`,
            'content-type': 'application/json',
            'idempotency-key': key,
          };
          expectWellBehaved(await fuzz.send({ method: 'POST', url, headers, payload }));
        }
      }
    }
  }, 60_000);

  it('a valid body under a Content-Type that is not JSON is refused, not parsed as JSON', async () => {
    for (const route of commands) {
      for (const type of NON_JSON_CONTENT_TYPES) {
        const headers = { authorization: `Bearer ${KEYS[keyOf(route)]}`, 'content-type': type };
        const exchange = await fuzz.send({
          method: 'POST',
          url: existingPath(route, fuzz.seeded),
          headers,
          payload: JSON.stringify(validBody(route)),
        });
        expectWellBehaved(
          exchange,
          exchange.status < 400 ? [`accepted a ${type} body (${preview(validBody(route))})`] : [],
        );
      }
    }
  }, 60_000);

  it('an If-Match that does not strongly match the current revision never lets a command run', async () => {
    const commandsOnAFreshCase = [
      { path: 'withdrawal', as: 'intake' },
      { path: 'biometric-instruction-letters', as: 'officer' },
    ] as const;
    let variant = 0;
    for (const route of commandsOnAFreshCase) {
      for (const tag of NON_MATCHING_IF_MATCH(1)) {
        const submitted = await fuzz.api.post(SUBMIT, personaSubmission(`IFM${(variant += 1)}`));
        expect(submitted.headers.etag).toBe('"1"');
        const url = `${SUBMIT}/${submitted.body.id}/${route.path}`;
        const headers = {
          authorization: `Bearer ${KEYS[route.as]}`,
          'content-type': 'application/json',
          'if-match': tag,
          'idempotency-key': variant % 2 ? `if-match-${variant}` : undefined,
        };
        const exchange = await fuzz.send({ method: 'POST', url, headers, payload: '{}' });
        expectWellBehaved(
          exchange,
          exchange.status < 400 ? [`If-Match ${tag} was taken as a match for revision 1`] : [],
        );
        const control = await fuzz.send({
          method: 'POST',
          url,
          headers: { ...headers, 'if-match': '"1"', 'idempotency-key': undefined },
          payload: '{}',
        });
        expect(`${url} with If-Match "1" → ${control.status}`).toBe(`${url} with If-Match "1" → 201`);
      }
    }
  }, 60_000);
});
