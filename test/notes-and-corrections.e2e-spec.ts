import { ManualClock } from '@app/application';
import { exampleSubmission, startTestApp, type TestApp } from './support/test-app';

describe('H1 case notes over HTTP (SQLite store, manual clock)', () => {
  const clock = new ManualClock('2024-12-10T15:30:00Z');
  let api: TestApp;
  let url: string;
  beforeAll(async () => {
    api = await startTestApp({ clock });
    const submitted = await api.post('/v1/applications', exampleSubmission({ receivedAt: clock.now().toISOString() }));
    expect(submitted.status).toBe(201);
    url = `/v1/applications/${submitted.body.id as string}`;
  });
  afterAll(async () => {
    await api.close();
  });

  const addNote = (body: Record<string, unknown>) => api.post(`${url}/notes`, body, { as: 'officer' });

  it('H1: an officer adds a multiline note and a correction naming it; officers and auditors see both, intake never', async () => {
    clock.advance(3_600_000);
    const first = await addNote({ text: 'Called the employer.\nThe offer stands.' });
    expect(first.status).toBe(201);
    const noteId = first.body.noteId as string;
    expect(noteId).toMatch(/^[0-9a-f-]{36}$/);
    const correction = await addNote({ text: 'It was the CSQ office, not the employer.', corrects: noteId });
    expect(correction.status).toBe(201);
    expect(correction.body.noteId).not.toBe(noteId);

    const expected = [
      { id: noteId, text: 'Called the employer.\nThe offer stands.', corrects: null, officerId: 'test-officer' },
      { id: correction.body.noteId, text: 'It was the CSQ office, not the employer.', corrects: noteId },
    ];
    for (const role of ['officer', 'auditor'] as const) {
      const seen = await api.get(url, { as: role });
      expect(seen.status).toBe(200);
      expect(seen.body.notes).toMatchObject(expected);
    }
    const listed = await api.get('/v1/applications', { as: 'officer' });
    expect(listed.body.items[0].notes).toHaveLength(2);

    const asIntake = await api.get(url, { as: 'intake' });
    expect(asIntake.status).toBe(200);
    expect(asIntake.body).not.toHaveProperty('notes');
    expect(JSON.stringify(asIntake.body)).not.toContain('CSQ office');
  });

  it('H1: a command answered to intake does not carry the notes either', async () => {
    expect((await api.post(`${url}/biometric-instruction-letters`, {}, { as: 'officer' })).status).toBe(201);
    const enrolled = await api.post(`${url}/biometrics`, { enrolledAt: clock.now().toISOString(), location: 'VAC' });
    expect(enrolled.status).toBe(201);
    expect(enrolled.body.biometrics.enrolledAt).not.toBeNull();
    expect(enrolled.body).not.toHaveProperty('notes');
    expect(JSON.stringify(enrolled.body)).not.toContain('CSQ office');
  });

  it('H1: a correction naming an unknown note → 422 H1_CORRECTED_NOTE_NOT_FOUND; intake cannot add notes', async () => {
    const unknown = await addNote({ text: 'Correction.', corrects: '00000000-0000-4000-8000-000000000000' });
    expect(unknown.status).toBe(422);
    expect(unknown.body.code).toBe('H1_CORRECTED_NOTE_NOT_FOUND');
    expect((await api.post(`${url}/notes`, { text: 'From intake.' })).status).toBe(403);
  });

  it('H1: notes are added after a decision too', async () => {
    const refusal = {
      ground: 'R200(1)(c)(ii)',
      rule: 'E6',
      explanation: 'The invitation letter on file was issued for another immigration program and not for A76 at all.',
    };
    expect((await api.post(`${url}/refusal`, { reasons: [refusal] }, { as: 'officer' })).status).toBe(201);
    const late = await addNote({ text: 'Applicant called about the refusal.' });
    expect(late.status).toBe(201);
    expect((await api.get(url, { as: 'officer' })).body.notes).toHaveLength(3);
  });
});

