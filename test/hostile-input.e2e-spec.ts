import fc from 'fast-check';
import { ENDPOINTS, fill, type Endpoint } from './support/endpoints';
import { KEYS, exampleSubmission, startTestApp, type TestApp } from './support/test-app';

/** A value placed anywhere in a body: JSON values, huge strings, deep nesting, prototype-pollution keys. */
const hostileValue = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.string({ minLength: 5000, maxLength: 20000 }),
  fc.constantFrom(
    '__proto__',
    'constructor',
    '../../etc/passwd',
    '\u0000',
    '2024-02-30',
    '9999-99-99T99:99:99Z',
    -1,
    1e308,
  ),
  fc.integer({ min: 50, max: 400 }).map((depth) => JSON.parse('['.repeat(depth) + ']'.repeat(depth))),
  fc.integer({ min: 100, max: 1000 }).map((depth) => JSON.parse('{"a":'.repeat(depth) + '1' + '}'.repeat(depth))),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 50 }),
  fc.constant({ __proto__: { admin: true }, constructor: { prototype: { polluted: true } } }),
);

/** The example submission with one path deleted, replaced or polluted. */
const mutatedSubmission = fc
  .tuple(
    fc.constantFrom(
      'applicantType',
      'channel',
      'form',
      'applicant',
      'applicant.passport',
      'applicant.passport.expiresOn',
      'residence',
      'csq',
      'fees',
      'documents',
      'receivedAt',
      '__proto__',
      'constructor',
    ),
    fc.constantFrom('delete', 'replace'),
    hostileValue,
  )
  .map(([path, operation, value]) => mutate(exampleSubmission(), path.split('.'), operation, value));

/** Over the 1 MiB body limit: a 413, never parsed. */
const OVERSIZED = Buffer.from(`{"notes":"${'x'.repeat(1_100_000)}"}`);

const rawPayload = fc.oneof(
  fc.string().map((text) => Buffer.from(text)),
  fc.constant(OVERSIZED),
  fc.constant(Buffer.from('{"constructor": {"prototype": {"polluted": true}}, "notes": "ok"}')),
  fc.constant(Buffer.from([0xef, 0xbb, 0xbf, 0x7b, 0x7d])),
  fc.constant(Buffer.from([0xff, 0xfe, 0x7b, 0x00, 0x7d, 0x00])),
  fc.uint8Array({ maxLength: 300 }).map((bytes) => Buffer.from(bytes)),
  fc.constant(Buffer.from([0x7b, 0x22, 0xc3, 0x28, 0x22, 0x3a, 0x31, 0x7d])),
  fc.constant(Buffer.from('{"__proto__": {"polluted": true}, "applicantType": "principal"}')),
);

const hostileId = fc.oneof(
  fc.uuid(),
  fc.constantFrom(
    '..%2F..%2Fetc%2Fpasswd',
    '%00',
    'A'.repeat(5000),
    '%E0%A4%A',
    '1%27%20OR%201=1',
    'NaN',
    '-1',
    '1e9999',
  ),
  fc.string({ maxLength: 40 }).map(encodeURIComponent),
);

/** Query parameters of the read routes, valid names with hostile values, and unknown or repeated names. */
const QUERY_ROUTES = [
  '/v1/applications',
  '/v1/applications/{id}/history',
  '/v1/audit/events',
  '/v1/intake/{year}',
] as const;
const queryValue = fc.oneof(
  fc.constantFrom(
    '',
    '0',
    '-1',
    '1e9999',
    'NaN',
    '9007199254740993',
    '2024-02-30T00:00:00Z',
    '..%2F..',
    '%00',
    '%E0%A4%A',
    'received',
    'A'.repeat(5000),
  ),
  fc.string({ maxLength: 40 }).map(encodeURIComponent),
);
const hostileQuery = fc
  .array(
    fc.tuple(
      fc.constantFrom(
        'status',
        'intakeYear',
        'routing',
        'cursor',
        'limit',
        'asOf',
        'revision',
        'after',
        '__proto__',
        'constructor[prototype]',
        'x',
      ),
      queryValue,
    ),
    {
      maxLength: 4,
    },
  )
  .map((pairs) => pairs.map(([name, value]) => `${encodeURIComponent(name)}=${value}`).join('&'));

const hostileHeaders = fc.record(
  {
    'idempotency-key': fc.oneof(
      fc.string({ maxLength: 300 }).filter((s) => !/[\r\n]/.test(s)),
      fc.constant('k'.repeat(201)),
    ),
    'if-match': fc.oneof(
      fc.constant('"abc"'),
      fc.constant('"999999999999999999999"'),
      fc.string({ maxLength: 20 }).filter((s) => !/[\r\n]/.test(s)),
    ),
    'content-type': fc.constantFrom(
      'application/json',
      'text/plain',
      'application/xml',
      'multipart/form-data',
      'application/json; charset=latin1',
    ),
    'x-correlation-id': fc.string({ maxLength: 300 }).filter((s) => !/[\r\n]/.test(s)),
  },
  { requiredKeys: [] },
);

