import { applicationDecider, automaticLetterDue, type ApplicationEvent } from '@app/domain';
import {
  applicationSpec,
  approve,
  approved,
  bilIssued,
  biometricsEnrolled,
  enrolBiometrics,
  familySubmission,
  foldStored,
  intakeNumberAssigned,
  issueBil,
  principalSnapshot,
  received,
  receivedAs,
  refused,
  withdrawn,
} from '@app/testing';

describe('B1 the automatic BIL goes out 24 hours after receipt', () => {
  it('issues it exactly 24 hours after receipt, due 30 days later', () => {
    applicationSpec.given([received()]).when(issueBil()).then([bilIssued()]);
  });

  it('is not issued one second early', () => {
    applicationSpec
      .given([received()])
      .when(issueBil({ issuedAt: '2024-05-03T14:02:59Z' }))
      .thenThrows('B1_TOO_EARLY');
  });

  it('is only for online applications', () => {
    applicationSpec
      .given([received({ channel: 'paper', exemptFromOnlineFiling: true })])
      .when(issueBil())
      .thenThrows('B1_NOT_ONLINE');
  });

  it('needs the biometric fee paid with the application', () => {
    applicationSpec
      .given([received({ fees: { biometrics: 0 } })])
      .when(issueBil())
      .thenThrows('B1_BIOMETRIC_FEE_NOT_PAID');
  });

  it('is not issued to an over-cap application (C5)', () => {
    applicationSpec
      .given([received(), intakeNumberAssigned({ number: 7_351 })])
      .when(issueBil())
      .thenThrows('C5_OVER_CAP');
  });

  it('is not issued to a withdrawn application', () => {
    applicationSpec.given([received(), withdrawn()]).when(issueBil()).thenThrows('R2_APPLICATION_CLOSED');
  });

  it('is not issued to a decided application', () => {
    applicationSpec.given([received(), refused()]).when(issueBil()).thenThrows('R2_ALREADY_DECIDED');
  });

  it('goes to a family member whose fee is covered by the family maximum [INF]', () => {
    const covered = receivedAs(familySubmission({ fees: { biometrics: 0 } }), {
      principal: principalSnapshot(),
      familyBiometricFeesPaid: 170,
    });
    applicationSpec.given([covered]).when(issueBil()).then([bilIssued()]);
  });

  it('decides nothing when the timer fires again', () => {
    applicationSpec.given([received(), bilIssued()]).when(issueBil()).thenNothingHappens();
  });

  it('tells the timer when the letter is due, and stops once it is issued or not owed', () => {
    const due = (events: readonly ApplicationEvent[]) => automaticLetterDue(foldStored(applicationDecider, events));
    expect(due([received()])).toBe('2024-05-03T14:03:00.000Z');
    expect(due([received(), bilIssued()])).toBeNull();
    expect(due([received(), withdrawn()])).toBeNull();
    expect(due([received({ channel: 'paper', exemptFromOnlineFiling: true })])).toBeNull();
    expect(due([received(), intakeNumberAssigned({ number: 7_351 })])).toBeNull();
  });
});

describe('B2 the BIL gives 30 days', () => {
  it('records the due date 30 days after the Eastern issue date', () => {
    applicationSpec
      .given([received()])
      .when(issueBil({ issuedAt: '2024-05-04T03:30:00Z' }))
      .then([bilIssued({ issuedAt: '2024-05-04T03:30:00Z', dueBy: '2024-06-02' })]);
  });

  it('records an enrolment on the due date as in time', () => {
    applicationSpec
      .given([received(), bilIssued()])
      .when(enrolBiometrics({ enrolledAt: '2024-06-03T03:00:00Z' }))
      .then([biometricsEnrolled({ enrolledAt: '2024-06-03T03:00:00Z', late: false })]);
  });

  it('records an enrolment after the due date as late', () => {
    applicationSpec
      .given([received(), bilIssued()])
      .when(enrolBiometrics({ enrolledAt: '2024-06-03T15:00:00Z' }))
      .then([biometricsEnrolled({ enrolledAt: '2024-06-03T15:00:00Z', late: true })]);
  });

  it('enrols only in answer to a letter', () => {
    applicationSpec.given([received()]).when(enrolBiometrics()).thenThrows('B2_NO_INSTRUCTION_LETTER');
  });

  it('enrols only once', () => {
    applicationSpec
      .given([received(), bilIssued(), biometricsEnrolled()])
      .when(enrolBiometrics())
      .thenThrows('B5_ALREADY_ENROLLED');
  });
});

describe('B3 exempt applicants get no letter', () => {
  it('refuses a letter to an applicant under 14', () => {
    applicationSpec
      .given([received({ applicant: { dateOfBirth: '2012-01-01' } })])
      .when(issueBil())
      .thenThrows('B3_BIOMETRICS_EXEMPT');
  });

  it('refuses a letter to an applicant who gave biometrics 9 years ago', () => {
    applicationSpec
      .given([received({ applicant: { biometricsGivenOn: '2015-06-01' } })])
      .when(issueBil())
      .thenThrows('B3_BIOMETRICS_EXEMPT');
  });

  it('records the exemption at receipt, with no biometric fee owed', () => {
    const event = received({ applicant: { dateOfBirth: '1943-01-01' } });
    expect(event.data.biometrics).toEqual({ required: false, exemption: 'over-maximum-age' });
    expect(event.data.feesOwed.biometrics).toBe(0);
  });

  it('requires biometrics given 11 years ago again', () => {
    expect(received({ applicant: { biometricsGivenOn: '2013-05-01' } }).data.biometrics).toEqual({
      required: true,
      exemption: null,
    });
  });
});

describe('B4 an officer may issue a BIL by hand', () => {
  it('issues one for a paper application whose fee is paid later', () => {
    applicationSpec
      .given([received({ channel: 'paper', exemptFromOnlineFiling: true, fees: { biometrics: 0 } })])
      .when(issueBil({ issuedAt: '2024-05-02T18:00:00Z', automatic: false }))
      .then([bilIssued({ issuedAt: '2024-05-02T18:00:00Z', dueBy: '2024-06-01', automatic: false })]);
  });

  it('refuses a second letter', () => {
    applicationSpec
      .given([received(), bilIssued()])
      .when(issueBil({ automatic: false }))
      .thenThrows('B4_LETTER_ALREADY_ISSUED', 'conflict');
  });

  it('refuses a letter dated before receipt (T1)', () => {
    applicationSpec
      .given([received()])
      .when(issueBil({ issuedAt: '2024-05-01T12:00:00Z', automatic: false }))
      .thenThrows('T1_BEFORE_RECEIPT');
  });
});

describe('B5 approval requires biometrics enrolled, unless exempt', () => {
  it('refuses to approve before enrolment', () => {
    applicationSpec
      .given([received(), intakeNumberAssigned(), bilIssued()])
      .when(approve())
      .thenThrows('B5_BIOMETRICS_REQUIRED');
  });

  it('approves after enrolment', () => {
    applicationSpec
      .given([received(), intakeNumberAssigned(), bilIssued(), biometricsEnrolled()])
      .when(approve())
      .then([approved()]);
  });

  it('approves an exempt applicant without biometrics', () => {
    applicationSpec
      .given([received({ applicant: { dateOfBirth: '1940-03-03' }, fees: { biometrics: 0 } }), intakeNumberAssigned()])
      .when(approve())
      .then([approved()]);
  });
});
