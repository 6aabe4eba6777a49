import { randomUUID } from 'node:crypto';
import { ManualClock } from '@app/application';
import { PERSONAL_DATA_FIELDS, personalValuesIn } from '../libs/personal-data/src';
import { exampleSubmission, startTestApp, type TestApp, type TestRequest } from './support/test-app';

/** Values found nowhere else in the app's output, so any occurrence is a leak. */
const principal = () =>
  exampleSubmission({
    applicant: {
      familyName: 'Zyxwbrooke',
      givenNames: 'Quillonette Marjolaine',
      dateOfBirth: '1979-03-17',
      citizenship: 'FRA',
      passport: { number: 'PZ7788123', country: 'FRA', expiresOn: '2033-05-31' },
    },
    csq: { number: 'CSQ-9911-552211', issuedOn: '2023-09-01', category: 'regular-skilled-worker' },
    invitationLetter: { number: 'MIFI-A76-7766-5544', issuedOn: '2024-11-01', receivedOn: '2024-11-03' },
    prApplication: {
      number: 'E009988776',
      submittedOn: '2024-06-01',
      aorReceivedOn: '2024-07-02',
      status: 'in-progress',
    },
    documents: ['csq', 'invitation-letter', 'intent-to-reside', 'pr-aor'],
  });

const spouse = (principalApplicationId: string) => ({
  ...exampleSubmission(),
  applicantType: 'spouse',
  principalApplicationId,
  receivedAt: '2024-12-12T13:00:00Z',
  applicant: {
    familyName: 'Vantongerloo',
    givenNames: 'Ysoline',
    dateOfBirth: '1981-11-29',
    citizenship: 'BEL',
    passport: { number: 'BQ4455667', country: 'BEL', expiresOn: '2032-02-28' },
  },
  csq: undefined,
  invitationLetter: undefined,
  documents: [],
});

const SECOND_PR_NUMBER = 'E005544332';
const PLANTED = [...personalValuesIn(principal()), ...personalValuesIn(spouse('x')), SECOND_PR_NUMBER];

