import fc from 'fast-check';
import { ENDPOINTS, fill, type Endpoint } from './support/endpoints';
import { KEYS, exampleSubmission, startTestApp, type TestApp } from './support/test-app';

/** A value placed anywhere in a body: JSON values, huge strings, deep nesting, prototype-pollution keys. */
const hostileValue = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.string({ minLength: 5000, maxLength: 20000 }),
  fc.constantFrom('__proto__', 'constructor', '../../etc/passwd', '\u0000', '2024-02-30', '9999-99-99T99:99:99Z', -1, 1e308),
  fc.integer({ min: 50, max: 400 }).map((depth) => JSON.parse('['.repeat(depth) + ']'.repeat(depth))),
  fc.constant({ __proto__: { admin: true }, constructor: { prototype: { polluted: true } } }),
);

/** The example submission with one path deleted, replaced or polluted. */
const mutatedSubmission = fc
  .tuple(
    fc.constantFrom('applicantType', 'channel', 'form', 'applicant', 'applicant.passport', 'applicant.passport.expiresOn', 'residence', 'csq', 'fees', 'documents', 'receivedAt', '__proto__', 'constructor'),
    fc.constantFrom('delete', 'replace'),
    hostileValue,
  )
  .map(([path, operation, value]) => mutate(exampleSubmission(), path.split('.'), operation, value));

const rawPayload = fc.oneof(
  fc.string().map((text) => Buffer.from(text)),
  fc.uint8Array({ maxLength: 300 }).map((bytes) => Buffer.from(bytes)),
  fc.constant(Buffer.from([0x7b, 0x22, 0xc3, 0x28, 0x22, 0x3a, 0x31, 0x7d])),
  fc.constant(Buffer.from('{"__proto__": {"polluted": true}, "applicantType": "principal"}')),
);

const hostileId = fc.oneof(
  fc.uuid(),
  fc.constantFrom('..%2F..%2Fetc%2Fpasswd', '%00', 'A'.repeat(5000), '%E0%A4%A', '1%27%20OR%201=1', 'NaN', '-1', '1e9999'),
  fc.string({ maxLength: 40 }).map(encodeURIComponent),
);

const hostileHeaders = fc.record(
  {
    'idempotency-key': fc.oneof(fc.string({ maxLength: 300 }).filter((s) => !/[\r\n]/.test(s)), fc.constant('k'.repeat(201))),
    'if-match': fc.oneof(fc.constant('"abc"'), fc.constant('"999999999999999999999"'), fc.string({ maxLength: 20 }).filter((s) => !/[\r\n]/.test(s))),
    'content-type': fc.constantFrom('application/json', 'text/plain', 'application/xml', 'multipart/form-data', 'application/json; charset=latin1'),
    'x-correlation-id': fc.string({ maxLength: 300 }).filter((s) => !/[\r\n]/.test(s)),
  },
  { requiredKeys: [] },
);

describe('hostile input never gets a 5xx and never appends (fast-check)', () => {
  let api: TestApp;
  let validId: string;
  let fuzzed = 0;
  beforeAll(async () => {
    api = await startTestApp();
    validId = (await api.post('/v1/applications', exampleSubmission())).body.id;
  });
  afterAll(async () => {
    console.log(`hostile input: ${fuzzed} requests fuzzed across ${ENDPOINTS.length} endpoints`);
    await api.close();
  });

  async function send(endpoint: Endpoint, id: string, payload: Buffer | string | undefined, headers: Record<string, string>) {
    const as = endpoint.roles[0] ?? 'intake';
    const url = fill(endpoint.path, { id, extensionId: id, year: id, name: id });
    const head = await api.store.headPosition();
    const response = await api.app.inject({
      method: endpoint.method,
      url,
      headers: { authorization: `Bearer ${KEYS[as]}`, 'content-type': 'application/json', ...headers },
      payload: endpoint.method === 'POST' ? payload : undefined,
    });
    fuzzed++;
    expect(response.statusCode).toBeLessThan(500);
    if (response.statusCode >= 400) expect(await api.store.headPosition()).toBe(head);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
  }

  it('mutated submissions', async () => {
    await fc.assert(
      fc.asyncProperty(mutatedSubmission, hostileHeaders, async (body, headers) => send(ENDPOINTS[0], validId, JSON.stringify(body), headers)),
      { numRuns: 400 },
    );
  }, 60_000);

  it('random bodies, raw bytes, headers and ids at every endpoint', async () => {
    const anyEndpoint = fc.constantFrom(...ENDPOINTS);
    const payload = fc.oneof(hostileValue.map((value) => JSON.stringify(value) ?? 'null'), rawPayload);
    await fc.assert(
      fc.asyncProperty(anyEndpoint, fc.oneof(fc.constant(validId), hostileId), payload, hostileHeaders, async (endpoint, id, body, headers) =>
        send(endpoint, id, body, headers),
      ),
      { numRuns: 1200 },
    );
  }, 60_000);
});

function mutate(target: Record<string, unknown>, path: string[], operation: string, value: unknown): Record<string, unknown> {
  const [head, ...rest] = path;
  const copy: Record<string, unknown> = { ...target };
  if (rest.length === 0) {
    if (operation === 'delete') delete copy[head];
    else Object.defineProperty(copy, head, { value, enumerable: true, writable: true, configurable: true });
    return copy;
  }
  const inner = copy[head];
  copy[head] = mutate(inner && typeof inner === 'object' ? (inner as Record<string, unknown>) : {}, rest, operation, value);
  return copy;
}
