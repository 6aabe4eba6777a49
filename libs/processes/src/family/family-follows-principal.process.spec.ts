import { setTimeout as sleep } from 'node:timers/promises';
import type { RecordedEvent } from '@app/event-store';
import { NON_TRIVIAL_EXPLANATION, familySubmission, submission } from '@app/testing';
import { openReadModelDatabase } from '@app/projections';
import { ProcessHarness } from '../testing/process-harness';
import { systemCommandId, type ApplicationDispatch } from '../system-dispatch';
import { FAMILY_FOLLOWS_PRINCIPAL, familyFollowsPrincipalHandler } from './family-follows-principal.process';

const RECEIVED_AT = '2024-05-02T14:03:00.000Z';
const SET_ASIDE_AT = '2024-09-03T14:00:00.000Z';
const child = (principalApplicationId: string) =>
  familySubmission({
    principalApplicationId,
    applicantType: 'dependent-child',
    applicant: { givenNames: 'Léa', dateOfBirth: '2012-03-04', passport: { number: '22FR55501' } },
    documents: ['birth-certificate'],
  });

describe('M7 the family follows its principal (process)', () => {
  let bench: ProcessHarness;
  const start = (...dispatches: ApplicationDispatch[]) => {
    for (const dispatch of dispatches) bench.addProcess(familyFollowsPrincipalHandler(bench.db, dispatch, bench.now));
    bench.start();
  };
  beforeEach(() => (bench = new ProcessHarness(RECEIVED_AT)));
  afterEach(() => bench.stop());

  const family = async () => {
    const principal = await bench.submit(submission());
    await bench.send(principal, { type: 'AssignIntakeNumber', data: { year: 2024, number: 1, cap: 7_350 } });
    const spouse = await bench.submit(familySubmission({ principalApplicationId: principal }));
    return { principal, spouse };
  };
  const refusePrincipal = async (principal: string) => {
    const reasons = [{ ground: 'R200(1)(b)', explanation: NON_TRIVIAL_EXPLANATION + ' The stay has no end in view.' }];
    await bench.send(principal, {
      type: 'RefuseApplication',
      data: { decidedAt: '2024-06-01T15:00:00Z', officerId: 'officer-7', reasons },
    });
    return (await bench.eventsOf(principal)).at(-1) as RecordedEvent;
  };
  const last = async (id: string) => (await bench.eventsOf(id)).at(-1) as RecordedEvent;
  const count = async (id: string, type: string) => (await bench.typesOf(id)).filter((t) => t === type).length;
  const nothingParked = () => expect(bench.runner.parking.passedOver(FAMILY_FOLLOWS_PRINCIPAL).size).toBe(0);

  it('refuses the open spouse and child once the principal is refused, each caused by the principal’s refusal', async () => {
    start(bench.dispatch);
    const { principal, spouse } = await family();
    const daughter = await bench.submit(child(principal));
    await bench.settle();
    const refusal = await refusePrincipal(principal);
    await bench.settle();
    for (const member of [spouse, daughter]) {
      const event = await last(member);
      expect(event.type).toBe('ApplicationRefused');
      expect(event.data).toMatchObject({ reasons: [{ ground: 'R200(1)(c)(ii)', rule: 'M7' }] });
      expect(event.metadata).toMatchObject({
        causationId: refusal.eventId,
        correlationId: refusal.metadata.correlationId,
        commandId: systemCommandId(FAMILY_FOLLOWS_PRINCIPAL, `follow-principal:${member}`),
      });
    }
    nothingParked();
  });

  it('refuses a child received after its principal was refused, at once, caused by that refusal', async () => {
    start(bench.dispatch);
    const { principal } = await family();
    const refusal = await refusePrincipal(principal);
    await bench.settle();
    const late = await bench.submit(child(principal));
    await bench.settle();
    const event = await last(late);
    expect(event.type).toBe('ApplicationRefused');
    expect(event.metadata.causationId).toBe(refusal.eventId);
    nothingParked();
  });

  it('closes and refunds the open members of a principal withdrawn or cancelled over the cap (C4)', async () => {
    start(bench.dispatch);
    const withdrawing = await family();
    await bench.send(withdrawing.principal, { type: 'WithdrawApplication', data: { requestedAt: RECEIVED_AT } });
    const over = await bench.submit(submission({ applicant: { passport: { number: 'OVER-1' } } }));
    await bench.send(over, { type: 'AssignIntakeNumber', data: { year: 2024, number: 7_351, cap: 7_350 } });
    const overSpouse = await bench.submit(familySubmission({ principalApplicationId: over }));
    await bench.settle();
    await bench.send(over, { type: 'HandleOverCap', data: { at: '2024-05-03T05:00:00Z' } });
    await bench.settle();
    const closed = [await last(withdrawing.spouse), await last(overSpouse)];
    expect(closed.map((event) => [event.type, event.data.principalOutcome])).toEqual([
      ['ApplicationClosedWithPrincipal', 'withdrawn'],
      ['ApplicationClosedWithPrincipal', 'cancelled-over-cap'],
    ]);
    expect(closed[1].data.refunds).toEqual({ processing: 155, openWorkPermitHolder: 100 });
    expect(closed[1].metadata.causationId).toBe((await last(over)).eventId);
    expect(await bench.typesOf(overSpouse)).toContain('BiometricInstructionLetterCancelled');
  });

  it('leaves a member that withdrew on its own as it is, without parking anything (R2, R3)', async () => {
    start(bench.dispatch);
    const { principal, spouse } = await family();
    await bench.send(spouse, { type: 'WithdrawApplication', data: { requestedAt: RECEIVED_AT } });
    await refusePrincipal(principal);
    await bench.settle();
    expect(await bench.typesOf(spouse)).toEqual(['ApplicationReceived', 'ApplicationWithdrawn']);
    nothingParked();
  });

  it('appends once with two workers on one index, and once more when a fresh index replays the log', async () => {
    const slow: ApplicationDispatch = async (...args) => {
      await sleep(1);
      return bench.dispatch(...args);
    };
    start(bench.dispatch, slow);
    const { principal, spouse } = await family();
    const daughter = await bench.submit(child(principal));
    await refusePrincipal(principal);
    await bench.settle();
    const workersSent = bench.dispatched.length;
    const fresh = openReadModelDatabase(':memory:');
    const replay = familyFollowsPrincipalHandler(fresh, bench.dispatch, bench.now);
    replay.open();
    await replay.handle(await bench.store.readAll({ limit: 1000 }));
    fresh.close();
    expect(workersSent).toBeGreaterThanOrEqual(4);
    expect(
      bench.dispatched
        .slice(workersSent)
        .map((command) => command.applicationId)
        .sort(),
    ).toEqual([spouse, daughter].sort());
    for (const member of [spouse, daughter]) expect(await count(member, 'ApplicationRefused')).toBe(1);
  });

  const setAside = (id: string) =>
    bench.send(id, {
      type: 'SetAsideDecision',
      data: {
        court: 'FC',
        docket: 'IMM-4-24',
        decidedOn: '2024-09-02',
        reason: 'Unreasonable.',
        recordedAt: SET_ASIDE_AT,
      },
    });
  const approveWithBiometrics = async (id: string) => {
    await bench.send(id, {
      type: 'IssueBiometricInstructionLetter',
      data: { issuedAt: RECEIVED_AT, automatic: false },
    });
    await bench.send(id, {
      type: 'RecordBiometricsEnrolment',
      data: { enrolledAt: RECEIVED_AT, location: 'VAC Paris' },
    });
    await bench.send(id, {
      type: 'ApproveApplication',
      data: { decidedAt: '2024-05-20T15:00:00Z', officerId: 'officer-7', notes: 'All requirements met.' },
    });
  };

  it('R7: a member received after its principal’s refusal was set aside does not follow that refusal', async () => {
    start(bench.dispatch);
    const { principal, spouse } = await family();
    await refusePrincipal(principal);
    await setAside(principal);
    const late = await bench.submit(child(principal), SET_ASIDE_AT);
    await bench.settle();
    expect(await bench.typesOf(spouse)).toContain('ApplicationRefused');
    expect(await bench.typesOf(late)).toEqual(['ApplicationReceived']);
    nothingParked();
  });

  it('M7, R2, R7: a member approved on an approval since set aside and refused is parked; the open child is refused all the same', async () => {
    start(bench.dispatch);
    const { principal, spouse } = await family();
    const daughter = await bench.submit(child(principal));
    await approveWithBiometrics(principal);
    await bench.settle();
    await approveWithBiometrics(spouse);
    await setAside(principal);
    const refusal = await refusePrincipal(principal);
    await bench.settle();
    expect((await last(spouse)).type).toBe('ApplicationApproved');
    expect((await last(daughter)).type).toBe('ApplicationRefused');
    expect([...bench.runner.parking.passedOver(FAMILY_FOLLOWS_PRINCIPAL)]).toEqual([refusal.eventId]);
  });
});
