import { applicationDecider, MEDICAL_PROFILES, type ApplicationEvent, type WorkPermitIssued } from '@app/domain';
import {
  applicationSpec,
  approve,
  approved,
  assignIntakeNumber,
  enrolBiometrics,
  familySubmission,
  foldStored,
  historyOf,
  issueBil,
  recordMedicalResult,
  submit,
  issueWorkPermit,
  medicalResultRecorded,
  principalSnapshot,
  readyForDecision,
  receivedAs,
} from '@app/testing';

const issuedOf = (events: readonly ApplicationEvent[]): WorkPermitIssued['data'] => {
  const [event] = events;
  if (event?.type !== 'WorkPermitIssued') throw new Error(`expected WorkPermitIssued, got ${JSON.stringify(events)}`);
  return event.data;
};

const approvedWith = (recorded: Partial<ReturnType<typeof medicalResultRecorded>['data']>) => [
  ...readyForDecision(),
  medicalResultRecorded(recorded),
  approved(),
];

describe('I4 surveillance S2.02 or S2.02U: the permit remark "medical surveillance required."', () => {
  it.each(['S2.02', 'S2.02U'] as const)('puts the remark verbatim on a principal permit for %s', (surveillance) => {
    applicationSpec
      .given(approvedWith({ surveillance }))
      .when(issueWorkPermit())
      .thenEvents((events) => {
        const [remark, ...others] = issuedOf(events).permit.remarks;
        expect(others).toEqual([]);
        expect([...(remark ?? '')]).toEqual([...'medical surveillance required.']);
        expect(remark).toHaveLength(30);
      });
  });

  it("adds it after a family member's labour-law remark", () => {
    const family = [
      receivedAs(familySubmission(), { principal: principalSnapshot({ status: 'received', permitValidTo: null }) }),
      medicalResultRecorded({ result: 'M2', surveillance: 'S2.02' }),
      approved(),
    ];
    applicationSpec
      .given(family)
      .when(issueWorkPermit({ principal: principalSnapshot() }))
      .thenEvents((events) =>
        expect(issuedOf(events).permit.remarks).toEqual([
          'Authorized to work as per applicable labour laws.',
          'medical surveillance required.',
        ]),
      );
  });

  it('puts no remark without a surveillance code', () => {
    applicationSpec
      .given(approvedWith({ result: 'M3' }))
      .when(issueWorkPermit())
      .thenEvents((events) => expect(issuedOf(events).permit.remarks).toEqual([]));
  });
});

describe('I4 issuance relies on the result recorded before the decision', () => {
  it('issues on the recorded result when the body gives none, and records it', () => {
    applicationSpec
      .given(approvedWith({ result: 'M2' }))
      .when(issueWorkPermit({ medical: { examCompleted: true, designatedCountry: true } }))
      .thenEvents((events) =>
        expect(issuedOf(events).medical).toEqual({ examCompleted: true, designatedCountry: true, result: 'M2' }),
      );
  });

  it('accepts the same result in the body, for older clients', () => {
    applicationSpec
      .given(approvedWith({ result: 'M2' }))
      .when(issueWorkPermit({ medical: { result: 'M2' } }))
      .thenEvents((events) => expect(issuedOf(events).permit.conditions).toHaveLength(1));
  });

  it('refuses a body that contradicts the recorded result', () => {
    applicationSpec
      .given(approvedWith({ result: 'M2' }))
      .when(issueWorkPermit({ medical: { result: 'M1' } }))
      .thenThrows('I4_MEDICAL_RESULT_MISMATCH', 'rule');
    applicationSpec
      .given(approvedWith({ result: 'M2' }))
      .when(issueWorkPermit({ medical: { examCompleted: false, designatedCountry: false } }))
      .thenThrows('I4_MEDICAL_RESULT_MISMATCH', 'rule');
  });

  it('issues the permit of an M5 approved with an R206 override: no approved case is left without a permit', () => {
    const justification = 'Exempt from excessive demand under R206 as a protected person, per the file.';
    const history = historyOf(
      submit(),
      assignIntakeNumber(),
      issueBil(),
      enrolBiometrics(),
      recordMedicalResult({ result: 'M5' }),
      approve({ overrides: [{ rule: 'I4', justification }] }),
      issueWorkPermit(),
    );
    expect(history.map((event) => event.type).slice(-2)).toEqual(['ApplicationApproved', 'WorkPermitIssued']);
    expect(issuedOf(history.slice(-1)).medical.result).toBe('M5');
  });

  it.each(MEDICAL_PROFILES)('leaves no approved case without a permit: %s blocks approval or issues', (result) => {
    const justification = 'Exempt from excessive demand under R207(c): the spouse of a protected person.';
    const before = [...readyForDecision(), medicalResultRecorded({ result })];
    const approval = approve(result === 'M5' ? { overrides: [{ rule: 'I4', justification }] } : {});
    const admissible = !['M4', 'M6'].includes(result);
    if (!admissible) {
      applicationSpec.given(before).when(approval).thenThrows('I4_MEDICALLY_INADMISSIBLE');
      return;
    }
    const decided = applicationDecider.decide(approval, foldStored(applicationDecider, before));
    applicationSpec
      .given([...before, ...decided])
      .when(issueWorkPermit())
      .thenEvents((events) => expect(issuedOf(events).medical.result).toBe(result));
  });

  it('keeps the I3 restrictions when no result was recorded and no exam completed', () => {
    applicationSpec
      .given([...readyForDecision(), approved()])
      .when(issueWorkPermit({ medical: { examCompleted: false, designatedCountry: false } }))
      .thenEvents((events) =>
        expect(issuedOf(events).permit.conditions[1]).toBe(
          'Not authorized to work in 1) child care, 2) primary or secondary school teaching, 3) health services field occupations.',
        ),
      );
  });
});
