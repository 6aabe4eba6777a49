import { applicationDecider, principalSnapshotOf } from '@app/domain';
import {
  applicationSpec,
  approvedPrincipal,
  decideExtension,
  EXTENSION_ID,
  extensionApproved,
  extensionRequested as requested,
  foldStored,
  permitIssuedPrincipal,
  requestExtension,
} from '@app/testing';

describe('X1 extensions only while the PR application is in processing', () => {
  it('records a request on an issued permit', () => {
    applicationSpec.given(permitIssuedPrincipal()).when(requestExtension()).then([requested()]);
  });

  it('refuses a request before the permit is issued', () => {
    applicationSpec.given(approvedPrincipal()).when(requestExtension()).thenThrows('X1_PERMIT_REQUIRED', 'conflict');
  });

  it('refuses a request once the PR application was decided', () => {
    applicationSpec
      .given(permitIssuedPrincipal())
      .when(requestExtension({ prApplication: { status: 'approved' } }))
      .thenThrows('X1_PR_ALREADY_DECIDED');
  });

  it('takes one request at a time', () => {
    applicationSpec
      .given([...permitIssuedPrincipal(), requested()])
      .when(requestExtension({ extensionId: 'another-extension' }))
      .thenThrows('X1_EXTENSION_PENDING');
  });

  it('refuses the same extension id twice', () => {
    applicationSpec
      .given([...permitIssuedPrincipal(), requested(), extensionApproved()])
      .when(requestExtension())
      .thenThrows('X1_EXTENSION_ALREADY_REQUESTED');
  });

  it('makes the principal count as a PR applicant for its family members (C49)', () => {
    const snapshot = principalSnapshotOf(foldStored(applicationDecider, [...permitIssuedPrincipal(), requested()]));
    expect(snapshot).toEqual({
      applicationId: expect.any(String),
      status: 'permit-issued',
      permitValidTo: '2027-06-05',
      prApplicationSubmitted: true,
    });
  });
});

describe('X2 proof of the PR application and its AOR, no new invitation letter', () => {
  it('refuses a request without the AOR', () => {
    applicationSpec
      .given(permitIssuedPrincipal())
      .when(requestExtension({ prApplication: { aorReceivedOn: undefined } }))
      .thenThrows('X2_AOR_REQUIRED');
  });

  it('extends after the program window closed, without any invitation letter', () => {
    applicationSpec
      .given(permitIssuedPrincipal())
      .when(requestExtension({ requestedOn: '2027-05-01' }))
      .then([requested({ requestedOn: '2027-05-01' })]);
  });
});

describe('X3 one year by default, 1–36 months by the officer, capped by the passport', () => {
  const pending = () => [...permitIssuedPrincipal(), requested()];

  it('approves 12 months from the decision date by default', () => {
    applicationSpec.given(pending()).when(decideExtension()).then([extensionApproved()]);
  });

  it('approves the length the officer chose', () => {
    applicationSpec
      .given(pending())
      .when(decideExtension({ months: 24 }))
      .then([extensionApproved({ months: 24, validTo: '2029-04-15' })]);
  });

  it('caps the new validity at passport expiry', () => {
    applicationSpec
      .given([...permitIssuedPrincipal(), requested({ passportExpiresOn: '2028-01-31' })])
      .when(decideExtension())
      .then([extensionApproved({ validTo: '2028-01-31' })]);
  });

  it('refuses 37 months', () => {
    applicationSpec
      .given(pending())
      .when(decideExtension({ months: 37 }))
      .thenThrows('X3_MONTHS_OUT_OF_RANGE');
  });

  it('records a refusal with its reasons', () => {
    const reasons = ['The PR application was withdrawn by the applicant in March.'];
    applicationSpec
      .given(pending())
      .when(decideExtension({ outcome: 'refused', reasons }))
      .then([{ type: 'ExtensionRefused', data: { extensionId: EXTENSION_ID, decidedOn: '2027-04-15', reasons } }]);
  });

  it('refuses a refusal without reasons (R1)', () => {
    applicationSpec
      .given(pending())
      .when(decideExtension({ outcome: 'refused' }))
      .thenThrows('R1_REASONS_REQUIRED');
  });

  it('decides an extension once', () => {
    applicationSpec
      .given([...pending(), extensionApproved()])
      .when(decideExtension())
      .thenThrows('X3_EXTENSION_ALREADY_DECIDED');
  });

  it('refuses a decision on an extension never requested', () => {
    applicationSpec
      .given(permitIssuedPrincipal())
      .when(decideExtension())
      .thenThrows('X1_EXTENSION_NOT_FOUND', 'not-found');
  });

  it("moves the principal's authorization end to the extension's validity", () => {
    const snapshot = principalSnapshotOf(foldStored(applicationDecider, [...pending(), extensionApproved()]));
    expect(snapshot?.permitValidTo).toBe('2028-04-15');
  });
});
