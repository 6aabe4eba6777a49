import { APPLICATION_COMMAND_TYPES, F3_DUTIES, type ApplicationEvent, type WorkPermitIssued } from '@app/domain';
import {
  applicationSpec,
  approved,
  approvedPrincipal,
  datedBefore,
  familySubmission,
  intakeNumberAssigned,
  issueWorkPermit,
  permitIssuedPrincipal,
  principalSnapshot,
  principalWorkPermit,
  readyForDecision,
  received,
  receivedAs,
  refused,
  workPermitIssued,
} from '@app/testing';

const permitOf = (events: readonly ApplicationEvent[]): WorkPermitIssued['data'] => {
  const [event] = events;
  if (event?.type !== 'WorkPermitIssued' || events.length !== 1)
    throw new Error(`expected one WorkPermitIssued, got ${JSON.stringify(events)}`);
  return event.data;
};

const approvedAfterReceipt = (receivedAt: string, decidedAt: string, year: number) => [
  received(datedBefore(receivedAt), { receivedAt }),
  intakeNumberAssigned({ year, cap: year === 2022 ? 14_700 : 7_350 }),
  approved({ decidedAt }),
];

describe('section 9 a principal permit carries exactly the GCMS coding', () => {
  it('issues the coded permit with the F3 duties as case note', () => {
    applicationSpec.given(approvedPrincipal()).when(issueWorkPermit()).then([workPermitIssued()]);
    expect(workPermitIssued().data.caseNote).toBe(F3_DUTIES);
  });

  it('codes NOC 9999 for a receipt at 23:30 Eastern on 2022-11-15', () => {
    applicationSpec
      .given(approvedAfterReceipt('2022-11-16T04:30:00Z', '2022-12-01T15:00:00Z', 2022))
      .when(issueWorkPermit({ issuedOn: '2022-12-05' }))
      .thenEvents((events) => expect(permitOf(events).permit.noc).toBe('9999'));
  });

  it('codes NOC 99999 for a receipt at 00:00 Eastern on 2022-11-16', () => {
    applicationSpec
      .given(approvedAfterReceipt('2022-11-16T05:00:00Z', '2022-12-01T15:00:00Z', 2022))
      .when(issueWorkPermit({ issuedOn: '2022-12-05' }))
      .thenEvents((events) => expect(permitOf(events).permit.noc).toBe('99999'));
  });

  it('issues only to an approved application', () => {
    applicationSpec
      .given(readyForDecision())
      .when(issueWorkPermit())
      .thenThrows('APPLICATION_NOT_APPROVED', 'conflict');
    applicationSpec
      .given([...readyForDecision(), refused()])
      .when(issueWorkPermit())
      .thenThrows('APPLICATION_NOT_APPROVED');
  });

  it('issues once', () => {
    applicationSpec
      .given(permitIssuedPrincipal())
      .when(issueWorkPermit())
      .thenThrows('PERMIT_ALREADY_ISSUED', 'conflict');
  });

  it('is not issued before the approval date (T1)', () => {
    applicationSpec
      .given(approvedPrincipal())
      .when(issueWorkPermit({ issuedOn: '2024-06-02' }))
      .thenThrows('T1_BEFORE_RECEIPT');
  });
});

describe('I1 36 months, clamped to the month end', () => {
  it('issued on 2024-02-29 is valid to 2027-02-28', () => {
    applicationSpec
      .given(approvedAfterReceipt('2024-01-10T15:00:00Z', '2024-02-20T15:00:00Z', 2024))
      .when(issueWorkPermit({ issuedOn: '2024-02-29' }))
      .thenEvents((events) =>
        expect(permitOf(events).permit).toEqual(principalWorkPermit({ issuedOn: '2024-02-29', validTo: '2027-02-28' })),
      );
  });

  it('ends at passport expiry when the passport expires before 36 months', () => {
    applicationSpec
      .given([received({ applicant: { passport: { expiresOn: '2026-01-31' } } }), intakeNumberAssigned(), approved()])
      .when(issueWorkPermit())
      .thenEvents((events) => expect(permitOf(events).permit.validTo).toBe('2026-01-31'));
  });
});

describe('I2 a passport already expired blocks issuance', () => {
  it('refuses the permit', () => {
    applicationSpec
      .given([received({ applicant: { passport: { expiresOn: '2024-06-04' } } }), intakeNumberAssigned(), approved()])
      .when(issueWorkPermit())
      .thenThrows('I2_PASSPORT_EXPIRED', 'rule');
  });
});

