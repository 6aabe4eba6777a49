import { ManualClock } from '@app/application';
import { exampleSubmission, startTestApp, type TestApp } from './support/test-app';

type Seen = Readonly<{ revision: number; at: string; view: unknown }>;

describe('point-in-time replay equals what the read model showed at that moment', () => {
  const clock = new ManualClock('2024-12-10T15:30:00Z');
  let api: TestApp;
  beforeAll(async () => {
    api = await startTestApp({ clock });
  });
  afterAll(async () => {
    await api.close();
  });

  it('for every command of a whole case, by revision and by instant', async () => {
    const seen: Seen[] = [];
    let url = '';
    /** At `instant`, runs a command, then records what GET showed right after it. */
    const step = async (instant: string, run: () => Promise<{ status: number; body: { id?: string } }>) => {
      clock.set(instant);
      const response = await run();
      expect(response.status).toBe(201);
      url ||= `/v1/applications/${response.body.id}`;
      const read = await api.get(url, { as: 'auditor' });
      seen.push({
        revision: Number(String(read.headers.etag).replaceAll('"', '')),
        at: clock.now().toISOString(),
        view: read.body,
      });
      return response;
    };
    const prApplication = { number: 'E001234567', submittedOn: '2024-06-01', aorReceivedOn: '2024-07-02' };
    const documents = ['csq', 'invitation-letter', 'intent-to-reside', 'pr-aor'];
    await step('2024-12-10T15:30:00Z', () =>
      api.post(
        '/v1/applications',
        exampleSubmission({ prApplication: { ...prApplication, status: 'in-progress' }, documents }),
      ),
    );
    await step('2024-12-11T16:00:00Z', () => api.post(`${url}/biometric-instruction-letters`, {}, { as: 'officer' }));
    await step('2024-12-15T10:00:00Z', () =>
      api.post(`${url}/biometrics`, { enrolledAt: '2024-12-14T09:00:00Z', location: 'VAC Paris' }),
    );
    await step('2024-12-15T10:01:00Z', () =>
      api.post(`${url}/approval`, { notes: 'All requirements met.' }, { as: 'officer' }),
    );
    const permit = { issuedOn: '2024-12-20', medical: { examCompleted: true, designatedCountry: false } };
    await step('2024-12-20T14:00:00Z', () => api.post(`${url}/work-permit`, permit, { as: 'officer' }));
    const requested = await step('2027-10-01T14:00:00Z', () =>
      api.post(`${url}/extensions`, { requestedOn: '2027-10-01', prApplication }),
    );
    const extensionId = (requested.body as { extensionId: string }).extensionId;
    await step('2027-10-05T14:00:00Z', () =>
      api.post(`${url}/extensions/${extensionId}/decision`, { outcome: 'approved' }, { as: 'officer' }),
    );

    expect(new Set(seen.map((each) => each.revision)).size).toBe(seen.length);
    for (const { revision, at, view } of seen) {
      expect((await api.get(`${url}/history?revision=${revision}`, { as: 'auditor' })).body).toEqual(view);
      expect((await api.get(`${url}/history?asOf=${at}`, { as: 'auditor' })).body).toEqual(view);
    }
    const beforeReceipt = await api.get(`${url}/history?asOf=2024-12-10T15:29:59Z`, { as: 'auditor' });
    expect(beforeReceipt.status).toBe(404);
  });
});
