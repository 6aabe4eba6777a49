import { ContractViolation } from './support/contract/contract-guard';
import type { OpenApiDocument } from './support/contract/openapi-document';
import { ResponseContract, type ObservedResponse } from './support/contract/response-contract';
import { exampleSubmission, startTestApp, type TestApp } from './support/test-app';

/** The response validation every e2e request goes through (test/support/contract), held to what it must catch. */
describe('every e2e response is checked against the served OpenAPI document', () => {
  let api: TestApp;
  let contract: ResponseContract;
  let submitted: ObservedResponse;

  beforeAll(async () => {
    api = await startTestApp();
    contract = new ResponseContract((await api.get('/docs-json', { as: null })).body as OpenApiDocument);
    const response = await api.post('/v1/applications', exampleSubmission());
    expect(response.status).toBe(201);
    submitted = { method: 'POST', url: '/v1/applications', ...response };
  });
  afterAll(async () => {
    await api.close();
  });

  const withBody = (body: unknown): ObservedResponse => ({ ...submitted, text: JSON.stringify(body) });

  it('accepts a submission as served: status, ETag, Location and the ApplicationView', () => {
    expect(contract.violationsOf(submitted)).toEqual([]);
  });

  it('refuses a status the operation does not document', () => {
    const violations = contract.violationsOf({ ...submitted, status: 418 });
    expect(violations).toEqual([expect.stringMatching(/^status 418 is not documented \(documented: 201, 400, /)]);
  });

  it('refuses a missing required header, and a contract header the status does not document', () => {
    const { etag: _etag, ...withoutEtag } = submitted.headers;
    expect(contract.violationsOf({ ...submitted, headers: withoutEtag })).toEqual(['required header ETag is missing']);
    const list: ObservedResponse = {
      method: 'GET',
      url: '/v1/audit/events',
      status: 200,
      headers: { 'content-type': 'application/json', etag: '"3"' },
      text: JSON.stringify({ events: [], nextAfter: '0' }),
    };
    expect(contract.violationsOf(list)).toContain('header etag is sent but not documented for this status');
  });

  it('refuses a header value its schema does not allow (a weak ETag)', () => {
    const weak = contract.violationsOf({ ...submitted, headers: { ...submitted.headers, etag: 'W/"2"' } });
    expect(weak.join('\n')).toMatch(/header ETag does not match .*\n.*must match pattern/);
  });

  it('names the path of each schema error in the body: dueBy is a date, an instant ends in Z, no unknown status', () => {
    const view = JSON.parse(submitted.text) as Record<string, unknown>;
    const letter = { issuedAt: '2024-12-03T14:03:00Z', dueBy: '2025-01-02T14:03:00Z', cancelledAt: null };
    const violations = contract.violationsOf(
      withBody({
        ...view,
        receivedAt: '2024-12-02T14:03:00+01:00',
        status: 'lost',
        biometrics: { ...(view.biometrics as object), letter },
      }),
    );
    const text = violations.join('\n');
    expect(text).toContain('/receivedAt must match pattern');
    expect(text).toContain('/status must be equal to one of the allowed values');
    expect(text).toContain('/biometrics/letter/dueBy must match format "date"');
  });

  it('refuses a member the schema does not list, at any depth', () => {
    const view = JSON.parse(submitted.text) as { fees: object };
    const text = contract.violationsOf(withBody({ ...view, fees: { ...view.fees, waived: 0 }, score: 3 })).join('\n');
    expect(text).toContain('(root) must NOT have additional properties {"additionalProperty":"score"}');
    expect(text).toContain('/fees must NOT have additional properties {"additionalProperty":"waived"}');
  });

  it('refuses a media type the status does not document', () => {
    const csv = { ...submitted, headers: { ...submitted.headers, 'content-type': 'text/csv' } };
    expect(contract.violationsOf(csv)).toEqual([expect.stringMatching(/^content-type text\/csv is not documented/)]);
  });

  it('lets only a problem answer a path or method the document does not list (HEAD is the GET without its body)', () => {
    const problem = { type: 'urn:impplus:problem:http-404', title: 'Not Found', status: 404, detail: 'No route' };
    const unrouted = (status: number, text: string, contentType: string): ObservedResponse => ({
      method: 'GET',
      url: '/v1/nowhere',
      status,
      headers: { 'content-type': contentType },
      text,
    });
    expect(contract.violationsOf(unrouted(404, JSON.stringify(problem), 'application/problem+json'))).toEqual([]);
    expect(contract.violationsOf(unrouted(200, '<html></html>', 'text/html'))).toEqual([
      'no documented path, yet it answered 200',
    ]);
    const head = { ...unrouted(200, '', 'application/json'), method: 'HEAD', url: '/health/live' };
    expect(contract.violationsOf(head)).toEqual(['required header X-Request-Id is missing']);
    const requestId = { 'x-request-id': '0b6f3c52-3f4e-4a51-9d0e-6a8f2b1c7d90' };
    expect(contract.violationsOf({ ...head, headers: { ...head.headers, ...requestId } })).toEqual([]);
    const put = { ...unrouted(405, JSON.stringify({ ...problem, status: 405 }), 'application/problem+json') };
    expect(contract.violationsOf({ ...put, method: 'PUT', url: '/v1/applications' })).toEqual(['405 without Allow']);
  });

  it('fails the request itself, naming route, status and errors, through every way a test reaches the app', async () => {
    const planted = jest.spyOn(ResponseContract.prototype, 'violationsOf').mockReturnValue(['a planted violation']);
    try {
      await expect(api.get('/v1/applications/unknown', { as: 'officer' })).rejects.toThrow(ContractViolation);
      const direct = api.app.inject({ method: 'GET', url: '/health/live' });
      await expect(direct).rejects.toThrow(
        /GET \/health\/live \(\/health\/live\) answered 200, which the served OpenAPI document does not describe:\n {2}- a planted violation/,
      );
      const outside = await api.get('/health/live', { outsideContract: 'shows the opt-out' });
      expect(outside.status).toBe(200);
    } finally {
      planted.mockRestore();
    }
  });
});