describe('I3 medical conditions', () => {
  it('restricts the occupations when no exam was completed', () => {
    applicationSpec
      .given(approvedPrincipal())
      .when(issueWorkPermit({ medical: { examCompleted: false, designatedCountry: true } }))
      .thenEvents((events) => expect(permitOf(events).permit.conditions[1]).toContain('4) agricultural occupations'));
  });

  it('issues no permit on result M6', () => {
    applicationSpec
      .given(approvedPrincipal())
      .when(issueWorkPermit({ medical: { examCompleted: true, designatedCountry: false, result: 'M6' } }))
      .thenThrows('I3_MEDICALLY_INADMISSIBLE');
  });
});

describe('M1 M2 family-member permits', () => {
  const family = (overrides = {}) => [
    receivedAs(familySubmission(overrides), {
      principal: principalSnapshot({ status: 'received', permitValidTo: null }),
    }),
    approved(),
  ];

  it('codes a spouse C41, case type 20, Quebec as a whole, with the labour-law remark, bounded by the principal', () => {
    applicationSpec
      .given(family())
      .when(issueWorkPermit({ principal: principalSnapshot() }))
      .thenEvents((events) =>
        expect(permitOf(events)).toEqual({
          permit: {
            authority: 'R205(c)(ii)',
            caseType: '20',
            exemptionCode: 'C41',
            provinceOfDestination: 'Quebec',
            cityOfDestination: 'Quebec NES',
            noc: '99999',
            intendedOccupation: 'Open',
            employer: 'Open',
            issuedOn: '2024-06-05',
            validTo: '2027-06-05',
            conditions: ['Not authorized to work in any location other than stated.'],
            userNote: null,
            remarks: ['Authorized to work as per applicable labour laws.'],
          },
          medical: { examCompleted: true, designatedCountry: false },
          caseNote: null,
          principal: principalSnapshot(),
        }),
      );
  });

  it('codes a dependent child C46', () => {
    applicationSpec
      .given(family({ applicantType: 'dependent-child' }))
      .when(issueWorkPermit({ principal: principalSnapshot() }))
      .thenEvents((events) => expect(permitOf(events).permit.exemptionCode).toBe('C46'));
  });

  it('codes C49 once the principal has submitted a PR application', () => {
    applicationSpec
      .given(family())
      .when(issueWorkPermit({ principal: principalSnapshot({ prApplicationSubmitted: true }) }))
      .thenEvents((events) => expect(permitOf(events).permit.exemptionCode).toBe('C49'));
  });

  it('ends with the own passport when it expires before the principal', () => {
    applicationSpec
      .given(family({ applicant: { passport: { expiresOn: '2025-12-31' } } }))
      .when(issueWorkPermit({ principal: principalSnapshot() }))
      .thenEvents((events) => expect(permitOf(events).permit.validTo).toBe('2025-12-31'));
  });

  it('needs the principal snapshot', () => {
    applicationSpec.given(family()).when(issueWorkPermit()).thenThrows('M2_PRINCIPAL_PERMIT_REQUIRED');
  });

  it('needs the principal permit issued', () => {
    applicationSpec
      .given(family())
      .when(issueWorkPermit({ principal: principalSnapshot({ status: 'approved', permitValidTo: null }) }))
      .thenThrows('M2_PRINCIPAL_PERMIT_REQUIRED');
  });

  it("refuses another application's snapshot", () => {
    applicationSpec
      .given(family())
      .when(issueWorkPermit({ principal: principalSnapshot({ applicationId: 'x' }) }))
      .thenThrows('M1_PRINCIPAL_MISMATCH');
  });

  it('refuses a snapshot on a principal permit', () => {
    applicationSpec
      .given(approvedPrincipal())
      .when(issueWorkPermit({ principal: principalSnapshot() }))
      .thenThrows('M1_PRINCIPAL_NOT_EXPECTED');
  });
});

describe('M3 family member when the principal has 5 months left', () => {
  it('refuses the permit when the principal applied together but got only 5 months after the member was received', () => {
    applicationSpec
      .given([
        receivedAs(familySubmission(), { principal: principalSnapshot({ status: 'received', permitValidTo: null }) }),
        approved(),
      ])
      .when(issueWorkPermit({ principal: principalSnapshot({ permitValidTo: '2024-10-01' }) }))
      .thenThrows('M3_PRINCIPAL_AUTHORIZATION_TOO_SHORT');
  });
});

describe('M4 the province restriction of a family member is never amended', () => {
  it('offers no command that amends a permit, and a second issuance is refused', () => {
    expect(APPLICATION_COMMAND_TYPES.filter((type) => /amend|province|destination/i.test(type))).toEqual([]);
    const issued = {
      type: 'WorkPermitIssued' as const,
      data: { ...workPermitIssued().data, permit: principalWorkPermit({ exemptionCode: 'C41', caseType: '20' }) },
    };
    applicationSpec
      .given([receivedAs(familySubmission(), { principal: principalSnapshot() }), approved(), issued])
      .when(issueWorkPermit({ principal: principalSnapshot() }))
      .thenThrows('PERMIT_ALREADY_ISSUED');
  });
});
