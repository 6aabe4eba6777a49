import { familySubmission, submission } from '@app/testing';
import { ProcessHarness } from '../testing/process-harness';
import { DUE_TIMERS_TABLE, dueTimersProjection } from './due-timers.projection';

const RECEIVED_AT = '2024-05-02T14:03:00.000Z';
const DUE_AT = '2024-05-03T14:03:00.000Z';

describe('B1 due-timers read model', () => {
  let bench: ProcessHarness;
  beforeEach(() => {
    bench = new ProcessHarness(RECEIVED_AT);
    bench.addProjection(dueTimersProjection).start();
  });
  afterEach(() => bench.stop());

  const timerOf = (applicationId: string) =>
    bench.db
      .prepare(`SELECT due_at AS dueAt, state FROM ${DUE_TIMERS_TABLE} WHERE application_id = ?`)
      .get(applicationId);

  const number = (applicationId: string, n: number) =>
    bench.send(applicationId, { type: 'AssignIntakeNumber', data: { year: 2024, number: n, cap: 7_350 } });

  it('C5 keeps a principal’s timer waiting for its intake number, then arms it at receipt + 24 h within the cap', async () => {
    const id = await bench.submit(submission());
    await bench.settle();
    expect(timerOf(id)).toEqual({ dueAt: DUE_AT, state: 'awaiting-intake' });
    await number(id, 7_350);
    await bench.settle();
    expect(timerOf(id)).toEqual({ dueAt: DUE_AT, state: 'armed' });
  });

  it('C5 ends the timer when the application is numbered over the cap', async () => {
    const id = await bench.submit(submission());
    await number(id, 7_351);
    await bench.settle();
    expect(timerOf(id)).toEqual({ dueAt: DUE_AT, state: 'ended' });
  });

  it('arms a family member’s timer at receipt: family members are not numbered (C2)', async () => {
    const principal = await bench.submit(submission());
    const spouse = await bench.submit(
      familySubmission({ principalApplicationId: principal, applicant: { dateOfBirth: '1991-02-03' } }),
    );
    await bench.settle();
    expect(timerOf(spouse)).toEqual({ dueAt: DUE_AT, state: 'armed' });
  });

  it.each([
    ['B3 biometrics given in the last 10 years', submission({ applicant: { biometricsGivenOn: '2019-06-01' } })],
    ['B1 a paper application', submission({ channel: 'paper' })],
    ['B1 the biometric fee not paid', submission({ fees: { biometrics: 0 } })],
  ])('sets no timer for %s', async (_case, filed) => {
    const id = await bench.submit(filed);
    await bench.settle();
    expect(timerOf(id)).toBeUndefined();
  });

  it.each([
    [
      'an officer’s BIL (B4)',
      { type: 'IssueBiometricInstructionLetter' as const, data: { issuedAt: RECEIVED_AT, automatic: false } },
    ],
    ['a withdrawal (R3)', { type: 'WithdrawApplication' as const, data: { requestedAt: RECEIVED_AT } }],
  ])('ends the timer on %s', async (_case, command) => {
    const id = await bench.submit(submission());
    await number(id, 1);
    await bench.send(id, command);
    await bench.settle();
    expect(timerOf(id)).toEqual({ dueAt: DUE_AT, state: 'ended' });
  });

  it('moves the revision on every event and sets the state only when an event changes it (its index entry left alone)', async () => {
    bench.db.exec(`CREATE TABLE state_sets (state TEXT NOT NULL);
      CREATE TRIGGER due_state_set AFTER UPDATE OF state ON ${DUE_TIMERS_TABLE} BEGIN INSERT INTO state_sets VALUES (new.state); END`);
    const id = await bench.submit(submission());
    await number(id, 7_351);
    await bench.send(id, { type: 'HandleOverCap', data: { at: RECEIVED_AT } });
    await bench.settle();

    const events = await bench.eventsOf(id);
    expect(events.map((event) => event.type)).toEqual([
      'ApplicationReceived',
      'IntakeNumberAssigned',
      'BiometricInstructionLetterCancelled',
      'ApplicationCancelledOverCap',
    ]);
    const revision = bench.db.prepare(`SELECT revision FROM ${DUE_TIMERS_TABLE} WHERE application_id = ?`).pluck();
    expect(revision.get(id)).toBe(events.length - 1);
    expect(bench.db.prepare('SELECT state FROM state_sets').pluck().all()).toEqual(['ended']);
  });

  it('applies an event twice without effect, and a replayed receipt cannot re-arm an ended timer', async () => {
    const id = await bench.submit(submission());
    await number(id, 1);
    await bench.send(id, { type: 'WithdrawApplication', data: { requestedAt: RECEIVED_AT } });
    await bench.settle();
    for (const event of await bench.eventsOf(id)) dueTimersProjection.apply(bench.db, event);
    expect(timerOf(id)).toEqual({ dueAt: DUE_AT, state: 'ended' });
  });
});