describe('personal data never leaves in logs, metrics or error bodies (docs/privacy.md)', () => {
  const clock = new ManualClock('2024-12-10T15:30:00Z');
  const logLines: string[] = [];
  /** Every error and metrics response. */
  const responses: string[] = [];
  /** Successful answers, scanned whole: views (screening details included), pages of views, and the auditors' events, redacted by default. */
  const views: string[] = [];
  const statuses: number[] = [];
  let api: TestApp;

  async function call(method: 'GET' | 'POST', url: string, options: TestRequest = {}) {
    const response = await api.request(method, url, options);
    if (response.status >= 300 || url === '/metrics')
      responses.push(`${JSON.stringify(response.headers)}\n${response.text}`);
    else views.push(`${JSON.stringify(response.headers)}\n${response.text}`);
    statuses.push(response.status);
    return response;
  }
  const post = (url: string, body: unknown, options: TestRequest = {}) => call('POST', url, { ...options, body });

  beforeAll(async () => {
    api = await startTestApp({
      clock,
      env: { LOG_LEVEL: 'trace' },
      logDestination: { write: (line: string) => void logLines.push(line) },
    });
  });
  afterAll(async () => {
    await api.close();
  });

  it('plants a distinctive value in every classified field of the submissions', () => {
    expect(personalValuesIn(principal())).toHaveLength(PERSONAL_DATA_FIELDS.length);
    expect(new Set(PLANTED).size).toBe(PLANTED.length);
  });

  it('runs a whole family case, with every kind of refusal, and none of it repeats a personal value', async () => {
    const submitted = await post('/v1/applications', principal(), { headers: { 'idempotency-key': 'submit-1' } });
    expect(submitted.status).toBe(201);
    const url = `/v1/applications/${submitted.body.id}`;
    const duplicate = await post('/v1/applications', principal());
    expect(duplicate.body.possibleDuplicateOf).toBe(submitted.body.id);

    expect(
      (
        await post(
          '/v1/applications',
          { ...principal(), channel: 'fax' },
          { headers: { 'idempotency-key': 'submit-1' } },
        )
      ).status,
    ).toBe(409);
    expect((await post('/v1/applications', principal(), { as: 'officer' })).status).toBe(403);
    expect((await post('/v1/applications', principal(), { as: null })).status).toBe(401);
    expect((await post('/v1/applications', { ...principal(), applicationId: submitted.body.id })).status).toBe(409);
    for (const invalid of invalidSubmissions()) expect((await post('/v1/applications', invalid)).status).toBe(400);
    expect(
      (
        await call('POST', '/v1/applications', {
          rawBody: JSON.stringify(principal()).replace('"Zyxwbrooke"', 'Zyxwbrooke'),
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await call('POST', '/v1/applications', {
          rawBody: JSON.stringify(principal()),
          headers: { 'content-type': 'text/plain' },
        })
      ).status,
    ).toBe(415);
    expect(
      (
        await call('POST', '/v1/applications', {
          rawBody: JSON.stringify(principal()),
          headers: { 'content-type': 'application/xml' },
        })
      ).status,
    ).toBe(415);

    clock.set('2024-12-11T16:00:00Z');
    expect((await post(`${url}/biometric-instruction-letters`, {}, { as: 'officer' })).status).toBe(201);
    clock.set('2024-12-12T14:00:00Z');
    const family = await post('/v1/applications', spouse(submitted.body.id));
    expect(family.status).toBe(201);
    clock.set('2024-12-15T10:00:00Z');
    expect(
      (await post(`${url}/biometrics`, { enrolledAt: '2024-12-14T09:00:00Z', location: 'VAC Paris' })).status,
    ).toBe(201);
    expect(
      (
        await post(
          `${url}/approval`,
          { notes: 'All requirements met.' },
          { as: 'officer', headers: { 'if-match': '"1"' } },
        )
      ).status,
    ).toBe(412);
    expect((await post(`${url}/approval`, { notes: 'All requirements met.' }, { as: 'officer' })).status).toBe(201);
    expect((await post(`${url}/approval`, { notes: 'Again.' }, { as: 'officer' })).status).toBe(409);
    expect(
      (
        await post(`${url}/extensions`, {
          requestedOn: '2024-12-16',
          prApplication: { number: SECOND_PR_NUMBER, submittedOn: '2024-06-01', aorReceivedOn: '2024-07-02' },
        })
      ).status,
    ).toBe(409);

    clock.set('2024-12-20T14:00:00Z');
    expect(
      (
        await post(
          `${url}/work-permit`,
          { issuedOn: '2024-12-20', medical: { examCompleted: true, designatedCountry: false } },
          { as: 'officer' },
        )
      ).status,
    ).toBe(201);
    clock.set('2027-10-01T14:00:00Z');
    const withoutAor = await post(`${url}/extensions`, {
      requestedOn: '2027-10-01',
      prApplication: { number: SECOND_PR_NUMBER, submittedOn: '2024-06-01' },
    });
    expect(withoutAor.body).toMatchObject({
      status: 422,
      code: 'X2_AOR_REQUIRED',
      detail: 'The PR application has no acknowledgment of receipt (AOR)',
    });
    const extension = await post(`${url}/extensions`, {
      requestedOn: '2027-10-01',
      prApplication: { number: SECOND_PR_NUMBER, submittedOn: '2024-06-01', aorReceivedOn: '2024-07-02' },
    });
    expect(extension.status).toBe(201);
    expect(
      (
        await post(
          `${url}/extensions/${extension.body.extensionId}/decision`,
          { outcome: 'approved' },
          { as: 'officer' },
        )
      ).status,
    ).toBe(201);

    expect((await call('GET', url, { as: 'officer' })).status).toBe(200);
    expect((await call('GET', `/v1/applications/${randomUUID()}`, { as: 'officer' })).status).toBe(404);
    expect((await post(`/v1/applications/${randomUUID()}/approval`, { notes: 'ok' }, { as: 'officer' })).status).toBe(
      404,
    );
    expect((await call('GET', '/v1/applications?limit=50', { as: 'auditor' })).status).toBe(200);
    expect((await call('GET', `${url}/history?revision=3`, { as: 'auditor' })).status).toBe(200);
    expect((await call('GET', `${url}/verification`, { as: 'auditor' })).status).toBe(200);
    expect((await call('GET', '/v1/intake/2024', { as: 'auditor' })).status).toBe(200);
    expect((await call('GET', '/metrics', { as: null })).status).toBe(200);

    expect((await call('GET', `${url}/history`, { as: 'auditor' })).status).toBe(200);
    expect((await call('GET', '/v1/audit/events?limit=100', { as: 'auditor' })).status).toBe(200);
    const asStored = await api.get(`${url}/history?personalData=include`, { as: 'auditor' });
    expect(asStored.text).toContain('PZ7788123');
    expect(new Set(statuses)).toEqual(new Set([200, 201, 400, 401, 403, 404, 409, 412, 415, 422]));
    expect(logLines.length).toBeGreaterThan(statuses.length);

    const leaks = PLANTED.flatMap((value) =>
      [
        ...logLines.map((line) => ['log', line]),
        ...responses.map((text) => ['error or metrics', text]),
        ...views.map((text) => ['view', text]),
      ]
        .filter(([, text]) => text.includes(value))
        .map(([where, text]) => `${value} in ${where}: ${text.slice(0, 300)}`),
    );
    expect(leaks).toEqual([]);
    console.log(
      `personal data scan: ${PLANTED.length} planted values, ${logLines.length} log lines, ${responses.length} error and metrics responses and ${views.length} successful answers (statuses ${[...new Set(statuses)].sort().join(', ')}) scanned, ${leaks.length} leaks`,
    );
  }, 60_000);
});

/** Bodies whose personal fields are wrong in type, form or size; the errors must name the fields, not repeat the values. */
function invalidSubmissions(): Record<string, unknown>[] {
  const valid = principal();
  const applicant = valid.applicant as Record<string, unknown>;
  const passport = applicant.passport as Record<string, unknown>;
  return [
    {
      ...valid,
      applicant: {
        ...applicant,
        dateOfBirth: '1979-02-30 Zyxwbrooke',
        familyName: ['Zyxwbrooke'],
        givenNames: { first: 'Quillonette Marjolaine' },
      },
    },
    { ...valid, applicant: { ...applicant, passport: { ...passport, number: 'PZ7788123'.repeat(40) } } },
    {
      ...valid,
      applicant: { ...applicant, dateOfBirth: 'PZ7788123', passport: { ...passport, expiresOn: 'CSQ-9911-552211' } },
    },
    { ...valid, csq: { number: 19790317, issuedOn: 'MIFI-A76-7766-5544', category: 'E009988776' } },
    {
      ...valid,
      invitationLetter: 'MIFI-A76-7766-5544',
      prApplication: { number: 'E009988776', submittedOn: '1979-03-17', status: 'Zyxwbrooke' },
    },
    { ...valid, applicant: { ...applicant, familyName: 'Zyxwbrooke', unexpected: 'PZ7788123' } },
  ];
}
