import { randomUUID } from 'node:crypto';
import { ENDPOINTS, fill } from './support/endpoints';
import { exampleSubmission, startTestApp, type KeyRole, type TestApp } from './support/test-app';

const ROLES: readonly KeyRole[] = ['intake', 'officer', 'auditor', 'admin'];

describe('authorization: every role × every endpoint of API.md', () => {
  let api: TestApp;
  let values: Record<string, string>;
  beforeAll(async () => {
    api = await startTestApp();
    const { body } = await api.post('/v1/applications', exampleSubmission());
    values = { id: body.id, extensionId: randomUUID(), year: '2024', name: 'case-view' };
  });
  afterAll(async () => {
    await api.close();
  });

  const cases = ENDPOINTS.flatMap((endpoint) =>
    [null, 'unknown' as const, ...ROLES].map((role) => ({ endpoint, role })),
  );

  it.each(cases)('$endpoint.method $endpoint.path as $role', async ({ endpoint, role }) => {
    const url = fill(endpoint.path, values);
    const body = endpoint.path === '/v1/applications' ? exampleSubmission() : endpoint.body;
    const headers: Record<string, string> =
      role === 'unknown' ? { authorization: 'Bearer an-unknown-key-0000000000' } : {};
    const head = await api.store.headPosition();
    const response = await api.request(endpoint.method, url, { as: role === 'unknown' ? null : role, body, headers });

    if (endpoint.roles.length === 0) expect(response.status).toBe(200);
    else if (role === null || role === 'unknown') expect(response.status).toBe(401);
    else if (!endpoint.roles.includes(role)) expect(response.status).toBe(403);
    else expect([401, 403]).not.toContain(response.status);
    expect(response.status).toBeLessThan(500);
    if (response.status === 401 || response.status === 403) {
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(await api.store.headPosition()).toBe(head);
    }
  });

  it('covers every route the server documents', async () => {
    const document = (await api.get('/docs-json', { as: null })).body as {
      paths: Record<string, Record<string, unknown>>;
    };
    const documented = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`),
    );
    const covered = new Set(ENDPOINTS.map((e) => `${e.method} ${e.path.split('?')[0]}`));
    expect(documented.filter((route) => !covered.has(route))).toEqual([]);
  });
});
