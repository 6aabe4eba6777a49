import { CatchUpWorker, ProjectionRunner } from '@app/projections';
import { distinctPrincipal } from './support/processes';
import { exampleSubmission, startTestApp, type KeyRole, type TestApp } from './support/test-app';

/** Far longer than an answer may take here: a submission that waits for every worker waits this long. */
const READ_YOUR_WRITES_TIMEOUT_MS = 10_000;
const WEEK_OF_RECEIPTS = '/v1/statistics/weekly?from=2024-12-09&to=2024-12-15';

describe('Consistency by position: an answer waits for what it shows, a read for its own read model', () => {
  let api: TestApp;
  let releaseSlowWorker: () => void;

  beforeAll(async () => {
    api = await startTestApp({
      env: { READ_YOUR_WRITES_TIMEOUT_MS: String(READ_YOUR_WRITES_TIMEOUT_MS), REQUEST_TIMEOUT_MS: '19000' },
    });
    // A read model that no answer shows, stuck on its first batch until the end of the suite.
    const stuck = new Promise<void>((resolve) => (releaseSlowWorker = resolve));
    const slow = new CatchUpWorker(api.store, { name: 'slow-read-model', open: () => 0, handle: () => stuck });
    api.app.get(ProjectionRunner).add(slow);
    slow.start();
  });
  afterAll(async () => {
    releaseSlowWorker?.();
    await api.close();
  });

  it('answers a submission with its intake number while a read model it does not show is still behind', async () => {
    const started = performance.now();
    const { status, body } = await api.post('/v1/applications', distinctPrincipal());
    expect(performance.now() - started).toBeLessThan(READ_YOUR_WRITES_TIMEOUT_MS / 4);
    expect(status).toBe(201);
    expect(body).toMatchObject({ status: 'received', intake: { year: 2024, number: 1, withinCap: true } });
  });

  it('shows a submission to the reads that follow its answer: the case, its intake number, the ledger, the statistics', async () => {
    const { body: submitted } = await api.post('/v1/applications', distinctPrincipal());
    const id = String(submitted.id);
    const { body: shown } = await api.get(`/v1/applications/${id}`, { as: 'officer' });
    const { body: holder } = await api.get('/v1/intake/2024/numbers/2', { as: 'auditor' });
    const { body: ledger } = await api.get('/v1/intake/2024', { as: 'auditor' });
    const { body: weekly } = await api.get(WEEK_OF_RECEIPTS, { as: 'officer' });
    expect(shown).toMatchObject({ id, intake: { year: 2024, number: 2 } });
    expect(holder).toMatchObject({ applicationId: id });
    expect(ledger).toMatchObject({ year: 2024, counted: 2 });
    expect(weekly.weeks).toEqual([expect.objectContaining({ weekStarting: '2024-12-09', submitted: 2 })]);
  });

  it('answers each command with the view and ETag the case view shows right after, a family member listing itself', async () => {
    const sameAsCaseView = async (url: string, body: unknown, as: KeyRole) => {
      const answer = await api.post(url, body, { as });
      expect(answer.status).toBe(201);
      const shown = await api.get(`/v1/applications/${String(answer.body.id)}`, { as });
      expect({ view: answer.body, etag: answer.headers.etag }).toEqual({ view: shown.body, etag: shown.headers.etag });
      return answer.body;
    };
    const principal = await sameAsCaseView('/v1/applications', distinctPrincipal(), 'intake');
    const spouse = await sameAsCaseView('/v1/applications', spouseOf(String(principal.id)), 'intake');
    expect(spouse.family).toEqual({ principalApplicationId: principal.id, members: [spouse.id] });
    const url = (suffix: string) => `/v1/applications/${String(principal.id)}/${suffix}`;
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Toronto' }).format(new Date());
    await sameAsCaseView(url('biometric-instruction-letters'), {}, 'officer');
    await sameAsCaseView(url('biometrics'), { enrolledAt: new Date().toISOString(), location: 'VAC Paris' }, 'intake');
    await sameAsCaseView(url('approval'), { notes: 'All requirements met.' }, 'officer');
    const issued = await sameAsCaseView(
      url('work-permit'),
      { issuedOn: today, medical: { examCompleted: true, designatedCountry: false } },
      'officer',
    );
    expect(issued).toMatchObject({ status: 'permit-issued', family: { members: [spouse.id] } });
  });
});

/** A spouse of `principalApplicationId`, with a passport of its own. */
const spouseOf = (principalApplicationId: string) => ({
  ...exampleSubmission(),
  applicationId: crypto.randomUUID(),
  applicantType: 'spouse',
  principalApplicationId,
  applicant: {
    familyName: 'Tremblay',
    givenNames: 'Alex',
    dateOfBirth: '1991-03-02',
    citizenship: 'FRA',
    passport: { number: `S${crypto.randomUUID().slice(0, 8)}`, country: 'FRA', expiresOn: '2030-06-30' },
  },
  csq: undefined,
  invitationLetter: undefined,
  fees: { processing: 155, openWorkPermitHolder: 100, biometrics: 85 },
  documents: ['marriage-certificate'],
});
