import {
  applicationSpec,
  approve,
  approved,
  approvedPrincipal,
  familySubmission,
  intakeNumberAssigned,
  NON_TRIVIAL_EXPLANATION,
  permitIssuedPrincipal,
  principalSnapshot,
  quebec,
  readyForDecision,
  received,
  receivedAs,
  refuse,
  refused,
  withdrawn,
} from '@app/testing';

const QUEBEC_OVERRIDE = {
  rule: 'E2' as const,
  justification: 'Lease in Ottawa since March 2024; the Quebec address is the employer.',
};

describe('approval', () => {
  it('approves an application with every finding passed', () => {
    applicationSpec.given(readyForDecision()).when(approve()).then([approved()]);
  });

  it('refuses to decide an application that was never submitted', () => {
    applicationSpec.given().when(approve()).thenThrows('APPLICATION_NOT_FOUND', 'not-found');
  });

  it('refuses a decision dated before receipt (T1)', () => {
    applicationSpec
      .given(readyForDecision())
      .when(approve({ decidedAt: '2024-05-01T12:00:00Z' }))
      .thenThrows('T1_BEFORE_RECEIPT');
  });
});

describe('E2 approving over a failed finding needs a reasoned override', () => {
  const quebecResident = readyForDecision({
    residence: quebec,
    form: 'IMM5710',
    inCanadaStatus: { kind: 'worker', validTo: '2025-06-30' },
    documents: ['csq', 'invitation-letter', 'intent-to-reside', 'lease'],
  });

  it('refuses approval without an override of the failed E2 finding', () => {
    applicationSpec.given(quebecResident).when(approve()).thenThrows('SCREENING_OVERRIDE_REQUIRED');
  });

  it('refuses an override without a non-trivial justification', () => {
    applicationSpec
      .given(quebecResident)
      .when(approve({ overrides: [{ rule: 'E2', justification: 'ok' }] }))
      .thenThrows('SCREENING_OVERRIDE_UNJUSTIFIED');
  });

  it('records the override in the approval', () => {
    applicationSpec
      .given(quebecResident)
      .when(approve({ overrides: [QUEBEC_OVERRIDE] }))
      .then([approved({ overrides: [QUEBEC_OVERRIDE] })]);
  });
});

describe('C3 a principal is decided only once numbered [INF]', () => {
  it('refuses to approve before the intake number is known', () => {
    applicationSpec.given([received()]).when(approve()).thenThrows('C3_INTAKE_PENDING', 'conflict');
  });

  it('decides a family member without an intake number (not counted)', () => {
    applicationSpec
      .given([receivedAs(familySubmission(), { principal: principalSnapshot() })])
      .when(refuse())
      .then([refused()]);
  });
});

describe('M3 a family member whose principal had less than 6 months left is not approved', () => {
  it('refuses approval, whatever the overrides', () => {
    const shortPrincipal = principalSnapshot({ permitValidTo: '2024-10-02' });
    const overrides = [{ rule: 'M3', justification: 'The principal will surely be extended soon by IRCC.' }];
    applicationSpec
      .given([
        receivedAs(familySubmission({ applicant: { dateOfBirth: '2015-01-01' } }), { principal: shortPrincipal }),
      ])
      .when(approve({ overrides }))
      .thenThrows('M3_PRINCIPAL_AUTHORIZATION_TOO_SHORT');
  });
});

describe('R1 a refusal names each requirement not met and explains it', () => {
  it('records the grounds and explanations', () => {
    applicationSpec.given(readyForDecision()).when(refuse()).then([refused()]);
  });

  it('refuses a refusal with no reasons', () => {
    applicationSpec
      .given(readyForDecision())
      .when(refuse({ reasons: [] }))
      .thenThrows('R1_REASONS_REQUIRED', 'rule');
  });

  it('refuses a refusal with an empty explanation', () => {
    applicationSpec
      .given(readyForDecision())
      .when(refuse({ reasons: [{ ground: 'R200(1)(b)', explanation: '  ' }] }))
      .thenThrows('R1_EXPLANATION_REQUIRED');
  });

  it('refuses a ground that is neither an R200(1) paragraph nor an IRPA section (R4)', () => {
    applicationSpec
      .given(readyForDecision())
      .when(refuse({ reasons: [{ ground: 'R179(b)', explanation: NON_TRIVIAL_EXPLANATION }] }))
      .thenThrows('R1_UNKNOWN_GROUND');
  });
});

describe('R4 a refusal may rest on admissibility', () => {
  const MISREPRESENTATION =
    'The CSQ number given belongs to another person; MIFI confirmed in writing that it never selected the applicant.';

  it('records a misrepresentation refusal under A40(1)(a)', () => {
    const reasons = [{ ground: 'A40(1)(a)', rule: null, explanation: MISREPRESENTATION }];
    applicationSpec
      .given(readyForDecision())
      .when(refuse({ reasons }))
      .then([refused({ reasons })]);
  });
});

describe('R5 an explanation that does not engage with the evidence is refused', () => {
  it.each([
    ['25 × "x"', 'x'.repeat(25)],
    [
      "IRCC's example of an insufficient reason",
      'i have reviewed the SUBMISSIONS,  and I am not satisfied that section r205 is met.',
    ],
  ])('refuses %s with R5_EXPLANATION_INSUFFICIENT', (_name, explanation) => {
    applicationSpec
      .given(readyForDecision())
      .when(refuse({ reasons: [{ ground: 'R200(1)(c)(ii)', rule: 'E6', explanation }] }))
      .thenThrows('R5_EXPLANATION_INSUFFICIENT', 'rule');
  });
});

describe('R2 a decision is final', () => {
  it('refuses a second approval', () => {
    applicationSpec.given(approvedPrincipal()).when(approve()).thenThrows('R2_ALREADY_DECIDED', 'conflict');
  });

  it('refuses a refusal after an approval', () => {
    applicationSpec.given(approvedPrincipal()).when(refuse()).thenThrows('R2_ALREADY_DECIDED');
  });

  it('refuses an approval after a refusal', () => {
    applicationSpec
      .given([...readyForDecision(), refused()])
      .when(approve())
      .thenThrows('R2_ALREADY_DECIDED');
  });

  it('refuses a decision once the permit is issued', () => {
    applicationSpec.given(permitIssuedPrincipal()).when(refuse()).thenThrows('R2_ALREADY_DECIDED');
  });

  it('refuses a decision on a withdrawn application', () => {
    applicationSpec
      .given([...readyForDecision(), withdrawn()])
      .when(approve())
      .thenThrows('R2_APPLICATION_CLOSED', 'conflict');
  });

  it('refuses a decision on a cancelled application', () => {
    const cancelled = {
      type: 'ApplicationCancelledOverCap' as const,
      data: { year: 2024, number: 7_351, cap: 7_350, refunds: {}, cancelledAt: '2024-05-03T05:00:00Z' },
    };
    applicationSpec
      .given([received(), intakeNumberAssigned({ number: 7_351 }), cancelled])
      .when(refuse())
      .thenThrows('R2_APPLICATION_CLOSED');
  });

  it('refuses a decision on a returned application', () => {
    const returned = {
      type: 'ApplicationReturnedOverCap' as const,
      data: { year: 2024, number: 7_351, cap: 7_350, refunds: {}, returnedAt: '2024-05-03T05:00:00Z' },
    };
    applicationSpec
      .given([received({ channel: 'paper' }), intakeNumberAssigned({ number: 7_351 }), returned])
      .when(approve())
      .thenThrows('R2_APPLICATION_CLOSED');
  });
});
