import {
  APPLICATION_ID,
  applicationSpec,
  approve,
  approved,
  assignIntakeNumber,
  bilIssued,
  datedBefore,
  familySubmission,
  flagPossibleDuplicate,
  handleOverCap,
  intakeNumberAssigned,
  PRINCIPAL_ID,
  RECEIVED_AT,
  principalSnapshot,
  received,
  receivedAs,
  refuse,
  withdrawn,
} from '@app/testing';

const OVER_CAP = { number: 7_351 };
const capReached = {
  type: 'IntakeCapReached',
  data: { year: 2024, cap: 7_350, reachedAt: RECEIVED_AT, applicationId: APPLICATION_ID },
} as const;

describe('C3 intake numbers are recorded as the intake process assigns them', () => {
  it('records a number within the cap', () => {
    applicationSpec.given([received()]).when(assignIntakeNumber()).then([intakeNumberAssigned()]);
  });

  it('records the 7,350th application of 2024 within the cap', () => {
    applicationSpec
      .given([received()])
      .when(assignIntakeNumber({ number: 7_350 }))
      .then([
        { type: 'IntakeNumberAssigned', data: { year: 2024, number: 7_350, cap: 7_350, withinCap: true } },
        capReached,
      ]);
  });

  it('records the 7,351st application of 2024 over the cap', () => {
    applicationSpec
      .given([received()])
      .when(assignIntakeNumber(OVER_CAP))
      .then([{ type: 'IntakeNumberAssigned', data: { year: 2024, number: 7_351, cap: 7_350, withinCap: false } }]);
  });

  it('is identical on replay: the same number again decides nothing', () => {
    applicationSpec.given([received(), intakeNumberAssigned()]).when(assignIntakeNumber()).thenNothingHappens();
  });

  it('refuses a different number once one is recorded', () => {
    applicationSpec
      .given([received(), intakeNumberAssigned()])
      .when(assignIntakeNumber({ number: 813 }))
      .thenThrows('C3_INTAKE_NUMBER_ALREADY_ASSIGNED', 'conflict');
  });

  it('numbers in the Eastern year of receipt: 23:30 Eastern on 31 December is the old year', () => {
    applicationSpec
      .given([received({}, { receivedAt: '2025-01-01T04:30:00Z' })])
      .when(assignIntakeNumber({ year: 2025 }))
      .thenThrows('C3_INTAKE_YEAR_MISMATCH');
  });

  it('numbers in the Eastern year of receipt: 00:00:01 Eastern on 1 January is the new year', () => {
    applicationSpec
      .given([received({}, { receivedAt: '2025-01-01T05:00:01Z' })])
      .when(assignIntakeNumber({ year: 2025 }))
      .then([intakeNumberAssigned({ year: 2025 })]);
  });

  it('refuses a number that is not a positive integer', () => {
    applicationSpec
      .given([received()])
      .when(assignIntakeNumber({ number: 0 }))
      .thenThrows('C3_INVALID_INTAKE_NUMBER');
  });
});

describe('H5 the cap reached is recorded once per year, with the number that reached it', () => {
  it("records the cap reached with the number equal to the cap, at that application's receipt", () => {
    applicationSpec
      .given([received()])
      .when(assignIntakeNumber({ number: 7_350 }))
      .then([intakeNumberAssigned({ number: 7_350 }), capReached]);
  });

  it('records nothing more for the numbers before and after the cap', () => {
    applicationSpec
      .given([received()])
      .when(assignIntakeNumber({ number: 7_349 }))
      .then([intakeNumberAssigned({ number: 7_349 })]);
    applicationSpec
      .given([received()])
      .when(assignIntakeNumber(OVER_CAP))
      .then([intakeNumberAssigned({ number: 7_351, withinCap: false })]);
  });

  it('is not recorded again when the number is assigned again (a replay or a second worker)', () => {
    applicationSpec
      .given([received(), intakeNumberAssigned({ number: 7_350 }), capReached])
      .when(assignIntakeNumber({ number: 7_350 }))
      .thenNothingHappens();
  });
});

