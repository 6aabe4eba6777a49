import {
  applicationDecider,
  currentPermitValidTo,
  principalSnapshotOf,
  toApplicationView,
  type ApplicationCommand,
  type ApplicationEvent,
  type ApplicationState,
} from '@app/domain';
import {
  EXTENSION_ID,
  applicationSpec,
  approve,
  approved,
  decideExtension,
  decisionSetAside,
  intakeNumberAssigned,
  received,
  requestExtension,
  foldStored,
  issueWorkPermit,
  permitIssuedPrincipal,
  readyForDecision,
  refuse,
  refused,
  setAsideDecision,
  withdraw,
  withdrawn,
  workPermitCancelled,
  workPermitIssued,
  principalWorkPermit,
  approvedPrincipal,
} from '@app/testing';

const stateOf = (events: readonly ApplicationEvent[]): ApplicationState => foldStored(applicationDecider, events);
const after = (given: readonly ApplicationEvent[], ...commands: readonly ApplicationCommand[]) =>
  commands.reduce<readonly ApplicationEvent[]>(
    (events, command) => [...events, ...applicationDecider.decide(command, stateOf(events))],
    given,
  );
const viewOf = (events: readonly ApplicationEvent[]) => toApplicationView(stateOf(events), events.length - 1);

describe('R7 a decision set aside by the Federal Court re-opens the application', () => {
  it('sets an approval aside', () => {
    applicationSpec.given(approvedPrincipal()).when(setAsideDecision()).then([decisionSetAside()]);
  });

  it('sets a refusal aside', () => {
    applicationSpec
      .given([...readyForDecision(), refused()])
      .when(setAsideDecision())
      .then([
        decisionSetAside({
          previous: { outcome: 'refused', decidedAt: '2024-06-03T15:00:00Z', officerId: 'officer-17' },
        }),
      ]);
  });

  it('cancels the permit issued on it in the same command, before setting the decision aside', () => {
    applicationSpec
      .given(permitIssuedPrincipal())
      .when(setAsideDecision())
      .then([workPermitCancelled(), decisionSetAside()]);
  });

  it('returns the case to received, without permit, for a new decision (the only exception to R2)', () => {
    const setAside = [...permitIssuedPrincipal(), workPermitCancelled(), decisionSetAside()];
    expect(viewOf(setAside)).toMatchObject({ status: 'received', decision: null, permit: null });
    applicationSpec
      .given(setAside)
      .when(approve({ decidedAt: '2025-04-01T15:00:00Z' }))
      .then([approved({ decidedAt: '2025-04-01T15:00:00Z' })]);
    applicationSpec
      .given(setAside)
      .when(refuse({ decidedAt: '2025-04-01T15:00:00Z' }))
      .then([refused({ decidedAt: '2025-04-01T15:00:00Z' })]);
  });

  it('shows both decisions: the current one, carrying the one set aside', () => {
    const redecided = [
      ...permitIssuedPrincipal(),
      workPermitCancelled(),
      decisionSetAside(),
      refused({ decidedAt: '2025-04-01T15:00:00Z', officerId: 'officer-21' }),
    ];
    expect(viewOf(redecided)?.decision).toEqual({
      outcome: 'refused',
      decidedAt: '2025-04-01T15:00:00Z',
      officerId: 'officer-21',
      reasons: refused().data.reasons,
      setAside: [
        {
          court: 'Federal Court',
          docket: 'IMM-1234-24',
          decidedOn: '2025-03-10',
          reason: setAsideDecision().data.reason,
          previous: { outcome: 'approved', decidedAt: '2024-06-03T15:00:00Z', officerId: 'officer-17' },
        },
      ],
    });
  });

  it('issues a new permit after a new approval', () => {
    applicationSpec
      .given([
        ...permitIssuedPrincipal(),
        workPermitCancelled(),
        decisionSetAside(),
        approved({ decidedAt: '2025-04-01T15:00:00Z' }),
      ])
      .when(issueWorkPermit({ issuedOn: '2025-04-02' }))
      .then([workPermitIssued(principalWorkPermit({ issuedOn: '2025-04-02', validTo: '2028-04-02' }))]);
  });

  it('conflicts on an application with no decision', () => {
    applicationSpec.given(readyForDecision()).when(setAsideDecision()).thenThrows('R7_NO_DECISION', 'conflict');
    applicationSpec
      .given([...readyForDecision(), withdrawn()])
      .when(setAsideDecision())
      .thenThrows('R7_NO_DECISION', 'conflict');
    applicationSpec
      .given([...approvedPrincipal(), decisionSetAside()])
      .when(setAsideDecision())
      .thenThrows('R7_NO_DECISION', 'conflict');
  });

  it('dates the judgment between the decision and the day it is recorded, and names court, docket and reason', () => {
    applicationSpec
      .given(approvedPrincipal())
      .when(setAsideDecision({ decidedOn: '2025-03-15' }))
      .thenThrows('R7_JUDGMENT_IN_FUTURE', 'rule');
    applicationSpec
      .given(approvedPrincipal())
      .when(setAsideDecision({ decidedOn: '2024-06-02' }))
      .thenThrows('T1_BEFORE_RECEIPT');
    applicationSpec
      .given(approvedPrincipal())
      .when(setAsideDecision({ docket: '  ' }))
      .thenThrows('R7_JUDGMENT_INCOMPLETE', 'rule');
  });
});

describe('R7 X1 the extensions of a cancelled permit end with it', () => {
  const extended = () => after(permitIssuedPrincipal(), requestExtension(), decideExtension());

  it('names them on the cancellation and drops them from the case', () => {
    const cancelled = applicationDecider.decide(
      setAsideDecision({ recordedAt: '2027-05-01T15:00:00Z', decidedOn: '2027-04-20' }),
      stateOf(extended()),
    );
    expect(cancelled[0]).toEqual(
      workPermitCancelled({
        cancelledOn: '2027-05-01',
        validTo: '2028-04-15',
        endedExtensions: [EXTENSION_ID],
        reason: 'R7: the decision was set aside by Federal Court in IMM-1234-24 on 2027-04-20',
      }),
    );
    const reissued = [
      ...extended(),
      ...cancelled,
      approved({ decidedAt: '2027-05-02T15:00:00Z' }),
      workPermitIssued(principalWorkPermit({ issuedOn: '2027-05-03', validTo: '2030-05-03' })),
    ];
    expect(currentPermitValidTo(stateOf(reissued))).toBe('2030-05-03');
    expect(principalSnapshotOf(stateOf(reissued))?.prApplicationSubmitted).toBe(true);
    expect(viewOf(reissued)?.extensions).toEqual([]);
    applicationSpec
      .given(reissued)
      .when(decideExtension({ decidedOn: '2027-05-04' }))
      .thenThrows('X1_EXTENSION_NOT_FOUND');
  });
});

describe('R3 R7 C2 a set-aside refunds nothing and changes nothing in the intake', () => {
  it('keeps the intake number and refunds no fee on a withdrawal after the set-aside (an officer had decided)', () => {
    const exempt = received({ applicant: { biometricsGivenOn: '2019-06-01' } });
    const setAside = [exempt, intakeNumberAssigned(), approved(), decisionSetAside()];
    expect(viewOf(setAside)).toMatchObject({
      intake: { year: 2024, number: 812, withinCap: true },
      fees: { refunded: {} },
    });
    applicationSpec
      .given(setAside)
      .when(withdraw({ requestedAt: '2025-03-20T12:00:00Z' }))
      .then([withdrawn({ withdrawnAt: '2025-03-20T12:00:00Z', refunds: {} })]);
  });
});
