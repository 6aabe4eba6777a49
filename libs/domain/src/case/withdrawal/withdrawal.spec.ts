import {
  applicationSpec,
  approved,
  bilIssued,
  intakeNumberAssigned,
  readyForDecision,
  received,
  refused,
  withdraw,
  withdrawn,
} from '@app/testing';

describe('R3 withdrawal until a decision', () => {
  it('refunds every fee paid while no officer acted [INF]', () => {
    applicationSpec
      .given([received(), intakeNumberAssigned()])
      .when(withdraw())
      .then([withdrawn({ refunds: { processing: 155, openWorkPermitHolder: 100, biometrics: 85 } })]);
  });

  it('refunds nothing once a BIL went out', () => {
    applicationSpec
      .given([received(), bilIssued()])
      .when(withdraw())
      .then([withdrawn({ refunds: {} })]);
  });

  it('records a withdrawal without a reason', () => {
    applicationSpec
      .given([received(), bilIssued()])
      .when(withdraw({ reason: undefined }))
      .then([withdrawn({ reason: null })]);
  });

  it('refuses a withdrawal after an approval', () => {
    applicationSpec
      .given([...readyForDecision(), approved()])
      .when(withdraw())
      .thenThrows('R3_ALREADY_DECIDED', 'conflict');
  });

  it('refuses a withdrawal after a refusal', () => {
    applicationSpec
      .given([...readyForDecision(), refused()])
      .when(withdraw())
      .thenThrows('R3_ALREADY_DECIDED');
  });

  it('refuses a second withdrawal', () => {
    applicationSpec.given([received(), withdrawn()]).when(withdraw()).thenThrows('R3_ALREADY_WITHDRAWN');
  });

  it('refuses a withdrawal of an application cancelled over the cap', () => {
    const cancelled = {
      type: 'ApplicationCancelledOverCap' as const,
      data: { year: 2024, number: 7_351, cap: 7_350, refunds: {}, cancelledAt: '2024-05-03T05:00:00Z' },
    };
    applicationSpec
      .given([received(), intakeNumberAssigned({ number: 7_351 }), cancelled])
      .when(withdraw())
      .thenThrows('R3_APPLICATION_CLOSED');
  });

  it('refuses a withdrawal dated before receipt (T1)', () => {
    applicationSpec
      .given([received()])
      .when(withdraw({ requestedAt: '2024-05-01T00:00:00Z' }))
      .thenThrows('T1_BEFORE_RECEIPT');
  });
});
