import { KEYS, exampleSubmission, startTestApp, type TestApp, type TestRequest } from './support/test-app';
import { fieldsOf, refusedWithNothingStored } from './support/refusals';

describe('input guards: media types, absent bodies and query strings (issue 13)', () => {
  let api: TestApp;
  let id: string;
  beforeAll(async () => {
    api = await startTestApp();
    id = (await api.post('/v1/applications', exampleSubmission())).body.id;
  });
  afterAll(async () => {
    await api.close();
  });

  const refused = (url: string, request: TestRequest, status: number) =>
    refusedWithNothingStored(api, url, request, status);

  describe('media types and absent bodies', () => {
    it('answers a form-encoded body 415 without echoing it', async () => {
      const rawBody = JSON.stringify(exampleSubmission());
      const response = await refused(
        '/v1/applications',
        { rawBody, headers: { 'content-type': 'application/x-www-form-urlencoded' } },
        415,
      );
      expect(response.text).not.toMatch(/Tremblay|19AB12345/);
    });

    it.each([['text/plain'], ['application/xml'], ['application/json; charset=latin1']])(
      'answers %s 415',
      async (type) => {
        await refused(`/v1/applications/${id}/withdrawal`, { rawBody: '{}', headers: { 'content-type': type } }, 415);
      },
    );

    it('answers a body without a Content-Type 415', async () => {
      const head = await api.store.headPosition();
      const response = await api.app.inject({
        method: 'POST',
        url: `/v1/applications/${id}/withdrawal`,
        headers: { authorization: `Bearer ${KEYS.intake}` },
        payload: Buffer.from('{}'),
      });
      expect(response.statusCode).toBe(415);
      expect(await api.store.headPosition()).toBe(head);
    });

    it.each([['null'], ['[]'], ['"withdraw"'], ['42']])(
      'refuses a %s body where an object is required with a 400, appending nothing',
      async (rawBody) => {
        const response = await refused(`/v1/applications/${id}/withdrawal`, { rawBody }, 400);
        expect(fieldsOf(response)).toEqual(['']);
      },
    );

    it('reads an absent body as {}: a route whose fields are all optional accepts it, another names its required fields', async () => {
      const required = await refused(`/v1/applications/${id}/approval`, { as: 'officer' }, 400);
      expect(fieldsOf(required)).toEqual(['notes']);
      const other = (await api.post('/v1/applications', exampleSubmission())).body.id;
      expect((await api.request('POST', `/v1/applications/${other}/withdrawal`)).status).toBe(201);
    });

    it('refuses bytes that are not UTF-8 with a 400', async () => {
      const head = await api.store.headPosition();
      const response = await api.app.inject({
        method: 'POST',
        url: `/v1/applications/${id}/withdrawal`,
        headers: { authorization: `Bearer ${KEYS.intake}`, 'content-type': 'application/json' },
        payload: Buffer.from([
          0x7b, 0x22, 0x72, 0x65, 0x61, 0x73, 0x6f, 0x6e, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0x22, 0x7d,
        ]),
      });
      expect(response.statusCode).toBe(400);
      expect(await api.store.headPosition()).toBe(head);
    });
  });

  describe('query strings', () => {
    it.each([
      ['toString=1', 'toString'],
      ['constructor=1', 'constructor'],
    ])('refuses ?%s as an unknown parameter', async (query, name) => {
      const response = await api.get(`/v1/applications?${query}`, { as: 'officer' });
      expect(response.status).toBe(400);
      expect(fieldsOf(response)).toEqual([name]);
    });

    it('refuses a control character in a query value, naming the parameter', async () => {
      const response = await api.get('/v1/applications?cursor=%1B%5B2J', { as: 'officer' });
      expect(response.status).toBe(400);
      expect(fieldsOf(response)).toEqual(['cursor']);
    });
  });
});
