import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { ManualClock } from '@app/application';
import { exampleSubmission, startTestApp, type TestApp } from './support/test-app';

const PROBLEM = 'application/problem+json';

describe('POST /v1/applications and GET /v1/applications/{id} (first slice, SQLite store)', () => {
  let api: TestApp;
  beforeAll(async () => {
    api = await startTestApp();
  });
  afterAll(async () => {
    await api.close();
  });

  describe('a valid principal submission', () => {
    it('answers 201 with the view, Location and ETag, and GET shows the same view', async () => {
      const created = await api.post('/v1/applications', exampleSubmission());
      expect(created.status).toBe(201);
      const id = created.body.id;
      expect(created.headers.location).toBe(`/v1/applications/${id}`);
      expect(created.headers.etag).toBe(`"${created.body.revision}"`);
      expect(created.body).toMatchObject({
        status: 'received',
        applicantType: 'principal',
        channel: 'online',
        form: 'IMM1295',
      });

      const read = await api.get(`/v1/applications/${id}`);
      expect(read.status).toBe(200);
      expect(read.headers.etag).toBe(created.headers.etag);
      expect(read.body).toEqual(created.body);
    });

    it('records the E2 and E6 screening findings as passed', async () => {
      const { body } = await api.post('/v1/applications', exampleSubmission());
      expect(finding(body, 'E2')).toMatchObject({ outcome: 'passed' });
      expect(finding(body, 'E6')).toMatchObject({ outcome: 'passed' });
    });

    it('C3 numbers a principal in its Eastern receipt year before answering', async () => {
      const { body } = await api.post('/v1/applications', exampleSubmission());
      expect(body.intake).toEqual({ year: 2024, number: expect.any(Number), withinCap: true });
      const ledger = await api.get('/v1/intake/2024', { as: 'officer' });
      expect(ledger.body).toMatchObject({ year: 2024, cap: 7350, counted: expect.any(Number), overCap: 0 });
    });

    it('F1 routes an IMM 1295 from outside Canada to a migration office', async () => {
      const { body } = await api.post('/v1/applications', exampleSubmission());
      expect(body.routing).toBe('migration-office');
    });

    it('F2 routes an IMM 5710 from Ontario to the Centralized Network', async () => {
      const { status, body } = await api.post('/v1/applications', inOntario());
      expect(status).toBe(201);
      expect(body.routing).toBe('centralized-network');
    });

    it('keeps the applicant’s personal data out of the view', async () => {
      const { text } = await api.post('/v1/applications', exampleSubmission());
      expect(text).not.toMatch(/Tremblay|Camille|19AB12345|1990-04-12/);
    });
  });

  describe('screening records failures without refusing the submission', () => {
    it('E2: residing in Quebec at receipt is a failed finding', async () => {
      const { status, body } = await api.post('/v1/applications', {
        ...inOntario(),
        residence: { country: 'CAN', province: 'QC' },
      });
      expect(status).toBe(201);
      expect(finding(body, 'E2')).toMatchObject({ outcome: 'failed' });
    });

    it('E6: an invitation letter dated 2025-01-16 is a failed finding', async () => {
      const { body } = await api.post(
        '/v1/applications',
        exampleSubmission({
          receivedAt: '2025-02-01T15:00:00Z',
          invitationLetter: { number: 'MIFI-1', issuedOn: '2025-01-16', receivedOn: '2025-01-20' },
        }),
      );
      expect(finding(body, 'E6')).toMatchObject({ outcome: 'failed' });
    });
  });

  describe('Idempotency-Key', () => {
    it('replays the original status and body for the same key and body, appending nothing', async () => {
      const headers = { 'idempotency-key': `submit-${randomUUID()}` };
      const first = await api.post('/v1/applications', exampleSubmission(), { headers });
      const head = await api.store.headPosition();
      const again = await api.post('/v1/applications', exampleSubmission(), { headers });
      expect(again.status).toBe(first.status);
      expect(again.body).toEqual(first.body);
      expect(again.headers.etag).toBe(first.headers.etag);
      expect(await api.store.headPosition()).toBe(head);
    });

    it('answers 409 idempotency-key-reused for the same key with another body', async () => {
      const headers = { 'idempotency-key': `submit-${randomUUID()}` };
      await api.post('/v1/applications', exampleSubmission(), { headers });
      const reused = await api.post('/v1/applications', inOntario(), { headers });
      expect(reused.status).toBe(409);
      expect(reused.body).toMatchObject({ code: 'idempotency-key-reused', status: 409 });
    });

    it('keeps keys across a restart: the replay after a restart appends nothing', async () => {
      const clock = new ManualClock('2024-12-10T15:30:00Z');
      const restarted = await startTestApp({ clock });
      const headers = { 'idempotency-key': `durable-${randomUUID()}` };
      const first = await restarted.post('/v1/applications', exampleSubmission(), { headers });
      await restarted.close({ keepData: true });
      const again = await startTestApp({ clock, dataDir: restarted.dataDir });
      const head = await again.store.headPosition();
      const replay = await again.post('/v1/applications', exampleSubmission(), { headers });
      expect(replay.status).toBe(201);
      expect(replay.body).toEqual(first.body);
      expect(await again.store.headPosition()).toBe(head);
      await again.close();
      rmSync(restarted.dataDir, { recursive: true, force: true });
    });

    it('scopes keys to the principal', async () => {
      const headers = { 'idempotency-key': `shared-${randomUUID()}` };
      const mine = await api.post('/v1/applications', exampleSubmission(), { headers });
      const theirs = await api.post('/v1/applications', exampleSubmission(), { headers, as: 'otherIntake' });
      expect(theirs.status).toBe(201);
      expect(theirs.headers['idempotent-replayed']).toBeUndefined();
      expect(theirs.body.id).not.toBe(mine.body.id);
    });

    it('sends a keyed answer and its replay as the same bytes, as Fastify serialises an object', async () => {
      const headers = { 'idempotency-key': `bytes-${randomUUID()}` };
      const first = await api.post('/v1/applications', exampleSubmission(), { headers });
      const replay = await api.post('/v1/applications', exampleSubmission(), { headers });
      expect(first.status).toBe(201);
      expect(first.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(first.text).toBe(JSON.stringify(first.body));
      expect(first.headers['content-length']).toBe(String(Buffer.byteLength(first.text)));
      expect(replay.headers['idempotent-replayed']).toBe('true');
      expect(replay.status).toBe(201);
      expect(replay.text).toBe(first.text);
      expect(replay.headers['content-type']).toBe(first.headers['content-type']);
      expect([replay.headers.etag, replay.headers.location]).toEqual([first.headers.etag, first.headers.location]);
      const read = await api.get(String(first.headers.location));
      expect([read.status, read.headers.etag]).toEqual([200, first.headers.etag]);
      expect(read.body).toEqual(first.body);
    });

    it('refuses a key over 200 characters, naming the header', async () => {
      const response = await api.post('/v1/applications', exampleSubmission(), {
        headers: { 'idempotency-key': 'k'.repeat(201) },
      });
      expect(response.status).toBe(400);
      expect(response.body.errors).toEqual([expect.objectContaining({ field: 'Idempotency-Key' })]);
    });
  });

  describe('bad input is a 400/413 problem naming every offending field, and nothing is appended', () => {
    let head: number;
    beforeEach(async () => {
      head = await api.store.headPosition();
    });
    afterEach(async () => {
      expect(await api.store.headPosition()).toBe(head);
    });

    it('malformed JSON', async () => {
      const response = await api.request('POST', '/v1/applications', { rawBody: '{"applicantType": "principal",' });
      expect(response.status).toBe(400);
      expect(response.headers['content-type']).toContain(PROBLEM);
    });

    it('wrong types, unknown form and channel values, missing required fields', async () => {
      const { applicant: _missing, ...withoutApplicant } = exampleSubmission();
      const response = await api.post('/v1/applications', {
        ...withoutApplicant,
        form: 'IMM9999',
        channel: 'fax',
        portOfEntry: 'no',
      });
      expect(response.status).toBe(400);
      expect(response.headers['content-type']).toContain(PROBLEM);
      const fields = response.body.errors.map((error: { field: string }) => error.field);
      expect(fields).toEqual(expect.arrayContaining(['form', 'channel', 'portOfEntry', 'applicant']));
    });

    it('a receivedAt in the future', async () => {
      const response = await api.post('/v1/applications', exampleSubmission({ receivedAt: '2999-01-01T00:00:00Z' }));
      expect(response.status).toBe(400);
      expect(response.body.errors).toEqual([expect.objectContaining({ field: 'receivedAt' })]);
    });

    it('a body over the size limit', async () => {
      const response = await api.post('/v1/applications', exampleSubmission({ jobTitle: 'x'.repeat(1_100_000) }));
      expect(response.status).toBe(413);
      expect(response.headers['content-type']).toContain(PROBLEM);
    });
  });

  describe('authentication and roles', () => {
    it('401 without a key and with an unknown key', async () => {
      expect((await api.post('/v1/applications', exampleSubmission(), { as: null })).status).toBe(401);
      const unknown = await api.post('/v1/applications', exampleSubmission(), {
        as: null,
        headers: { authorization: 'Bearer not-a-real-key-123456' },
      });
      expect(unknown.status).toBe(401);
      expect(unknown.headers['content-type']).toContain(PROBLEM);
    });

    it('403 when an officer or an auditor tries to submit', async () => {
      expect((await api.post('/v1/applications', exampleSubmission(), { as: 'officer' })).status).toBe(403);
      expect((await api.post('/v1/applications', exampleSubmission(), { as: 'auditor' })).status).toBe(403);
    });

    it('lets intake, officers and auditors read an application', async () => {
      const { body } = await api.post('/v1/applications', exampleSubmission());
      for (const as of ['intake', 'officer', 'auditor'] as const) {
        expect((await api.get(`/v1/applications/${body.id}`, { as })).status).toBe(200);
      }
      expect((await api.get(`/v1/applications/${body.id}`, { as: 'admin' })).status).toBe(403);
    });

    it('records the caller as the actor of the events', async () => {
      const { body } = await api.post('/v1/applications', exampleSubmission(), { headers: { 'x-actor': 'mallory' } });
      const events = await api.store.readStream(`application-${body.id}`);
      const actorOf = (commandType: string) =>
        events.filter((e) => e.metadata.commandType === commandType).map((e) => e.metadata.actor);
      expect(actorOf('SubmitApplication')).toEqual([{ id: 'test-intake', role: 'intake' }]);
      expect(actorOf('AssignIntakeNumber')).toEqual([{ id: 'intake-numbering', role: 'system' }]);
    });
  });

  describe('reads', () => {
    it('404 for an unknown application, 400 for an id that is not a UUID', async () => {
      const unknown = await api.get(`/v1/applications/${randomUUID()}`);
      expect(unknown.status).toBe(404);
      expect(unknown.body).toMatchObject({ code: 'APPLICATION_NOT_FOUND' });
      const invalid = await api.get('/v1/applications/..%2F..%2Fetc%2Fpasswd');
      expect(invalid.status).toBe(400);
      expect(invalid.body.errors).toEqual([expect.objectContaining({ field: 'id' })]);
    });

    it('serves /health and the OpenAPI document', async () => {
      const health = await api.get('/health', { as: null });
      expect(health.status).toBe(200);
      expect(health.body).toEqual({ status: 'ok', parkedEvents: 0 }); // details are an admin's
      expect((await api.get('/health', { as: 'admin' })).body).toMatchObject({
        status: 'ok',
        store: { status: 'up', kind: 'sqlite' },
      });
      const docs = await api.get('/docs-json', { as: null });
      expect(docs.status).toBe(200);
      expect(Object.keys(docs.body.paths)).toEqual(
        expect.arrayContaining(['/v1/applications', '/v1/applications/{id}']),
      );
    });
  });
});

const finding = (view: { screening: { rule: string }[] }, rule: string) => view.screening.find((f) => f.rule === rule);

const inOntario = () =>
  exampleSubmission({
    form: 'IMM5710',
    residence: { country: 'CAN', province: 'ON' },
    inCanadaStatus: { kind: 'worker', validTo: '2025-06-30' },
    documents: ['csq', 'invitation-letter', 'intent-to-reside', 'proof-of-residence'],
  });
