import { ManualClock } from '@app/application';
import { exampleSubmission, startTestApp, type TestApp } from './support/test-app';

describe('a whole case over HTTP (SQLite store, manual clock)', () => {
  const clock = new ManualClock('2024-12-10T15:30:00Z');
  let api: TestApp;
  beforeAll(async () => {
    api = await startTestApp({ clock });
  });
  afterAll(async () => {
    await api.close();
  });

  const principalWithPr = () =>
    exampleSubmission({
      prApplication: {
        number: 'E001234567',
        submittedOn: '2024-06-01',
        aorReceivedOn: '2024-07-02',
        status: 'in-progress',
      },
      documents: ['csq', 'invitation-letter', 'intent-to-reside', 'pr-aor'],
    });

  it('principal: submit → BIL → biometrics → approve → permit → extension requested and approved', async () => {
    const submitted = await api.post('/v1/applications', principalWithPr());
    expect(submitted.status).toBe(201);
    const id = submitted.body.id;
    const url = `/v1/applications/${id}`;

    clock.set('2024-12-11T16:00:00Z');
    const letter = await api.post(`${url}/biometric-instruction-letters`, {}, { as: 'officer' });
    expect(letter.status).toBe(201);
    expect(letter.body.biometrics.letter).toMatchObject({ issuedAt: '2024-12-11T16:00:00.000Z' });

    clock.set('2024-12-15T10:00:00Z');
    const enrolled = await api.post(`${url}/biometrics`, { enrolledAt: '2024-12-14T09:00:00Z', location: 'VAC Paris' });
    expect(enrolled.status).toBe(201);

    const approved = await api.post(`${url}/approval`, { notes: 'All requirements met.' }, { as: 'officer' });
    expect(approved.status).toBe(201);
    expect(approved.body.decision).toMatchObject({ outcome: 'approved', officerId: 'test-officer' });

    clock.set('2024-12-20T14:00:00Z');
    const issued = await api.post(
      `${url}/work-permit`,
      { issuedOn: '2024-12-20', medical: { examCompleted: true, designatedCountry: false } },
      { as: 'officer' },
    );
    expect(issued.status).toBe(201);
    expect(issued.body.status).toBe('permit-issued');
    expect(issued.body.permit).toMatchObject({
      authority: 'R205(a)',
      caseType: '27',
      exemptionCode: 'A76',
      provinceOfDestination: 'Quebec',
      cityOfDestination: 'Quebec NES',
      noc: '99999',
      intendedOccupation: 'Open',
      employer: 'Open',
      issuedOn: '2024-12-20',
      validTo: '2027-12-20',
      userNote: 'CSQ holders – A76',
    });

    clock.set('2027-10-01T14:00:00Z');
    const requested = await api.post(`${url}/extensions`, {
      requestedOn: '2027-10-01',
      prApplication: { number: 'E001234567', submittedOn: '2024-06-01', aorReceivedOn: '2024-07-02' },
    });
    expect(requested.status).toBe(201);
    const { extensionId } = requested.body;
    expect(extensionId).toEqual(expect.any(String));

    clock.set('2027-10-05T14:00:00Z');
    const decided = await api.post(
      `${url}/extensions/${extensionId}/decision`,
      { outcome: 'approved' },
      { as: 'officer' },
    );
    expect(decided.status).toBe(201);
    expect(decided.body.extensions).toEqual([
      expect.objectContaining({ id: extensionId, status: 'approved', validTo: '2028-10-05' }),
    ]);

    const read = await api.get(url, { as: 'auditor' });
    expect(read.body).toEqual(decided.body);
    expect(read.headers.etag).toBe(decided.headers.etag);
  });

  it('spouse of a principal who filed for PR: C49 permit, bounded by the principal’s permit', async () => {
    clock.set('2024-12-10T15:30:00Z');
    const principal = (await api.post('/v1/applications', principalWithPr())).body.id;
    const purl = `/v1/applications/${principal}`;
    await api.post(`${purl}/biometric-instruction-letters`, {}, { as: 'officer' });
    clock.set('2024-12-15T10:00:00Z');
    await api.post(`${purl}/biometrics`, { enrolledAt: '2024-12-14T09:00:00Z', location: 'VAC Paris' });
    await api.post(`${purl}/approval`, { notes: 'Approved.' }, { as: 'officer' });
    clock.set('2024-12-20T14:00:00Z');
    const permit = await api.post(
      `${purl}/work-permit`,
      { issuedOn: '2024-12-20', medical: { examCompleted: true, designatedCountry: false } },
      { as: 'officer' },
    );
    expect(permit.status).toBe(201);

    clock.set('2025-01-10T14:00:00Z');
    const spouse = await api.post('/v1/applications', {
      ...exampleSubmission(),
      applicantType: 'spouse',
      principalApplicationId: principal,
      receivedAt: '2025-01-10T13:00:00Z',
      applicant: {
        familyName: 'Tremblay',
        givenNames: 'Alex',
        dateOfBirth: '1991-03-02',
        citizenship: 'FRA',
        passport: { number: '20CD99887', country: 'FRA', expiresOn: '2026-06-30' },
      },
      csq: undefined,
      invitationLetter: undefined,
      documents: ['marriage-certificate'], // M8: the relationship's evidence
    });
    expect(spouse.status).toBe(201);
    expect(spouse.body).toMatchObject({ applicantType: 'spouse', principalApplicationId: principal, intake: null });
    const surl = `/v1/applications/${spouse.body.id}`;
    await api.post(`${surl}/biometric-instruction-letters`, {}, { as: 'officer' });
    clock.set('2025-01-20T10:00:00Z');
    await api.post(`${surl}/biometrics`, { enrolledAt: '2025-01-19T09:00:00Z', location: 'VAC Paris' });
    expect(
      (await api.post(`${surl}/approval`, { notes: 'Spouse of an approved A76 principal.' }, { as: 'officer' })).status,
    ).toBe(201);
    clock.set('2025-01-25T14:00:00Z');
    const issued = await api.post(
      `${surl}/work-permit`,
      { issuedOn: '2025-01-25', medical: { examCompleted: true, designatedCountry: false } },
      { as: 'officer' },
    );
    expect(issued.status).toBe(201);
    expect(issued.body.permit).toMatchObject({
      exemptionCode: 'C49',
      caseType: '20',
      noc: '99999',
      provinceOfDestination: 'Quebec',
      validTo: '2026-06-30',
      remarks: ['Authorized to work as per applicable labour laws.'],
    });
  });

  describe('refusals the rules require', () => {
    it('R1: a refusal without reasons is 422 R1_REASONS_REQUIRED and appends nothing', async () => {
      clock.set('2024-12-10T15:30:00Z');
      const { body } = await api.post('/v1/applications', exampleSubmission());
      const response = await api.post(`/v1/applications/${body.id}/refusal`, { reasons: [] }, { as: 'officer' });
      expect(response.status).toBe(422);
      expect(response.body).toMatchObject({ code: 'R1_REASONS_REQUIRED' });
      expect(await api.store.readStream(`application-${body.id}`)).toHaveLength(body.revision + 1);
    });

    it('R2: a second decision is 409 R2_ALREADY_DECIDED', async () => {
      clock.set('2024-12-10T15:30:00Z');
      const { body } = await api.post('/v1/applications', exampleSubmission());
      const reasons = [
        {
          ground: 'R200(1)(b)',
          explanation: 'The applicant has not shown ties that would lead to departure at the end of stay.',
        },
      ];
      expect((await api.post(`/v1/applications/${body.id}/refusal`, { reasons }, { as: 'officer' })).status).toBe(201);
      const second = await api.post(`/v1/applications/${body.id}/refusal`, { reasons }, { as: 'officer' });
      expect(second.status).toBe(409);
      expect(second.body).toMatchObject({ code: 'R2_ALREADY_DECIDED' });
    });

    it('If-Match with a stale revision is 412 and appends nothing', async () => {
      clock.set('2024-12-10T15:30:00Z');
      const { body, headers } = await api.post('/v1/applications', exampleSubmission());
      await api.post(`/v1/applications/${body.id}/biometric-instruction-letters`, {}, { as: 'officer' });
      const stale = await api.post(
        `/v1/applications/${body.id}/withdrawal`,
        {},
        { headers: { 'if-match': String(headers.etag) } },
      );
      expect(stale.status).toBe(412);
      const fresh = (await api.get(`/v1/applications/${body.id}`)).headers.etag;
      expect(
        (await api.post(`/v1/applications/${body.id}/withdrawal`, {}, { headers: { 'if-match': String(fresh) } }))
          .status,
      ).toBe(201);
    });

    it('a command on an unknown application is 404', async () => {
      const response = await api.post(
        '/v1/applications/6f1c1f7e-1d3b-4c56-9a0e-3b1f2c4d5e6f/approval',
        { notes: 'x' },
        { as: 'officer' },
      );
      expect(response.status).toBe(404);
    });
  });

  describe('auditors', () => {
    it('replay a history, see the case as of a revision and an instant, and verify the chain', async () => {
      clock.set('2024-12-10T15:30:00Z');
      const { body } = await api.post('/v1/applications', exampleSubmission());
      const url = `/v1/applications/${body.id}`;
      clock.set('2024-12-11T16:00:00Z');
      await api.post(`${url}/biometric-instruction-letters`, {}, { as: 'officer' });

      const history = await api.get(`${url}/history`, { as: 'auditor' });
      expect(history.status).toBe(200);
      expect(history.body.events.length).toBeGreaterThanOrEqual(2);
      expect(history.body.events[0].metadata).toMatchObject({ actor: { id: 'test-intake', role: 'intake' } });

      const before = await api.get(`${url}/history?asOf=2024-12-11T00:00:00Z`, { as: 'auditor' });
      expect(before.body.biometrics.letter).toBeNull();
      const atFirst = await api.get(`${url}/history?revision=${body.revision}`, { as: 'auditor' });
      /** H1: the auditor's view carries the notes (none yet), the view answered to intake never does. */
      expect(atFirst.body).toEqual({ ...body, notes: [] });

      expect((await api.get(`${url}/verification`, { as: 'auditor' })).body).toMatchObject({ valid: true });
      expect((await api.get(`${url}/history`, { as: 'officer' })).status).toBe(403);
    });
  });
});
