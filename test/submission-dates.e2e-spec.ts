import { randomUUID } from 'node:crypto';
import { ManualClock } from '@app/application';
import { exampleSubmission, startTestApp, type TestApp } from './support/test-app';

const PROBLEM = 'application/problem+json';

/** A CSQ and a letter dated before the program's first day, so a receipt on that day is possible (T1). */
const OPENING_DAY_DOCUMENTS = {
  csq: { number: 'CSQ-2022-000101', issuedOn: '2022-03-01', category: 'regular-skilled-worker' },
  invitationLetter: { number: 'MIFI-A76-2022-0001', issuedOn: '2022-05-24', receivedOn: '2022-05-24' },
};

const withApplicant = (fields: Record<string, unknown>) => ({
  applicant: { ...(exampleSubmission().applicant as object), ...fields },
});

describe('P3 and T1 impossible submission dates over HTTP (SQLite store)', () => {
  let api: TestApp;
  beforeAll(async () => {
    api = await startTestApp({ clock: new ManualClock('2024-12-10T15:30:00Z') });
  });
  afterAll(async () => {
    await api.close();
  });

  describe('are refused with a 422 problem naming the rule, and nothing is stored', () => {
    let head: number;
    beforeEach(async () => {
      head = await api.store.headPosition();
    });
    afterEach(async () => {
      expect(await api.store.headPosition()).toBe(head);
      const audit = await api.get(`/v1/audit/events?after=${head}`, { as: 'auditor' });
      expect(audit.status).toBe(200);
      expect(audit.body.events).toEqual([]);
    });

    it.each(['2022-01-01T03:00:00Z', '1970-01-01T00:00:00Z', '2022-05-24T03:00:00Z'])(
      'P3: a receipt at %s, before 2022-05-24 Eastern',
      async (receivedAt) => {
        const applicationId = randomUUID();
        const response = await api.post(
          '/v1/applications',
          exampleSubmission({ applicationId, receivedAt, ...OPENING_DAY_DOCUMENTS }),
        );
        expect(response.status).toBe(422);
        expect(response.headers['content-type']).toContain(PROBLEM);
        expect(response.body).toMatchObject({
          status: 422,
          code: 'P3_BEFORE_PROGRAM',
          detail: expect.stringContaining('2022-05-24'),
        });
        const read = await api.get(`/v1/applications/${applicationId}`);
        expect(read.status).toBe(404);
        expect(read.body).toMatchObject({ code: 'APPLICATION_NOT_FOUND' });
      },
    );

    it('T1: a date of birth in the future, named by its field and not quoted', async () => {
      const applicationId = randomUUID();
      const response = await api.post(
        '/v1/applications',
        exampleSubmission({ applicationId, ...withApplicant({ dateOfBirth: '2090-01-01' }) }),
      );
      expect(response.status).toBe(422);
      expect(response.headers['content-type']).toContain(PROBLEM);
      expect(response.body).toMatchObject({
        code: 'T1_DATE_OF_BIRTH_IMPOSSIBLE',
        detail: expect.stringContaining('applicant.dateOfBirth'),
      });
      expect(response.text).not.toContain('2090-01-01');
      expect((await api.get(`/v1/applications/${applicationId}`)).status).toBe(404);
    });

    it('T1: a CSQ issued after the receipt date', async () => {
      const csq = { ...(exampleSubmission().csq as object), issuedOn: '2099-01-01' };
      const response = await api.post('/v1/applications', exampleSubmission({ csq }));
      expect(response.status).toBe(422);
      expect(response.body).toMatchObject({
        code: 'T1_DATE_AFTER_RECEIPT',
        detail: 'csq.issuedOn 2099-01-01 is after the receipt date 2024-12-10',
      });
    });
  });

  describe('a possible submission is still received', () => {
    it('answers 201 for the README example received in 2024', async () => {
      const { status, body } = await api.post('/v1/applications', exampleSubmission());
      expect(status).toBe(201);
      expect(body).toMatchObject({
        status: 'received',
        receivedAt: '2024-12-10T15:00:00.000Z',
        intake: { year: 2024, withinCap: true },
      });
    });

    it('P3: answers 201 at 00:00 Eastern on 2022-05-24, the opening day, numbered in 2022', async () => {
      const { status, body } = await api.post(
        '/v1/applications',
        exampleSubmission({ receivedAt: '2022-05-24T04:00:00Z', ...OPENING_DAY_DOCUMENTS }),
      );
      expect(status).toBe(201);
      expect(body.intake).toEqual({ year: 2022, number: 1, withinCap: true });
    });
  });
});
