import { ManualClock } from '@app/application';
import { exampleSubmission, startTestApp, type TestApp } from './support/test-app';

const MEDICAL_SURVEILLANCE_REMARK = 'medical surveillance required.';
const R206_OVERRIDE = {
  rule: 'I4',
  justification: 'Exempt from excessive demand under R206: protected person status confirmed in the file.',
};
const A38_REFUSAL = {
  ground: 'A38(1)',
  rule: 'I4',
  explanation:
    'The medical examination of 2024-12-12 ended in profile M4: the applicant is inadmissible on health grounds under A38(1).',
};
const JUDGMENT = {
  court: 'Federal Court',
  docket: 'IMM-2345-25',
  decidedOn: '2025-03-10',
  reason: 'Judicial review allowed: the officer did not engage with the proof of residence in Ontario.',
};

describe('I4 medical results and R7 set-aside decisions over HTTP (SQLite store, manual clock)', () => {
  const clock = new ManualClock('2024-12-10T15:30:00Z');
  let api: TestApp;
  beforeAll(async () => {
    api = await startTestApp({ clock });
  });
  afterAll(async () => {
    await api.close();
  });

  const DAY_MS = 86_400_000;
  /** The clock's day: it stays at 15:30 UTC, the same calendar day in Eastern time. */
  const today = () => clock.now().toISOString().slice(0, 10);

  /** A principal received the next day, with biometrics enrolled two days later: ready for the officer's decision. */
  async function readyForDecision(): Promise<string> {
    clock.advance(DAY_MS);
    const submitted = await api.post('/v1/applications', exampleSubmission({ receivedAt: clock.now().toISOString() }));
    expect(submitted.status).toBe(201);
    const url = `/v1/applications/${submitted.body.id as string}`;
    clock.advance(DAY_MS);
    expect((await api.post(`${url}/biometric-instruction-letters`, {}, { as: 'officer' })).status).toBe(201);
    clock.advance(DAY_MS);
    const enrolledAt = new Date(clock.now().getTime() - 3_600_000).toISOString();
    const enrolled = await api.post(`${url}/biometrics`, { enrolledAt, location: 'VAC' });
    expect(enrolled.status).toBe(201);
    return url;
  }

  const recordResult = (url: string, body: Record<string, unknown>) =>
    api.post(`${url}/medical-results`, { examinedOn: today(), ...body }, { as: 'officer' });
  const approve = (url: string, overrides: unknown[] = []) =>
    api.post(`${url}/approval`, { notes: 'All requirements met.', overrides }, { as: 'officer' });
  const issue = (url: string, medical: Record<string, unknown> = {}) =>
    api.post(
      `${url}/work-permit`,
      { issuedOn: today(), medical: { examCompleted: true, designatedCountry: false, ...medical } },
      { as: 'officer' },
    );

  it('I4: M4 recorded → approval 422 I4_MEDICALLY_INADMISSIBLE → refusal under A38(1); no result after it (R2)', async () => {
    const url = await readyForDecision();
    const recorded = await recordResult(url, { result: 'M4' });
    expect(recorded.status).toBe(201);
    expect(recorded.body.medical).toEqual({ result: 'M4', examinedOn: today(), surveillance: null });

    const approval = await approve(url);
    expect(approval.status).toBe(422);
    expect(approval.body).toMatchObject({ status: 422, code: 'I4_MEDICALLY_INADMISSIBLE' });

    const refusal = await api.post(`${url}/refusal`, { reasons: [A38_REFUSAL] }, { as: 'officer' });
    expect(refusal.status).toBe(201);
    expect(refusal.body).toMatchObject({ status: 'refused', decision: { outcome: 'refused', reasons: [A38_REFUSAL] } });

    const late = await recordResult(url, { result: 'M1' });
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('R2_ALREADY_DECIDED');
  });

  it('I4: surveillance S2.02 → the permit remark is exactly "medical surveillance required."', async () => {
    const url = await readyForDecision();
    expect((await recordResult(url, { result: 'M1', surveillance: 'S2.02' })).status).toBe(201);
    expect((await approve(url)).status).toBe(201);
    clock.advance(DAY_MS);

    const mismatch = await issue(url, { result: 'M2' });
    expect(mismatch.status).toBe(422);
    expect(mismatch.body.code).toBe('I4_MEDICAL_RESULT_MISMATCH');

    const issued = await issue(url, { result: 'M1' });
    expect(issued.status).toBe(201);
    const remarks = issued.body.permit.remarks as string[];
    expect(remarks).toHaveLength(1);
    expect([...remarks[0]]).toEqual([...MEDICAL_SURVEILLANCE_REMARK]);
    expect(remarks[0]).toBe('medical surveillance required.');
    const read = await api.get(url, { as: 'officer' });
    expect(read.body.medical).toMatchObject({ result: 'M1', surveillance: 'S2.02' });
  });

  it('I4: M5 is approved only with an override of I4 citing R206, and its permit is then issued', async () => {
    const url = await readyForDecision();
    expect((await recordResult(url, { result: 'M5' })).status).toBe(201);

    const bare = await approve(url);
    expect(bare.status).toBe(422);
    expect(bare.body.code).toBe('I4_EXCESSIVE_DEMAND_OVERRIDE_REQUIRED');
    const uncited = await approve(url, [
      { rule: 'I4', justification: 'The officer weighed the medical file with care.' },
    ]);
    expect(uncited.status).toBe(422);
    expect(uncited.body.code).toBe('I4_EXCESSIVE_DEMAND_CITATION_REQUIRED');

    const approved = await approve(url, [R206_OVERRIDE]);
    expect(approved.status).toBe(201);
    expect(approved.body.status).toBe('approved');
    clock.advance(DAY_MS);
    const issued = await issue(url);
    expect(issued.status).toBe(201);
    expect(issued.body.permit.remarks).toEqual([]);
  });

  it('R7: permit issued → set aside by an admin → permit cancelled, received, both decisions shown → approved and issued again', async () => {
    const url = await readyForDecision();
    const undecided = await api.post(`${url}/decision-set-aside`, { ...JUDGMENT, decidedOn: today() }, { as: 'admin' });
    expect(undecided.status).toBe(409);
    expect(undecided.body.code).toBe('R7_NO_DECISION');
    const first = await approve(url);
    expect(first.status).toBe(201);
    clock.advance(DAY_MS);
    expect((await issue(url)).status).toBe(201);

    clock.set('2025-03-14T15:30:00Z');
    const byOfficer = await api.post(`${url}/decision-set-aside`, JUDGMENT, { as: 'officer' });
    expect(byOfficer.status).toBe(403);

    const setAside = await api.post(`${url}/decision-set-aside`, JUDGMENT, { as: 'admin' });
    expect(setAside.status).toBe(201);
    expect(setAside.body).toMatchObject({ status: 'received', decision: null, permit: null });
    const history = await api.get(`${url}/history`, { as: 'auditor' });
    const types = (history.body.events as { type: string }[]).map((event) => event.type);
    expect(types.slice(-2)).toEqual(['WorkPermitCancelled', 'DecisionSetAside']);

    const again = await api.post(`${url}/decision-set-aside`, JUDGMENT, { as: 'admin' });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('R7_NO_DECISION');

    clock.set('2025-04-01T15:30:00Z');
    const approved = await approve(url);
    expect(approved.status).toBe(201);
    expect(approved.body.decision).toEqual({
      outcome: 'approved',
      decidedAt: '2025-04-01T15:30:00.000Z',
      officerId: 'test-officer',
      reasons: [],
      setAside: [
        {
          ...JUDGMENT,
          previous: { outcome: 'approved', decidedAt: first.body.decision.decidedAt, officerId: 'test-officer' },
        },
      ],
    });
    const reissued = await issue(url);
    expect(reissued.status).toBe(201);
    expect(reissued.body).toMatchObject({ status: 'permit-issued', permit: { issuedOn: '2025-04-01' } });
    const read = await api.get(url, { as: 'officer' });
    expect(read.body.decision.setAside).toHaveLength(1);
  });
});
