import { ManualClock } from '@app/application';
import { distinctPrincipal, settle } from './support/processes';
import { exampleSubmission, startTestApp, type TestApp } from './support/test-app';

type HistoryEvent = Readonly<{
  type: string;
  eventId?: string;
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
}>;

describe('M7 and M11 over HTTP: the family follows its principal (SQLite store, manual clock)', () => {
  const clock = new ManualClock('2024-12-10T15:30:00Z');
  let api: TestApp;
  beforeAll(async () => {
    api = await startTestApp({ clock });
  });
  afterAll(async () => {
    await api.close();
  });

  const member = (principalApplicationId: string, applicantType: 'spouse' | 'dependent-child', biometrics = 85) => ({
    ...exampleSubmission(),
    applicantType,
    principalApplicationId,
    applicant: {
      familyName: 'Tremblay',
      givenNames: applicantType === 'spouse' ? 'Alex' : 'Léa',
      dateOfBirth: applicantType === 'spouse' ? '1991-03-02' : '2008-06-09',
      citizenship: 'FRA',
      passport: {
        number: applicantType === 'spouse' ? '20CD99887' : '22EF12345',
        country: 'FRA',
        expiresOn: '2030-06-30',
      },
    },
    csq: undefined,
    invitationLetter: undefined,
    fees: { processing: 155, openWorkPermitHolder: 100, biometrics },
    documents: [applicantType === 'spouse' ? 'marriage-certificate' : 'birth-certificate'],
  });
  const submit = async (body: unknown): Promise<string> => {
    const response = await api.post('/v1/applications', body);
    expect(response.status).toBe(201);
    return response.body.id as string;
  };
  const history = async (id: string): Promise<HistoryEvent[]> =>
    (await api.get(`/v1/applications/${id}/history`, { as: 'auditor' })).body.events as HistoryEvent[];
  const view = async (id: string) => (await api.get(`/v1/applications/${id}`, { as: 'officer' })).body;
  const family = async () => {
    const principal = await submit(distinctPrincipal());
    const spouse = await submit(member(principal, 'spouse'));
    const child = await submit(member(principal, 'dependent-child', 0));
    await settle(api.app);
    return { principal, spouse, child };
  };

  it('M7: the principal refused → spouse and child refused on R200(1)(c)(ii), each caused by the principal’s refusal', async () => {
    const { principal, spouse, child } = await family();
    const reasons = [
      {
        ground: 'R200(1)(b)',
        explanation: 'The applicant has not shown ties that would lead to departure at the end of stay.',
      },
    ];
    expect((await api.post(`/v1/applications/${principal}/refusal`, { reasons }, { as: 'officer' })).status).toBe(201);
    await settle(api.app);
    const refusal = (await history(principal)).find((event) => event.type === 'ApplicationRefused');
    for (const id of [spouse, child]) {
      const refused = (await history(id)).find((event) => event.type === 'ApplicationRefused');
      expect(refused?.metadata).toMatchObject({
        causationId: refusal?.metadata.eventId,
        correlationId: refusal?.metadata.correlationId,
      });
      expect(await view(id)).toMatchObject({
        status: 'refused',
        decision: { reasons: [{ ground: 'R200(1)(c)(ii)', rule: 'M7' }] },
        family: { principalApplicationId: principal },
      });
    }
    expect((await view(principal)).family).toEqual({
      principalApplicationId: principal,
      members: [spouse, child].sort(),
    });
  });

  it('M7, C4: the principal withdrawn → spouse and child closed as withdrawn, 155 + 100 refunded, caused by the withdrawal', async () => {
    const { principal, spouse, child } = await family();
    expect((await api.post(`/v1/applications/${principal}/withdrawal`, { reason: 'Staying abroad.' })).status).toBe(
      201,
    );
    await settle(api.app);
    const withdrawal = (await history(principal)).find((event) => event.type === 'ApplicationWithdrawn');
    for (const id of [spouse, child]) {
      const closed = (await history(id)).find((event) => event.type === 'ApplicationClosedWithPrincipal');
      expect(closed?.metadata.causationId).toBe(withdrawal?.metadata.eventId);
      expect(await view(id)).toMatchObject({
        status: 'withdrawn',
        fees: { refunded: { processing: 155, openWorkPermitHolder: 100 } },
      });
    }
  });

  it('M11: principal 85, spouse 85: the child paying no biometric fee is not incomplete and owes none', async () => {
    const { child } = await family();
    const screening = (await view(child)).screening as { rule: string; outcome: string; detail: string }[];
    expect(screening.find((finding) => finding.rule === '$3')).toMatchObject({ outcome: 'passed' });
    expect(screening.find((finding) => finding.rule === '$1')).toMatchObject({
      outcome: 'passed',
      detail: expect.stringContaining('M11: the family already paid 170 of the 170 family maximum'),
    });
  });
});