describe('C1 the cap comes from the dated table', () => {
  it('records 2022 against 14,700', () => {
    applicationSpec
      .given([received(datedBefore('2022-08-01T15:00:00Z'), { receivedAt: '2022-08-01T15:00:00Z' })])
      .when(assignIntakeNumber({ year: 2022, number: 14_700, cap: 14_700 }))
      .then([
        { type: 'IntakeNumberAssigned', data: { year: 2022, number: 14_700, cap: 14_700, withinCap: true } },
        {
          type: 'IntakeCapReached',
          data: { year: 2022, cap: 14_700, reachedAt: '2022-08-01T15:00:00Z', applicationId: APPLICATION_ID },
        },
      ]);
  });

  it('refuses a cap that is not the table cap of the year', () => {
    applicationSpec
      .given([received()])
      .when(assignIntakeNumber({ cap: 14_700 }))
      .thenThrows('C1_CAP_MISMATCH');
  });
});

describe('C2 counting, whatever happens later', () => {
  it('numbers a withdrawn application: it still counts', () => {
    applicationSpec.given([received(), withdrawn()]).when(assignIntakeNumber()).then([intakeNumberAssigned()]);
  });

  it('numbers a decided application', () => {
    applicationSpec.given([received(), approved()]).when(assignIntakeNumber()).then([intakeNumberAssigned()]);
  });

  it('does not number a family member', () => {
    applicationSpec
      .given([receivedAs(familySubmission(), { principal: principalSnapshot() })])
      .when(assignIntakeNumber())
      .thenThrows('C2_NOT_COUNTED');
  });
});

describe('C4 over-cap applications are cancelled (online) or returned (paper), with refunds', () => {
  it('cancels an online application and refunds 155 + 100, not the biometric fee', () => {
    applicationSpec
      .given([received(), intakeNumberAssigned(OVER_CAP)])
      .when(handleOverCap('2024-05-03T05:00:00Z'))
      .then([
        {
          type: 'BiometricInstructionLetterCancelled',
          data: { cancelledAt: '2024-05-03T05:00:00Z', reason: 'over-cap', wasIssued: false },
        },
        {
          type: 'ApplicationCancelledOverCap',
          data: {
            year: 2024,
            number: 7_351,
            cap: 7_350,
            refunds: { processing: 155, openWorkPermitHolder: 100 },
            cancelledAt: '2024-05-03T05:00:00Z',
          },
        },
      ]);
  });

  it('returns a paper application with the same refunds', () => {
    applicationSpec
      .given([received({ channel: 'paper', exemptFromOnlineFiling: true }), intakeNumberAssigned(OVER_CAP)])
      .when(handleOverCap('2024-05-03T05:00:00Z'))
      .then([
        {
          type: 'ApplicationReturnedOverCap',
          data: {
            year: 2024,
            number: 7_351,
            cap: 7_350,
            refunds: { processing: 155, openWorkPermitHolder: 100 },
            returnedAt: '2024-05-03T05:00:00Z',
          },
        },
      ]);
  });

  it('refuses to handle an application within the cap', () => {
    applicationSpec.given([received(), intakeNumberAssigned()]).when(handleOverCap()).thenThrows('C4_NOT_OVER_CAP');
  });

  it('refuses to handle an application not yet numbered', () => {
    applicationSpec.given([received()]).when(handleOverCap()).thenThrows('C4_NOT_OVER_CAP');
  });

  it('decides nothing when the daily sweep meets an application already cancelled', () => {
    const cancelled = {
      type: 'ApplicationCancelledOverCap' as const,
      data: { year: 2024, number: 7_351, cap: 7_350, refunds: {}, cancelledAt: '2024-05-03T05:00:00Z' },
    };
    applicationSpec
      .given([received(), intakeNumberAssigned(OVER_CAP), cancelled])
      .when(handleOverCap())
      .thenNothingHappens();
  });

  it('does not cancel a withdrawn application', () => {
    applicationSpec
      .given([received(), withdrawn(), intakeNumberAssigned(OVER_CAP)])
      .when(handleOverCap())
      .thenThrows('R3_ALREADY_WITHDRAWN');
  });

  it('does not cancel a decided application', () => {
    applicationSpec
      .given([received(), approved(), intakeNumberAssigned(OVER_CAP)])
      .when(handleOverCap())
      .thenThrows('R2_ALREADY_DECIDED');
  });

  it('never approves an over-cap application: it is cancelled, not decided', () => {
    applicationSpec
      .given([received(), intakeNumberAssigned(OVER_CAP)])
      .when(approve())
      .thenThrows('C4_OVER_CAP', 'conflict');
  });

  it('never refuses an over-cap application', () => {
    applicationSpec
      .given([received(), intakeNumberAssigned(OVER_CAP)])
      .when(refuse())
      .thenThrows('C4_OVER_CAP');
  });

  it('does not apply to family members', () => {
    applicationSpec
      .given([receivedAs(familySubmission(), { principal: principalSnapshot() })])
      .when(handleOverCap())
      .thenThrows('C2_NOT_COUNTED');
  });
});

