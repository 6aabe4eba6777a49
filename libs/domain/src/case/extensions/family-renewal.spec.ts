import type { PrincipalSnapshot } from '@app/domain';
import {
  applicationSpec,
  approved,
  decideExtension,
  extensionApproved,
  extensionRequested as requested,
  familySubmission,
  permitIssuedPrincipal,
  principalSnapshot,
  principalWorkPermit,
  receivedAs,
  requestExtension,
  workPermitIssued,
} from '@app/testing';

describe('X4 an extension is requested while the permit is valid (maintained status)', () => {
  it('accepts a request on the last day of validity', () => {
    applicationSpec
      .given(permitIssuedPrincipal())
      .when(requestExtension({ requestedOn: '2027-06-05' }))
      .then([requested({ requestedOn: '2027-06-05' })]);
  });

  it("refuses a request the day after the permit's valid-to", () => {
    applicationSpec
      .given(permitIssuedPrincipal())
      .when(requestExtension({ requestedOn: '2027-06-06' }))
      .thenThrows('X4_PERMIT_EXPIRED', 'rule');
  });

  it('judges against the validity of the latest approved extension', () => {
    const extended = [...permitIssuedPrincipal(), requested(), extensionApproved()];
    applicationSpec
      .given(extended)
      .when(requestExtension({ extensionId: 'second', requestedOn: '2028-04-15' }))
      .then([requested({ extensionId: 'second', requestedOn: '2028-04-15' })]);
    applicationSpec
      .given(extended)
      .when(requestExtension({ extensionId: 'second', requestedOn: '2028-04-16' }))
      .thenThrows('X4_PERMIT_EXPIRED');
  });
});

describe('X5 a family member renews in line with the principal', () => {
  /** A spouse whose permit ended with an old passport on 2025-12-31, who now holds a passport valid to 2032-03-15. */
  const memberPermitIssued = () => {
    const permit = principalWorkPermit({ exemptionCode: 'C41', caseType: '20', userNote: null, validTo: '2025-12-31' });
    return [
      receivedAs(familySubmission(), { principal: principalSnapshot() }),
      approved({ principal: principalSnapshot({ status: 'approved', permitValidTo: null }) }),
      {
        ...workPermitIssued(permit),
        data: { ...workPermitIssued(permit).data, caseNote: null, principal: principalSnapshot() },
      },
    ];
  };
  const principalNow = principalSnapshot();
  const principalExtended: PrincipalSnapshot = principalSnapshot({
    permitValidTo: '2028-04-15',
    prApplicationSubmitted: true,
  });
  const asked = { requestedOn: '2025-11-01', passportExpiresOn: '2032-03-15', principal: principalNow };
  const memberRequested = requested({
    requestedOn: '2025-11-01',
    passportExpiresOn: '2032-03-15',
    principal: principalNow,
  });
  const decided = { decidedOn: '2025-12-01', months: 36 };

  it("records a family member's renewal request with the principal as it stood", () => {
    applicationSpec.given(memberPermitIssued()).when(requestExtension(asked)).then([memberRequested]);
  });

  it("ends the renewal with the principal's permit when it ends before the months chosen", () => {
    applicationSpec
      .given([...memberPermitIssued(), memberRequested])
      .when(decideExtension({ ...decided, principal: principalNow }))
      .then([
        extensionApproved({
          ...decided,
          previousValidTo: '2025-12-31',
          validTo: '2027-06-05',
          principal: principalNow,
        }),
      ]);
  });

  it("follows the principal's current authorization, extended since the request", () => {
    applicationSpec
      .given([...memberPermitIssued(), memberRequested])
      .when(decideExtension({ ...decided, principal: principalExtended }))
      .then([
        extensionApproved({
          ...decided,
          previousValidTo: '2025-12-31',
          validTo: '2028-04-15',
          principal: principalExtended,
        }),
      ]);
  });

  it("ends no later than the member's passport", () => {
    applicationSpec
      .given([...memberPermitIssued(), requested({ ...memberRequested.data, passportExpiresOn: '2026-09-30' })])
      .when(decideExtension({ ...decided, principal: principalNow }))
      .thenEvents((events) =>
        expect(events).toMatchObject([{ type: 'ExtensionApproved', data: { validTo: '2026-09-30' } }]),
      );
  });

  it("refuses a renewal without the principal's snapshot, at request and at decision", () => {
    applicationSpec
      .given(memberPermitIssued())
      .when(requestExtension({ ...asked, principal: null }))
      .thenThrows('M2_PRINCIPAL_PERMIT_REQUIRED');
    applicationSpec
      .given([...memberPermitIssued(), memberRequested])
      .when(decideExtension(decided))
      .thenThrows('M2_PRINCIPAL_PERMIT_REQUIRED');
  });

  it('refuses a renewal while the principal holds no permit', () => {
    const refusedPrincipal = principalSnapshot({ status: 'refused', permitValidTo: null });
    applicationSpec
      .given(memberPermitIssued())
      .when(requestExtension({ ...asked, principal: refusedPrincipal }))
      .thenThrows('M2_PRINCIPAL_PERMIT_REQUIRED');
  });

  it("refuses another application's snapshot (M1)", () => {
    applicationSpec
      .given(memberPermitIssued())
      .when(requestExtension({ ...asked, principal: principalSnapshot({ applicationId: 'someone-else' }) }))
      .thenThrows('M1_PRINCIPAL_MISMATCH');
  });

  it("refuses a principal snapshot on a principal's own extension (M1)", () => {
    applicationSpec
      .given(permitIssuedPrincipal())
      .when(requestExtension({ principal: principalNow }))
      .thenThrows('M1_PRINCIPAL_NOT_EXPECTED');
  });

  it("refuses when the principal's authorization ended before the decision (M2)", () => {
    applicationSpec
      .given([...memberPermitIssued(), memberRequested])
      .when(decideExtension({ decidedOn: '2027-07-01', principal: principalNow }))
      .thenThrows('M2_PRINCIPAL_PERMIT_EXPIRED');
  });

  it("refuses a renewal that would not outlast the member's current permit (X3)", () => {
    const shortPrincipal = principalSnapshot({ permitValidTo: '2025-12-31' });
    applicationSpec
      .given([...memberPermitIssued(), memberRequested])
      .when(decideExtension({ ...decided, principal: shortPrincipal }))
      .thenThrows('X3_NOTHING_TO_EXTEND');
  });

  it('is refused, like any extension, once the member permit expired (X4)', () => {
    applicationSpec
      .given(memberPermitIssued())
      .when(requestExtension({ ...asked, requestedOn: '2026-01-01' }))
      .thenThrows('X4_PERMIT_EXPIRED');
  });
});
