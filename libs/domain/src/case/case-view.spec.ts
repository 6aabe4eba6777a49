import { applicationDecider, principalSnapshotOf, toApplicationView, type ApplicationEvent } from '@app/domain';
import { fold } from '@app/kernel';
import {
  APPLICATION_ID,
  familySubmission,
  foldStored,
  handleOverCap,
  historyOf,
  intakeNumberAssigned,
  permitIssuedPrincipal,
  principalSnapshot,
  principalWorkPermit,
  received,
  receivedAs,
  refused,
  readyForDecision,
  submission,
  submit,
  assignIntakeNumber,
} from '@app/testing';

const viewOf = (events: readonly ApplicationEvent[]) =>
  toApplicationView(foldStored(applicationDecider, events), events.length - 1);

describe("shared/API.md's ApplicationView", () => {
  it('has no view before receipt', () => {
    expect(toApplicationView(applicationDecider.initialState(), -1)).toBeNull();
  });

  it('shows a received application with the fields of the contract', () => {
    const view = viewOf([received()]);
    expect(view).toEqual({
      id: APPLICATION_ID,
      revision: 0,
      applicantType: 'principal',
      principalApplicationId: null,
      status: 'received',
      receivedAt: '2024-05-02T14:03:00Z',
      channel: 'online',
      form: 'IMM1295',
      routing: 'migration-office',
      intake: null,
      screening: received().data.screening,
      possibleDuplicateOf: null,
      fees: { paid: { processing: 155, openWorkPermitHolder: 100, biometrics: 85 }, refunded: {} },
      biometrics: { required: true, exemption: null, letter: null, enrolledAt: null },
      medical: null,
      decision: null,
      permit: null,
      family: { principalApplicationId: APPLICATION_ID, members: [] },
      extensions: [],
      informationRequests: [],
      notes: [],
    });
  });

  it('carries no personal data', () => {
    const text = JSON.stringify(viewOf(permitIssuedPrincipal()));
    const { applicant } = submission();
    for (const personal of [
      applicant.familyName,
      applicant.givenNames,
      applicant.dateOfBirth,
      applicant.passport.number,
    ]) {
      expect(text).not.toContain(personal);
    }
  });

  it('shows the intake, biometrics, decision and permit once issued', () => {
    expect(viewOf(permitIssuedPrincipal())).toMatchObject({
      revision: 5,
      status: 'permit-issued',
      intake: { year: 2024, number: 812, withinCap: true },
      biometrics: {
        letter: { issuedAt: '2024-05-03T14:03:00Z', dueBy: '2024-06-02', cancelledAt: null },
        enrolledAt: '2024-05-10T09:30:00Z',
      },
      decision: { outcome: 'approved', decidedAt: '2024-06-03T15:00:00Z', officerId: 'officer-17', reasons: [] },
      permit: principalWorkPermit(),
    });
  });

  it('shows the refusal reasons', () => {
    expect(viewOf([...readyForDecision(), refused()])?.decision).toEqual({
      outcome: 'refused',
      decidedAt: '2024-06-03T15:00:00Z',
      officerId: 'officer-17',
      reasons: refused().data.reasons,
      setAside: [],
    });
  });

  it('shows an over-cap cancellation with its refunds and the letter cancelled before it was sent', () => {
    const events = historyOf(submit(), assignIntakeNumber({ number: 7_351 }), handleOverCap('2024-05-03T05:00:00Z'));
    expect(viewOf(events)).toMatchObject({
      status: 'cancelled-over-cap',
      intake: { year: 2024, number: 7_351, withinCap: false },
      fees: { refunded: { processing: 155, openWorkPermitHolder: 100 } },
      biometrics: { letter: { issuedAt: null, dueBy: null, cancelledAt: '2024-05-03T05:00:00Z' } },
    });
  });
});

describe('state is plain JSON (a projection may store it and evolve from the stored copy)', () => {
  it('evolves the same from a JSON round trip as from memory', () => {
    const events = [...permitIssuedPrincipal(), intakeNumberAssigned()];
    expect(foldStored(applicationDecider, events)).toStrictEqual(fold(applicationDecider, events));
  });

  it('gives a principal snapshot only for a principal application', () => {
    expect(principalSnapshotOf(applicationDecider.initialState())).toBeNull();
    expect(
      principalSnapshotOf(
        fold(applicationDecider, [receivedAs(familySubmission(), { principal: principalSnapshot() })]),
      ),
    ).toBeNull();
    expect(principalSnapshotOf(fold(applicationDecider, permitIssuedPrincipal()))).toEqual({
      applicationId: APPLICATION_ID,
      status: 'permit-issued',
      permitValidTo: '2027-06-05',
      prApplicationSubmitted: false,
    });
  });
});
