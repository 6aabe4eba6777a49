import {
  applicationDecider,
  commandFollowingPrincipal,
  principalOutcomeOf,
  toApplicationView,
  type ApplicationEvent,
  type PrincipalOutcome,
} from '@app/domain';
import {
  PRINCIPAL_ID,
  applicationSpec,
  approved,
  bilIssued,
  biometricsEnrolled,
  familySubmission,
  principalSnapshot,
  readyForDecision,
  receivedAs,
  refused,
  withdrawn,
} from '@app/testing';

const PROCESS = 'family-follows-principal';
const spouseReceived = () =>
  receivedAs(familySubmission(), { principal: principalSnapshot({ status: 'received', permitValidTo: null }) });
const outcome = (overrides: Partial<PrincipalOutcome> = {}): PrincipalOutcome => ({
  principalApplicationId: PRINCIPAL_ID,
  outcome: 'refused',
  at: '2024-06-01T15:00:00Z',
  grounds: ['R200(1)(b)'],
  ...overrides,
});
const judgment = {
  court: 'FC',
  docket: 'IMM-1-24',
  decidedOn: '2024-09-01',
  reason: 'Unreasonable.',
  recordedAt: '2024-09-02T12:00:00Z',
};
const refusedBefore = { outcome: 'refused' as const, decidedAt: '2024-06-01T15:00:00Z', officerId: 'officer-7' };
const follow = (principal: PrincipalOutcome) => commandFollowingPrincipal(principal, '2024-05-02T14:03:00Z', PROCESS);
const statusAfter = (events: readonly ApplicationEvent[]) =>
  toApplicationView(events.reduce(applicationDecider.evolve, applicationDecider.initialState()), events.length - 1);

describe('M7 a family member follows its principal (R2, R7)', () => {
  it('refuses an open spouse on R200(1)(c)(ii), rule M7, naming the principal’s refusal (R1, R5)', () => {
    applicationSpec
      .given([spouseReceived()])
      .when(follow(outcome()))
      .thenEvents(([event]) => {
        expect(event.type).toBe('ApplicationRefused');
        const [reason] = event.type === 'ApplicationRefused' ? event.data.reasons : [];
        expect(reason).toMatchObject({ ground: 'R200(1)(c)(ii)', rule: 'M7' });
        expect(reason.explanation).toContain(
          `${PRINCIPAL_ID} was refused at 2024-06-01T15:00:00Z on ground R200(1)(b)`,
        );
      });
  });

  it('closes an open spouse cancelled over the cap with its principal, refunding as C4 says and stopping the unsent BIL (C5)', () => {
    applicationSpec
      .given([spouseReceived()])
      .when(follow(outcome({ outcome: 'cancelled-over-cap', grounds: [] })))
      .then([
        {
          type: 'BiometricInstructionLetterCancelled',
          data: { cancelledAt: '2024-06-01T15:00:00Z', reason: 'principal-closed', wasIssued: false },
        },
        {
          type: 'ApplicationClosedWithPrincipal',
          data: {
            principalApplicationId: PRINCIPAL_ID,
            principalOutcome: 'cancelled-over-cap',
            closedAt: '2024-06-01T15:00:00Z',
            refunds: { processing: 155, openWorkPermitHolder: 100 },
          },
        },
      ]);
  });

  it.each(['returned-over-cap', 'withdrawn'] as const)(
    'closes a spouse whose BIL went out as %s, the letter cancelled after it was sent',
    (closing) => {
      const given = [spouseReceived(), bilIssued()];
      applicationSpec
        .given(given)
        .when(follow(outcome({ outcome: closing, grounds: [] })))
        .thenEvents((events) => {
          expect(events[0]).toMatchObject({ data: { reason: 'principal-closed', wasIssued: true } });
          const view = statusAfter([...given, ...events]);
          expect(view).toMatchObject({ status: closing, fees: { refunded: { processing: 155 } } });
        });
    },
  );

  it('dates the outcome at the member’s receipt when the principal closed before it (T1)', () => {
    const early = commandFollowingPrincipal(outcome({ at: '2024-04-01T00:00:00Z' }), '2024-05-02T14:03:00Z', PROCESS);
    applicationSpec
      .given([spouseReceived()])
      .when(early)
      .thenEvents(([event]) => expect(event.data).toMatchObject({ decidedAt: '2024-05-02T14:03:00Z' }));
  });

  it('leaves a refused or closed member as it is: decisions are final (R2)', () => {
    const refusedSpouse = [spouseReceived(), refused()];
    applicationSpec.given(refusedSpouse).when(follow(outcome())).thenThrows('R2_ALREADY_DECIDED', 'conflict');
    const closing = follow(outcome({ outcome: 'withdrawn', grounds: [] }));
    applicationSpec.given(refusedSpouse).when(closing).thenThrows('R2_ALREADY_DECIDED', 'conflict');
    applicationSpec
      .given([spouseReceived(), withdrawn()])
      .when(closing)
      .thenThrows('R2_APPLICATION_CLOSED', 'conflict');
  });

  it('refuses to move a member approved on an approval that no longer stands: only a set-aside re-opens it (M6, R2, R7)', () => {
    const approvedSpouse = [spouseReceived(), bilIssued(), biometricsEnrolled(), approved()];
    applicationSpec.given(approvedSpouse).when(follow(outcome())).thenThrows('M7_MEMBER_APPROVED', 'rule');
  });

  it('closes only a family member, and only with its own principal', () => {
    const closing = follow(outcome({ outcome: 'withdrawn', grounds: [] }));
    applicationSpec.given(readyForDecision()).when(closing).thenThrows('M7_NOT_A_FAMILY_MEMBER', 'rule');
    const other = follow(outcome({ outcome: 'withdrawn', principalApplicationId: 'another-principal' }));
    applicationSpec.given([spouseReceived()]).when(other).thenThrows('M7_PRINCIPAL_MISMATCH', 'rule');
  });

  it('reads a principal’s outcome from its refusal, closings and withdrawal, and nothing from an approval', () => {
    expect(principalOutcomeOf(PRINCIPAL_ID, refused())).toMatchObject({ outcome: 'refused' });
    expect(principalOutcomeOf(PRINCIPAL_ID, approved())).toBeNull();
    const setAside = { type: 'DecisionSetAside' as const, data: { ...judgment, previous: refusedBefore } };
    expect(principalOutcomeOf(PRINCIPAL_ID, setAside)).toBe('reopened');
  });
});

describe('M7, M11 the family on the view (API v1.1)', () => {
  it('names the principal and the members a family index knows, on a member’s view and on the principal’s', () => {
    const members = ['member-a', 'member-b'];
    const spouse = applicationDecider.evolve(applicationDecider.initialState(), spouseReceived());
    expect(toApplicationView(spouse, 0, members)?.family).toEqual({
      principalApplicationId: PRINCIPAL_ID,
      members,
    });
    const principal = readyForDecision().reduce(applicationDecider.evolve, applicationDecider.initialState());
    expect(toApplicationView(principal, 3, members)?.family).toEqual({
      principalApplicationId: principal.status === 'new' ? null : principal.applicationId,
      members,
    });
  });
});
