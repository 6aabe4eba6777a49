import { ManualClock } from '@app/application';
import { settle, tick } from './support/processes';
import { exampleSubmission, startTestApp, type TestApp } from './support/test-app';

const DAY_MS = 86_400_000;
const REFUSAL = {
  ground: 'R200(1)(c)(ii)',
  rule: 'E6',
  explanation: 'The letter submitted was issued by MIFI for another program, not for the A76 public policy.',
};
const CONCERN = 'The CSQ on file names an employer other than the one stated in the application.';

/** 00:00 in Toronto on the day after `dueOn` (EST, UTC-5: the test's dates fall in winter). */
const endOfEasternDay = (dueOn: string) => new Date(Date.parse(`${dueOn}T05:00:00Z`) + DAY_MS).toISOString();

describe('H2 H3 R6 requests for information and procedural-fairness letters over HTTP (SQLite store, manual clock)', () => {
  const clock = new ManualClock('2024-12-10T15:30:00Z');
  let api: TestApp;
  beforeAll(async () => {
    api = await startTestApp({ clock });
  });
  afterAll(async () => {
    await api.close();
  });

  /** A principal received now, with biometrics enrolled two days later: ready for the officer's decision. */
  async function readyForDecision(): Promise<string> {
    const submitted = await api.post('/v1/applications', exampleSubmission({ receivedAt: clock.now().toISOString() }));
    expect(submitted.status).toBe(201);
    const url = `/v1/applications/${submitted.body.id as string}`;
    clock.advance(DAY_MS);
    expect((await api.post(`${url}/biometric-instruction-letters`, {}, { as: 'officer' })).status).toBe(201);
    clock.advance(DAY_MS);
    const enrolledAt = new Date(clock.now().getTime() - 3_600_000).toISOString();
    expect((await api.post(`${url}/biometrics`, { enrolledAt, location: 'VAC' })).status).toBe(201);
    await settle(api.app);
    return url;
  }
  const requestInformation = (url: string, body: Record<string, unknown> = {}) =>
    api.post(
      `${url}/information-requests`,
      { kind: 'documents', concern: CONCERN, items: [{ document: 'CSQ', question: 'Send the CSQ.' }], ...body },
      { as: 'officer' },
    );
  const respond = (url: string, requestId: string) =>
    api.post(`${url}/information-requests/${requestId}/response`, {
      receivedAt: clock.now().toISOString(),
      documents: ['csq.pdf'],
      text: 'The CSQ is attached.',
    });
  const queue = async (status: string) =>
    (
      (await api.get(`/v1/applications?status=${status}&limit=200`, { as: 'officer' })).body.items as { id: string }[]
    ).map((item) => item.id);
  const refuse = (url: string) => api.post(`${url}/refusal`, { reasons: [REFUSAL] }, { as: 'officer' });

  it('H2: requested (awaiting-information) → overdue at the end of the due date (information-overdue) → answered → approved', async () => {
    const url = await readyForDecision();
    const id = url.split('/').pop() as string;
    const requested = await requestInformation(url);
    expect(requested.status).toBe(201);
    const { requestId, dueOn } = requested.body as { requestId: string; dueOn: string };
    const today = clock.now().toISOString().slice(0, 10);
    expect(dueOn).toBe(new Date(Date.parse(today) + 30 * DAY_MS).toISOString().slice(0, 10));
    expect(await queue('awaiting-information')).toContain(id);

    clock.set(new Date(Date.parse(endOfEasternDay(dueOn)) - 1000).toISOString());
    await tick(api.app);
    await settle(api.app);
    expect(await queue('awaiting-information')).toContain(id);

    clock.set(endOfEasternDay(dueOn));
    await tick(api.app);
    await settle(api.app);
    expect(await queue('awaiting-information')).not.toContain(id);
    expect(await queue('information-overdue')).toContain(id);
    expect((await api.get(url, { as: 'officer' })).body.informationRequests).toEqual([
      { id: requestId, kind: 'documents', concern: CONCERN, dueOn, status: 'overdue' },
    ]);

    clock.advance(DAY_MS);
    const answered = await respond(url, requestId);
    expect(answered.status).toBe(201);
    expect(answered.body.informationRequests[0].status).toBe('answered');
    expect(await queue('information-overdue')).not.toContain(id);
    expect((await respond(url, requestId)).body).toMatchObject({
      status: 409,
      code: 'H2_INFORMATION_ALREADY_RECEIVED',
    });

    const approved = await api.post(`${url}/approval`, { notes: 'All requirements met.' }, { as: 'officer' });
    expect(approved.status).toBe(201);
    expect((await requestInformation(url)).body).toMatchObject({ status: 409, code: 'R2_ALREADY_DECIDED' });
  });

  it('H2: a due date before the request date is refused; a response to no request is not found', async () => {
    const url = await readyForDecision();
    expect((await requestInformation(url, { dueOn: '2024-01-01' })).body).toMatchObject({
      status: 422,
      code: 'H2_DUE_BEFORE_REQUEST',
    });
    expect((await respond(url, 'no-such-request')).body).toMatchObject({
      status: 404,
      code: 'H2_INFORMATION_REQUEST_NOT_FOUND',
    });
  });

  it('R6: an open procedural-fairness letter blocks a refusal until it is answered', async () => {
    const url = await readyForDecision();
    const letter = await requestInformation(url, { kind: 'procedural-fairness', items: [] });
    expect(letter.status).toBe(201);
    expect((await refuse(url)).body).toMatchObject({ status: 422, code: 'R6_FAIRNESS_PENDING' });
    clock.advance(DAY_MS);
    expect((await respond(url, letter.body.requestId as string)).status).toBe(201);
    expect((await refuse(url)).status).toBe(201);
  });

  it('R6: an unanswered procedural-fairness letter blocks a refusal to the end of its due date, not after', async () => {
    const url = await readyForDecision();
    const letter = await requestInformation(url, { kind: 'procedural-fairness' });
    const dueOn = letter.body.dueOn as string;
    clock.set(new Date(Date.parse(endOfEasternDay(dueOn)) - 60_000).toISOString());
    expect((await refuse(url)).body).toMatchObject({ status: 422, code: 'R6_FAIRNESS_PENDING' });
    clock.set(endOfEasternDay(dueOn));
    expect((await refuse(url)).status).toBe(201);
  });
});