describe('H4 corrections of applicant details over HTTP (SQLite store, manual clock)', () => {
  const clock = new ManualClock('2024-12-10T15:30:00Z');
  let api: TestApp;
  beforeAll(async () => {
    api = await startTestApp({ clock });
  });
  afterAll(async () => {
    await api.close();
  });

  async function submitted(): Promise<string> {
    const response = await api.post('/v1/applications', exampleSubmission({ receivedAt: clock.now().toISOString() }));
    expect(response.status).toBe(201);
    clock.advance(3_600_000);
    return `/v1/applications/${response.body.id as string}`;
  }
  const correct = (url: string, field: string, value: unknown, reason = 'Typed wrongly at intake; checked the scan.') =>
    api.post(`${url}/corrections`, { field, value, reason }, { as: 'officer' });
  const outcomeOf = (view: { screening: { rule: string; outcome: string }[] }, rule: string) =>
    view.screening.find((finding) => finding.rule === rule)?.outcome;

  it('E2: a principal’s residence corrected to Quebec is screened again and fails E2', async () => {
    const url = await submitted();
    expect(outcomeOf((await api.get(url, { as: 'officer' })).body, 'E2')).toBe('passed');
    const corrected = await correct(url, 'residence', { country: 'CAN', province: 'QC' });
    expect(corrected.status).toBe(201);
    expect(outcomeOf(corrected.body, 'E2')).toBe('failed');
    expect(outcomeOf((await api.get(url, { as: 'officer' })).body, 'E2')).toBe('failed');
  });

  it('B3: a date of birth corrected past the maximum age exempts from biometrics', async () => {
    const url = await submitted();
    expect((await api.get(url, { as: 'officer' })).body.biometrics).toMatchObject({ required: true, exemption: null });
    const corrected = await correct(url, 'dateOfBirth', '1940-01-01');
    expect(corrected.status).toBe(201);
    expect(corrected.body.biometrics).toMatchObject({ required: false, exemption: 'over-maximum-age' });
  });

  it('the history keeps both values: shown with personalData=include, [redacted] without', async () => {
    const url = await submitted();
    expect((await correct(url, 'familyName', 'Tremblay-Roy')).status).toBe(201);
    const passport = { number: '21CD67890', country: 'FRA', expiresOn: '2034-02-28' };
    expect((await correct(url, 'passport', passport)).status).toBe(201);
    const correctionsIn = async (query: string) =>
      ((await api.get(`${url}/history${query}`, { as: 'auditor' })).body.events as { type: string; data: object }[])
        .filter((event) => event.type === 'ApplicantDetailsCorrected')
        .map((event) => event.data);

    expect(await correctionsIn('?personalData=include')).toMatchObject([
      { field: 'familyName', previous: 'Tremblay', value: 'Tremblay-Roy' },
      { field: 'passport', previous: { number: '19AB12345' }, value: passport },
    ]);
    const redacted = await correctionsIn('');
    expect(redacted).toMatchObject([
      { field: 'familyName', previous: '[redacted]', value: '[redacted]' },
      {
        field: 'passport',
        previous: { number: '[redacted]', country: 'FRA' },
        value: { number: '[redacted]', expiresOn: '2034-02-28' },
      },
    ]);
    expect(JSON.stringify(redacted)).not.toMatch(/Tremblay|19AB12345|21CD67890/);
  });

  it('H4: refused on a refused case (409 H4_CASE_CLOSED) and on a value of the wrong shape (400)', async () => {
    const url = await submitted();
    expect((await correct(url, 'dateOfBirth', { country: 'CAN' })).status).toBe(400);
    expect((await correct(url, 'familyName', 'Tremblay')).body).toMatchObject({ status: 422, code: 'H4_UNCHANGED' });
    const refusal = {
      ground: 'R200(1)(c)(ii)',
      rule: 'E6',
      explanation: 'The invitation letter on file was issued for another immigration program and not for A76 at all.',
    };
    expect((await api.post(`${url}/refusal`, { reasons: [refusal] }, { as: 'officer' })).status).toBe(201);
    const late = await correct(url, 'givenNames', 'Camille Anne');
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('H4_CASE_CLOSED');
  });
});