describe('C5 the BIL of an over-cap application is cancelled before it is sent', () => {
  it('cancels an issued letter, then the application', () => {
    applicationSpec
      .given([received(), bilIssued(), intakeNumberAssigned(OVER_CAP)])
      .when(handleOverCap('2024-05-04T05:00:00Z'))
      .thenEvents((events) =>
        expect(events.map((event) => [event.type, 'wasIssued' in event.data ? event.data.wasIssued : null])).toEqual([
          ['BiometricInstructionLetterCancelled', true],
          ['ApplicationCancelledOverCap', null],
        ]),
      );
  });

  it('records no letter cancellation when no automatic letter was due (biometric fee unpaid)', () => {
    applicationSpec
      .given([received({ fees: { biometrics: 0 } }), intakeNumberAssigned(OVER_CAP)])
      .when(handleOverCap())
      .thenEvents((events) => expect(events.map((event) => event.type)).toEqual(['ApplicationCancelledOverCap']));
  });
});

describe('C6 a second application from the same person still counts and is flagged', () => {
  it('flags a possible duplicate by passport', () => {
    applicationSpec
      .given([received()])
      .when(flagPossibleDuplicate())
      .then([
        {
          type: 'PossibleDuplicateFlagged',
          data: { duplicateOfApplicationId: PRINCIPAL_ID, key: 'passport:FRA:19FR45821' },
        },
      ]);
  });

  it('flags by CSQ number', () => {
    applicationSpec
      .given([received()])
      .when(flagPossibleDuplicate({ key: 'csq:CSQ23104882' }))
      .thenEvents((events) => expect(events).toHaveLength(1));
  });

  it('still numbers a flagged application against the cap', () => {
    applicationSpec
      .given([
        received(),
        {
          type: 'PossibleDuplicateFlagged',
          data: { duplicateOfApplicationId: PRINCIPAL_ID, key: 'passport:FRA:19FR45821' },
        },
      ])
      .when(assignIntakeNumber())
      .then([intakeNumberAssigned()]);
  });

  it('decides nothing when flagged again as a duplicate of the same application', () => {
    applicationSpec
      .given([
        received(),
        {
          type: 'PossibleDuplicateFlagged',
          data: { duplicateOfApplicationId: PRINCIPAL_ID, key: 'passport:FRA:19FR45821' },
        },
      ])
      .when(flagPossibleDuplicate())
      .thenNothingHappens();
  });

  it('keeps the first application it duplicates', () => {
    applicationSpec
      .given([
        received(),
        {
          type: 'PossibleDuplicateFlagged',
          data: { duplicateOfApplicationId: PRINCIPAL_ID, key: 'passport:FRA:19FR45821' },
        },
      ])
      .when(flagPossibleDuplicate({ duplicateOfApplicationId: 'another-application' }))
      .thenThrows('C6_ALREADY_FLAGGED', 'conflict');
  });

  it('refuses a key the application does not have', () => {
    applicationSpec
      .given([received()])
      .when(flagPossibleDuplicate({ key: 'passport:FRA:00000000' }))
      .thenThrows('C6_KEY_MISMATCH');
  });

  it('refuses an application duplicating itself', () => {
    applicationSpec
      .given([received()])
      .when(flagPossibleDuplicate({ duplicateOfApplicationId: APPLICATION_ID }))
      .thenThrows('C6_SELF_DUPLICATE');
  });
});
