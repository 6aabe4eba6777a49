import { connect, type AddressInfo } from 'node:net';
import { KEYS, exampleSubmission, startTestApp, type TestApp } from './support/test-app';

const PROBLEM = 'application/problem+json';

/** Writes one raw request on a new connection and resolves with everything the server wrote until it closed. */
function rawRequest(port: number, sent: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(sent));
    let text = '';
    socket.on('data', (chunk) => (text += chunk.toString('utf8')));
    socket.on('error', (error: NodeJS.ErrnoException) => (error.code === 'ECONNRESET' ? undefined : reject(error)));
    socket.on('close', () => resolve(text));
  });
}

const statusLine = (answer: string) => answer.slice(0, answer.indexOf('\r\n'));
const bodyOf = (answer: string) => JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4));

describe('HTTP contract faults (issue 13)', () => {
  let api: TestApp;
  beforeAll(async () => {
    api = await startTestApp();
  });
  afterAll(async () => {
    await api.close();
  });

  describe('If-Match compares entity tags strongly (RFC 9110 §13.1.1)', () => {
    let id: string;
    let etag: string;
    beforeEach(async () => {
      const submitted = await api.post('/v1/applications', exampleSubmission());
      id = submitted.body.id;
      etag = String(submitted.headers.etag);
    });

    it.each([
      ['the weak form of the current ETag', (tag: string) => `W/${tag}`],
      ['a well-formed tag that is no revision', () => '"abc"'],
      ['a list of weak tags only', (tag: string) => `W/${tag}, W/"0"`],
    ])('answers %s 412 and appends nothing', async (_, ifMatch) => {
      const head = await api.store.headPosition();
      const response = await api.post(
        `/v1/applications/${id}/withdrawal`,
        {},
        { headers: { 'if-match': ifMatch(etag) } },
      );
      expect(response.status).toBe(412);
      expect(response.headers['content-type']).toContain(PROBLEM);
      expect(await api.store.headPosition()).toBe(head);
    });

    it.each([['7'], ['"1'], ['W/'], ['"a b"'], ['*, "1"']])(
      'answers the malformed If-Match %s 400 naming the header',
      async (ifMatch) => {
        const head = await api.store.headPosition();
        const response = await api.post(`/v1/applications/${id}/withdrawal`, {}, { headers: { 'if-match': ifMatch } });
        expect(response.status).toBe(400);
        expect(response.body.errors).toEqual([expect.objectContaining({ field: 'If-Match' })]);
        expect(await api.store.headPosition()).toBe(head);
      },
    );

    it('accepts the current strong ETag, alone or among weak ones, and * for an application that exists', async () => {
      expect(
        (await api.post(`/v1/applications/${id}/withdrawal`, {}, { headers: { 'if-match': `W/"9", ${etag}` } })).status,
      ).toBe(201);
      const other = (await api.post('/v1/applications', exampleSubmission())).body.id;
      expect(
        (await api.post(`/v1/applications/${other}/withdrawal`, {}, { headers: { 'if-match': '*' } })).status,
      ).toBe(201);
    });
  });

  describe('wrong method on a known path', () => {
    it.each([
      ['GET', '/v1/applications/{id}/approval', 'POST'],
      ['DELETE', '/v1/applications/{id}', 'GET, HEAD'],
      ['PUT', '/v1/applications', 'GET, HEAD, POST'],
    ])('answers %s %s 405 problem+json with Allow: %s', async (method, path, allow) => {
      const url = path.replace('{id}', '3f0c8a8e-6a7b-4c2d-9e1f-0a1b2c3d4e5f');
      const response = await api.app.inject({
        method: method as 'GET',
        url,
        headers: { authorization: `Bearer ${KEYS.officer}` },
      });
      expect(response.statusCode).toBe(405);
      expect(response.headers.allow).toBe(allow);
      expect(response.headers['content-type']).toContain(PROBLEM);
      expect(response.json()).toMatchObject({ status: 405, title: 'Method Not Allowed' });
    });

    it('still answers an unknown path 404', async () => {
      expect((await api.get('/v1/nothing-here')).status).toBe(404);
    });
  });

  describe('URLs the router refuses', () => {
    it('answers a path parameter over the length limit 414 problem+json without echoing the URL', async () => {
      const response = await api.get(`/v1/applications/${'a'.repeat(300)}`);
      expect(response.status).toBe(414);
      expect(response.headers['content-type']).toContain(PROBLEM);
      expect(response.body).toMatchObject({ status: 414, title: 'URI Too Long' });
      expect(response.text).not.toContain('aaaaaaaaaa');
    });

    it('answers a URL longer than 8 KiB 414 problem+json', async () => {
      const response = await api.get(`/v1/applications?cursor=${'c'.repeat(9000)}`, { as: 'officer' });
      expect(response.status).toBe(414);
      expect(response.headers['content-type']).toContain(PROBLEM);
    });

    it('answers a malformed percent-encoding 400 problem+json without echoing the URL', async () => {
      const response = await api.get('/v1/applications/%E0%A4%A');
      expect(response.status).toBe(400);
      expect(response.headers['content-type']).toContain(PROBLEM);
      expect(response.body.errors).toEqual([{ field: 'path', message: expect.any(String) }]);
      expect(response.text).not.toContain('%E0');
    });
  });

  describe('requests too large for the HTTP parser (a real socket)', () => {
    let port: number;
    beforeAll(async () => {
      await api.app.listen({ port: 0, host: '127.0.0.1' });
      port = (api.app.getHttpServer().address() as AddressInfo).port;
    });

    it('answers headers over 16 KiB 431 problem+json', async () => {
      const answer = await rawRequest(
        port,
        `GET /v1/intake/2024 HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ${'b'.repeat(20_000)}\r\n\r\n`,
      );
      expect(statusLine(answer)).toBe('HTTP/1.1 431 Request Header Fields Too Large');
      expect(answer).toContain(`Content-Type: ${PROBLEM}`);
      expect(bodyOf(answer)).toMatchObject({ status: 431 });
    });

    it('answers a request line over 16 KiB 414 problem+json, not 431', async () => {
      const answer = await rawRequest(
        port,
        `GET /v1/applications?cursor=${'c'.repeat(20_000)} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`,
      );
      expect(statusLine(answer)).toBe('HTTP/1.1 414 URI Too Long');
      expect(bodyOf(answer)).toMatchObject({ status: 414 });
      expect(answer).not.toContain('cccccccccc');
    });
  });
});
