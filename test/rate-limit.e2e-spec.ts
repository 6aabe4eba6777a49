import { exampleSubmission, startTestApp, type TestApp } from './support/test-app';

const PROBLEM = 'application/problem+json';

/** Requests sent together, so that they all fall inside one window even on a loaded machine. */
const burst = (count: number, send: () => Promise<{ status: number }>) =>
  Promise.all(Array.from({ length: count }, send));
const statuses = (responses: readonly { status: number }[]) => responses.map((response) => response.status).sort();
const pastTheBurstWindow = () => new Promise((resolve) => setTimeout(resolve, 1100));

describe('rate limits per principal (sustained: 5 per minute)', () => {
  let api: TestApp;
  beforeAll(async () => {
    api = await startTestApp({ env: { RATE_LIMIT_PER_MINUTE: '5', RATE_LIMIT_BURST: '5' } });
  });
  afterAll(async () => {
    await api.close();
  });

  it('answers the request over the per-minute limit 429 problem+json with Retry-After in seconds', async () => {
    const allowed = await burst(5, () => api.get('/v1/intake/2024', { as: 'officer' }));
    expect(statuses(allowed)).toEqual([200, 200, 200, 200, 200]);
    await pastTheBurstWindow();

    const refused = await api.get('/v1/intake/2024', { as: 'officer' });
    expect(refused.status).toBe(429);
    expect(refused.headers['content-type']).toContain(PROBLEM);
    expect(refused.body).toMatchObject({
      type: 'urn:impplus:problem:rate-limited',
      title: 'Too Many Requests',
      status: 429,
      code: 'RATE_LIMITED',
      detail: expect.stringMatching(/More than 5 requests in 60 s from principal test-officer/),
    });
    const retryAfter = Number(refused.headers['retry-after']);
    expect(Number.isInteger(retryAfter)).toBe(true);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(refused.headers).not.toHaveProperty('x-ratelimit-limit-per-minute');
  });

  it('counts one budget per principal across routes: a throttled principal cannot submit, and nothing is appended', async () => {
    const head = await api.store.headPosition();
    const submitted = await api.post('/v1/applications', exampleSubmission(), {
      as: 'intake',
      headers: { 'idempotency-key': 'first' },
    });
    expect(submitted.status).toBe(201);
    await burst(4, () => api.get(`/v1/applications/${submitted.body.id}`, { as: 'intake' }));
    await pastTheBurstWindow();
    const headAfterSubmission = await api.store.headPosition();
    expect(headAfterSubmission).toBeGreaterThan(head);

    const throttled = await api.post('/v1/applications', exampleSubmission(), {
      as: 'intake',
      headers: { 'idempotency-key': 'second' },
    });
    expect(throttled.status).toBe(429);
    expect(await api.store.headPosition()).toBe(headAfterSubmission);
  });

  it('does not let one throttled principal affect another calling from the same address', async () => {
    expect((await api.get('/v1/intake/2024', { as: 'officer' })).status).toBe(429);
    expect(
      statuses(await burst(5, () => api.post('/v1/applications', exampleSubmission(), { as: 'otherIntake' }))),
    ).toEqual(Array(5).fill(201));
  });

  it('counts requests without a valid key against the client address, before authentication, apart from every principal', async () => {
    const anonymous = await burst(5, () =>
      api.get('/v1/intake/2024', { as: null, headers: { authorization: 'Bearer not-a-known-key-000000' } }),
    );
    expect(statuses(anonymous)).toEqual([401, 401, 401, 401, 401]);
    const guessing = await api.get('/v1/intake/2024', { as: null });
    expect(guessing.status).toBe(429);
    expect(guessing.body.detail).toMatch(/client address .* \(no valid API key\)/);
    expect((await api.get('/v1/applications?limit=1', { as: 'admin' })).status).toBe(403);
  });

  it('never limits the probes /health, /health/live and /metrics', async () => {
    for (const path of ['/health', '/health/live', '/metrics']) {
      expect(statuses(await burst(8, () => api.get(path, { as: null })))).toEqual(Array(8).fill(200));
    }
  });
});

describe('rate limits per principal (burst: 3 per second)', () => {
  let api: TestApp;
  beforeAll(async () => {
    api = await startTestApp({ env: { RATE_LIMIT_PER_MINUTE: '1000', RATE_LIMIT_BURST: '3' } });
  });
  afterAll(async () => {
    await api.close();
  });

  it('refuses the fourth request within a second with Retry-After: 1, and serves the caller again once it has waited', async () => {
    const responses = await burst(4, () => api.get('/v1/intake/2024', { as: 'officer' }));
    expect(statuses(responses)).toEqual([200, 200, 200, 429]);
    const refused = responses.find((response) => response.status === 429) as Awaited<ReturnType<TestApp['get']>>;
    expect(refused.headers['retry-after']).toBe('1');
    expect(refused.body.detail).toMatch(/More than 3 requests in 1 s/);

    await pastTheBurstWindow();
    expect((await api.get('/v1/intake/2024', { as: 'officer' })).status).toBe(200);
  });
});