describe('hostile input never gets a 5xx and never appends (fast-check)', () => {
  let api: TestApp;
  let validId: string;
  let fuzzed = 0;
  let serverErrors = 0;
  beforeAll(async () => {
    api = await startTestApp();
    validId = (await api.post('/v1/applications', exampleSubmission())).body.id;
  });
  afterAll(async () => {
    console.log(
      `hostile input: ${fuzzed} requests fuzzed across ${ENDPOINTS.length} endpoints, ${serverErrors} responses ≥ 500`,
    );
    await api.close();
  });

  /** Sends one request and checks it: below 500, nothing appended when refused, no prototype polluted. Returns what went wrong, if anything. */
  async function request(
    endpoint: Endpoint,
    id: string,
    payload: Buffer | string | undefined,
    headers: Record<string, string>,
    query = '',
  ): Promise<string[]> {
    const as = endpoint.roles[0] ?? 'intake';
    const path = fill(endpoint.path, { id, extensionId: id, year: id, name: id });
    const url = query ? `${path}${path.includes('?') ? '&' : '?'}${query}` : path;
    const head = await api.store.headPosition();
    const response = await api.app.inject({
      method: endpoint.method,
      url,
      headers: { authorization: `Bearer ${KEYS[as]}`, 'content-type': 'application/json', ...headers },
      payload: endpoint.method === 'POST' ? payload : undefined,
    });
    fuzzed++;
    if (response.statusCode >= 500) serverErrors++;
    const problems: string[] = [];
    const where = `${endpoint.method} ${url.slice(0, 200)} → ${response.statusCode}`;
    if (response.statusCode >= 500) problems.push(`${where} ${response.body.slice(0, 300)}`);
    if (response.statusCode >= 400 && (await api.store.headPosition()) !== head)
      problems.push(`${where} appended events`);
    if (({} as Record<string, unknown>).polluted !== undefined || ({} as Record<string, unknown>).admin !== undefined)
      problems.push(`${where} polluted Object.prototype`);
    return problems;
  }

  const send = async (...args: Parameters<typeof request>) => expect(await request(...args)).toEqual([]);

  it('mutated submissions', async () => {
    await fc.assert(
      fc.asyncProperty(mutatedSubmission, hostileHeaders, async (body, headers) =>
        send(ENDPOINTS[0], validId, JSON.stringify(body), headers),
      ),
      { numRuns: 300 },
    );
  }, 60_000);

  /** Deeper than the generators above go: class-transformer recurses once per level and overflowed the stack (a 500) near 2,500. */
  it('bodies nested thousands deep, at every command endpoint', async () => {
    const commands = ENDPOINTS.filter((endpoint) => endpoint.method === 'POST');
    const problems: string[] = [];
    for (const depth of [2500, 5000, 20000]) {
      for (const endpoint of commands) {
        problems.push(
          ...(await request(endpoint, validId, `{"notes":${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}}`, {})),
        );
        problems.push(
          ...(await request(endpoint, validId, `{"reasons":${'['.repeat(depth)}${']'.repeat(depth)}}`, {})),
        );
      }
    }
    expect(problems).toEqual([]);
  }, 60_000);

  it('mutated valid bodies at every command endpoint', async () => {
    const commands = ENDPOINTS.filter(
      (endpoint): endpoint is Endpoint & { body: Record<string, unknown> } =>
        endpoint.method === 'POST' && isObject(endpoint.body),
    );
    const mutatedCommand = fc
      .constantFrom(...commands)
      .chain((endpoint) =>
        fc.tuple(
          fc.constant(endpoint),
          fc.constantFrom(...pathsOf(endpoint.body), '__proto__', 'constructor'),
          fc.constantFrom('delete', 'replace'),
          hostileValue,
        ),
      );
    await fc.assert(
      fc.asyncProperty(mutatedCommand, hostileHeaders, async ([endpoint, path, operation, value], headers) =>
        send(endpoint, validId, JSON.stringify(mutate(endpoint.body, path.split('.'), operation, value)), headers),
      ),
      { numRuns: 300 },
    );
  }, 60_000);

  it('hostile query strings on the read routes', async () => {
    const reads = ENDPOINTS.filter((endpoint) => (QUERY_ROUTES as readonly string[]).includes(endpoint.path));
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...reads),
        fc.oneof(fc.constant(validId), hostileId),
        hostileQuery,
        async (endpoint, id, query) => send(endpoint, id, undefined, {}, query),
      ),
      { numRuns: 300 },
    );
  }, 60_000);

  it('a path parameter of "." or "..", which the client removes, lands on another path: whatever it answers there (405 with Allow among others) is documented', async () => {
    for (const endpoint of ENDPOINTS.filter((each) => each.path.includes('{')))
      for (const id of ['.', '..']) await send(endpoint, id, '{}', {});
  });

  it('random bodies, raw bytes, headers and ids at every endpoint', async () => {
    const anyEndpoint = fc.constantFrom(...ENDPOINTS);
    const payload = fc.oneof(
      hostileValue.map((value) => JSON.stringify(value) ?? 'null'),
      rawPayload,
    );
    await fc.assert(
      fc.asyncProperty(
        anyEndpoint,
        fc.oneof(fc.constant(validId), hostileId),
        payload,
        hostileHeaders,
        async (endpoint, id, body, headers) => send(endpoint, id, body, headers),
      ),
      { numRuns: 900 },
    );
  }, 60_000);
});

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** Every dotted path of a body's objects, so a mutation can hit any member at any depth. */
function pathsOf(body: Record<string, unknown>, prefix = ''): string[] {
  return Object.entries(body).flatMap(([key, value]) => [
    `${prefix}${key}`,
    ...(isObject(value) ? pathsOf(value, `${prefix}${key}.`) : []),
  ]);
}

function mutate(
  target: Record<string, unknown>,
  path: string[],
  operation: string,
  value: unknown,
): Record<string, unknown> {
  const [head, ...rest] = path;
  const copy: Record<string, unknown> = { ...target };
  if (rest.length === 0) {
    if (operation === 'delete') delete copy[head];
    else Object.defineProperty(copy, head, { value, enumerable: true, writable: true, configurable: true });
    return copy;
  }
  const inner = copy[head];
  copy[head] = mutate(
    inner && typeof inner === 'object' ? (inner as Record<string, unknown>) : {},
    rest,
    operation,
    value,
  );
  return copy;
}
