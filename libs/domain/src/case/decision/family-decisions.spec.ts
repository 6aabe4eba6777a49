import type { PrincipalStatus, Submission } from '@app/domain';
import {
  applicationSpec,
  approve,
  approved,
  bilIssued,
  biometricsEnrolled,
  familySubmission,
  principalSnapshot,
  readyForDecision,
  receivedAs,
  refuse,
  refused,
  withdraw,
  type DeepPartial,
} from '@app/testing';

/** A family member received while its principal was only received (applying together), biometrics enrolled. */
const memberReady = (overrides?: DeepPartial<Submission>) => [
  receivedAs(familySubmission(overrides), {
    principal: principalSnapshot({ status: 'received', permitValidTo: null }),
  }),
  bilIssued(),
  biometricsEnrolled(),
];
const approvedPrincipal = principalSnapshot({ status: 'approved', permitValidTo: null });
const approveMember = (data: Parameters<typeof approve>[0] = {}) => approve({ principal: approvedPrincipal, ...data });

describe('M6 the principal is assessed first: a family member is approved only once the principal is', () => {
  it('approves a spouse whose principal is approved at decision, recording the principal as it stood', () => {
    applicationSpec
      .given(memberReady())
      .when(approveMember())
      .then([approved({ principal: approvedPrincipal })]);
  });

  it("approves a spouse whose principal's permit is issued", () => {
    applicationSpec
      .given(memberReady())
      .when(approve({ principal: principalSnapshot() }))
      .then([approved({ principal: principalSnapshot() })]);
  });

  it.each(['received', 'refused', 'withdrawn', 'cancelled-over-cap', 'returned-over-cap'] as const)(
    'refuses to approve a spouse while the principal is %s',
    (status: PrincipalStatus) => {
      applicationSpec
        .given(memberReady())
        .when(approve({ principal: principalSnapshot({ status, permitValidTo: null }) }))
        .thenThrows('M6_PRINCIPAL_NOT_APPROVED', 'rule');
    },
  );

  it("refuses to approve a spouse without the principal's state at decision", () => {
    applicationSpec.given(memberReady()).when(approve()).thenThrows('M6_PRINCIPAL_NOT_APPROVED', 'rule');
  });

  it('refuses the snapshot of another application (M1)', () => {
    applicationSpec
      .given(memberReady())
      .when(approve({ principal: principalSnapshot({ applicationId: 'someone-else', status: 'approved' }) }))
      .thenThrows('M1_PRINCIPAL_MISMATCH');
  });

  it("refuses a principal snapshot on a principal's own approval (M1)", () => {
    applicationSpec.given(readyForDecision()).when(approveMember()).thenThrows('M1_PRINCIPAL_NOT_EXPECTED');
  });

  describe('a family member turned away by M6 is never stuck', () => {
    const refusedPrincipal = principalSnapshot({ status: 'refused', permitValidTo: null });
    const PRINCIPAL_REFUSED = {
      ground: 'R200(1)(c)(ii)',
      rule: null,
      explanation:
        "The principal's A76 application was refused on 2024-06-01, so the spouse no longer joins an A76 permit holder.",
    };

    it('can be refused once its approval was turned away because the principal was refused', () => {
      applicationSpec
        .given(memberReady())
        .when(approve({ principal: refusedPrincipal }))
        .thenThrows('M6_PRINCIPAL_NOT_APPROVED');
      applicationSpec
        .given(memberReady())
        .when(refuse({ reasons: [PRINCIPAL_REFUSED] }))
        .then([refused({ reasons: [PRINCIPAL_REFUSED] })]);
    });

    it('can be withdrawn once its approval was turned away because the principal was only received', () => {
      applicationSpec
        .given(memberReady())
        .when(approve({ principal: principalSnapshot({ status: 'received', permitValidTo: null }) }))
        .thenThrows('M6_PRINCIPAL_NOT_APPROVED');
      applicationSpec
        .given(memberReady())
        .when(withdraw({ requestedAt: '2024-06-03T16:00:00Z' }))
        .thenEvents((events) => {
          expect(events.map((event) => event.type)).toEqual(['ApplicationWithdrawn']);
        });
    });

    it('is approved later, once the principal is approved', () => {
      applicationSpec
        .given(memberReady())
        .when(approveMember())
        .thenEvents((events) => expect(events.map((event) => event.type)).toEqual(['ApplicationApproved']));
    });
  });
});

describe('M9 a dependent child is under 22 at receipt and at decision', () => {
  const child = (dateOfBirth: string) =>
    memberReady({ applicantType: 'dependent-child', applicant: { dateOfBirth }, documents: ['birth-certificate'] });
  const CONDITION = {
    rule: 'M9' as const,
    justification:
      'Medical reports from 2008 and 2023 show a disability since age 16; fully supported by the principal.',
  };

  it('approves a child of 19 without any override', () => {
    applicationSpec
      .given(child('2005-01-10'))
      .when(approveMember())
      .then([approved({ principal: approvedPrincipal })]);
  });

  it('refuses to approve a 34-year-old "dependent child" without the officer confirming a condition', () => {
    applicationSpec.given(child('1990-01-15')).when(approveMember()).thenThrows('M9_NOT_A_DEPENDENT_CHILD', 'rule');
  });

  it('approves a child of 22 or over when the officer confirms the dependency with a reasoned M9 override', () => {
    applicationSpec
      .given(child('1990-01-15'))
      .when(approveMember({ overrides: [CONDITION] }))
      .then([approved({ principal: approvedPrincipal, overrides: [CONDITION] })]);
  });

  it('judges the age again at decision: 21 at receipt, 22 at decision', () => {
    applicationSpec.given(child('2002-05-20')).when(approveMember()).thenThrows('M9_NOT_A_DEPENDENT_CHILD');
  });

  it('accepts the M9 override of a child who turned 22 after receipt', () => {
    applicationSpec
      .given(child('2002-05-20'))
      .when(approveMember({ overrides: [CONDITION] }))
      .then([approved({ principal: approvedPrincipal, overrides: [CONDITION] })]);
  });

  it('still approves a child who turns 22 the day after the decision', () => {
    applicationSpec
      .given(child('2002-06-04'))
      .when(approveMember())
      .thenEvents((events) => expect(events).toHaveLength(1));
  });

  it('needs a non-trivial confirmation', () => {
    applicationSpec
      .given(child('1990-01-15'))
      .when(approveMember({ overrides: [{ rule: 'M9', justification: 'ok' }] }))
      .thenThrows('SCREENING_OVERRIDE_UNJUSTIFIED');
  });
});

describe('M8 approving without relationship evidence needs an override', () => {
  const noEvidence = () => memberReady({ documents: [] });
  const EVIDENCE = {
    rule: 'M8' as const,
    justification: 'Marriage certificate seen at the interview on 2024-05-28 and verified.',
  };

  it('refuses approval without an M8 override', () => {
    applicationSpec.given(noEvidence()).when(approveMember()).thenThrows('SCREENING_OVERRIDE_REQUIRED');
  });

  it('approves with a reasoned M8 override', () => {
    applicationSpec
      .given(noEvidence())
      .when(approveMember({ overrides: [EVIDENCE] }))
      .then([approved({ principal: approvedPrincipal, overrides: [EVIDENCE] })]);
  });
});
