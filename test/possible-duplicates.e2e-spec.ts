import { distinctPrincipal } from './support/processes';
import { startTestApp, type TestApp } from './support/test-app';

describe('C6 possible duplicates over HTTP (SQLite store)', () => {
  let api: TestApp;
  beforeAll(async () => {
    api = await startTestApp();
  });
  afterAll(async () => {
    await api.close();
  });

  it('C6 flags a second application with the same passport as a possible duplicate of the first, and both count', async () => {
    const person = distinctPrincipal();
    const first = await api.post('/v1/applications', person);
    const second = await api.post('/v1/applications', distinctPrincipal({ applicant: person.applicant }));
    expect(second.body).toMatchObject({ possibleDuplicateOf: first.body.id, intake: { withinCap: true } });
    expect((await api.get(`/v1/applications/${first.body.id}`)).body).toMatchObject({
      possibleDuplicateOf: null,
      intake: { withinCap: true },
    });
  });
});
