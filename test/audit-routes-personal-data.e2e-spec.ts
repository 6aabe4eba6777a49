import { ManualClock, isAccessLogStream } from '@app/application';
import { REDACTED, personalValuesIn } from '@app/personal-data';
import { PERSONAL_DATA } from './support/audit-cli';
import { exampleSubmission, startTestApp, type TestApp } from './support/test-app';

type AuditorEvent = Readonly<{
  streamName: string;
  position: number;
  type: string;
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
}>;

const PR_NUMBER = 'E001234567';
const SECOND_PASSPORT = '20CD99887';
/** Every identifying value the two cases below carry (docs/privacy.md), one per entry of PERSONAL_DATA_FIELDS and the C6 key. */
const PLANTED = [...PERSONAL_DATA, SECOND_PASSPORT, 'CSQ2023004211', PR_NUMBER];

describe('the auditors’ event routes redact personal data unless personalData=include', () => {
  const clock = new ManualClock('2024-12-10T15:30:00Z');
  let api: TestApp;
  let principal: string;
  let duplicate: string;
  const auditor = (url: string) => api.get(url, { as: 'auditor' });
  const eventsOf = async (url: string): Promise<AuditorEvent[]> => {
    const response = await auditor(url);
    expect(response.status).toBe(200);
    return response.body.events;
  };

  beforeAll(async () => {
    api = await startTestApp({ clock });
    const prApplication = {
      number: PR_NUMBER,
      submittedOn: '2024-06-01',
      aorReceivedOn: '2024-07-02',
      status: 'in-progress',
    };
    principal = (
      await api.post(
        '/v1/applications',
        exampleSubmission({ prApplication, documents: ['csq', 'invitation-letter', 'intent-to-reside', 'pr-aor'] }),
      )
    ).body.id;
    const secondApplicant = {
      ...(exampleSubmission().applicant as object),
      passport: { number: SECOND_PASSPORT, country: 'FRA', expiresOn: '2031-01-31' },
    };
    duplicate = (await api.post('/v1/applications', exampleSubmission({ applicant: secondApplicant }))).body.id;
    clock.set('2024-12-11T16:00:00Z');
    /** Officers must not type identifying data into free text; this one does, and the redaction still masks it. */
    const explanation = `Passport ${SECOND_PASSPORT} holder's invitation letter was issued by MIFI for another immigration program, not for A76.`;
    const refused = await api.post(
      `/v1/applications/${duplicate}/refusal`,
      { reasons: [{ ground: 'R200(1)(c)(ii)', rule: 'E6', explanation }] },
      { as: 'officer' },
    );
    expect(refused.status).toBe(201);
  });
  afterAll(async () => {
    await api.close();
  });

  it('plants every identifying value in the stored events, and personalData=include returns them as stored', async () => {
    const included = await eventsOf('/v1/audit/events?limit=1000&personalData=include');
    expect(personalValuesIn(included.map((event) => event.data))).toEqual(expect.arrayContaining(PLANTED));
    const logged = await api.store.readAll({ limit: 1000 });
    /** The page was read before its reveal was recorded: the access event follows it in the log. */
    const stored = logged.filter((event) => !isAccessLogStream(event.streamName));
    expect(logged.length - stored.length).toBe(1);
    expect(included.map(({ data, metadata }) => ({ data, metadata }))).toEqual(
      stored.map(({ data, metadata }) => ({ data, metadata })),
    );
    expect(
      (await eventsOf(`/v1/applications/${principal}/history?personalData=include`)).map((event) => event.data),
    ).toEqual(stored.filter((event) => event.streamName === `application-${principal}`).map((event) => event.data));
  });

  it('by default shows no identifying value in a case’s history or in the global log, and keeps the case facts', async () => {
    const responses = [
      await auditor(`/v1/applications/${principal}/history`),
      await auditor(`/v1/applications/${duplicate}/history`),
      await auditor('/v1/audit/events?limit=1000'),
    ];
    for (const response of responses) {
      expect(response.status).toBe(200);
      expect(PLANTED.filter((value) => response.text.includes(value))).toEqual([]);
    }
    const [received] = responses[0].body.events as AuditorEvent[];
    expect(received.data).toMatchObject({
      submission: {
        applicant: {
          familyName: REDACTED,
          givenNames: REDACTED,
          dateOfBirth: REDACTED,
          citizenship: 'FRA',
          passport: { number: REDACTED, country: 'FRA', expiresOn: '2031-01-31' },
        },
        csq: { number: REDACTED, issuedOn: '2023-09-01' },
        prApplication: { number: REDACTED, submittedOn: '2024-06-01' },
      },
    });
    const [stored] = await api.store.readStream(`application-${principal}`);
    expect(received.data.screening).toEqual(stored.data.screening);
    const flagged = (responses[1].body.events as AuditorEvent[]).find(
      (event) => event.type === 'PossibleDuplicateFlagged',
    );
    expect(flagged?.data).toEqual({ duplicateOfApplicationId: principal, key: `csq:${REDACTED}` });
  });

  it('masks what a later event quotes even when the page of the log does not hold the case’s first event', async () => {
    const log = await eventsOf('/v1/audit/events?limit=1000&personalData=include');
    const refusal = log.findIndex((event) => event.type === 'ApplicationRefused');
    const page = await auditor(`/v1/audit/events?after=${log[refusal - 1].position}&limit=1`);
    expect(page.body.events).toEqual([
      expect.objectContaining({ type: 'ApplicationRefused', position: log[refusal].position }),
    ]);
    expect(page.text).not.toContain(SECOND_PASSPORT);
    expect(page.body.events[0].data.reasons[0].explanation).toBe(
      `Passport ${REDACTED} holder's invitation letter was issued by MIFI for another immigration program, not for A76.`,
    );
  });

  it('changes neither the stored hashes it shows nor the verification', async () => {
    const redacted = await eventsOf(`/v1/applications/${principal}/history`);
    const included = await eventsOf(`/v1/applications/${principal}/history?personalData=include`);
    expect(redacted.map((event) => event.metadata)).toEqual(included.map((event) => event.metadata));
    expect((await auditor(`/v1/applications/${principal}/verification`)).body).toMatchObject({
      valid: true,
      checkedEvents: included.length,
    });
  });

  it('serves the point-in-time view, which has no identifying field, the same either way', async () => {
    const current = (await auditor(`/v1/applications/${duplicate}`)).body;
    for (const point of [`revision=${current.revision}`, 'asOf=2024-12-11T16:00:00Z']) {
      const view = (await auditor(`/v1/applications/${duplicate}/history?${point}`)).body;
      expect(view).toEqual(current);
      expect((await auditor(`/v1/applications/${duplicate}/history?${point}&personalData=include`)).body).toEqual(view);
      expect(personalValuesIn(view)).toEqual([]);
    }
  });

  it.each([
    ['personalData=yes'],
    ['personalData=INCLUDE'],
    ['personalData='],
    ['personalData=include&personalData=include'],
  ])('refuses %s with a 400 naming personalData on both routes', async (query) => {
    for (const url of [`/v1/applications/${principal}/history?${query}`, `/v1/audit/events?${query}`]) {
      const response = await auditor(url);
      expect(response.status).toBe(400);
      expect(response.body.errors).toEqual([
        { field: 'personalData', message: 'personalData must be one of the following values: include' },
      ]);
    }
  });
});
