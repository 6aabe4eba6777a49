import {
  applicationDecider,
  toApplicationView,
  type ApplicantDetailsCorrected,
  type ApplicationEvent,
  type CorrectApplicantDetails,
  type IssueWorkPermit,
} from '@app/domain';
import {
  applicationSpec,
  approved,
  FAMILY_MEMBER_ID,
  familySubmission,
  foldStored,
  permitIssuedPrincipal,
  principalSnapshot,
  quebec,
  readyForDecision,
  receivedAs,
  refused,
  withdrawn,
} from '@app/testing';

const correct = (
  correction: Pick<CorrectApplicantDetails['data'], 'field' | 'value'>,
  data: Partial<Pick<CorrectApplicantDetails['data'], 'reason' | 'correctedAt'>> = {},
): CorrectApplicantDetails =>
  ({
    type: 'CorrectApplicantDetails',
    data: {
      reason: 'Typed wrongly at intake',
      correctedAt: '2024-05-21T14:00:00Z',
      officerId: 'officer-7',
      ...correction,
      ...data,
    },
  }) as CorrectApplicantDetails;

const corrected = (events: readonly ApplicationEvent[], command: CorrectApplicantDetails) =>
  applicationDecider.decide(command, foldStored(applicationDecider, events))[0] as ApplicantDetailsCorrected;
const outcomeOf = (event: ApplicantDetailsCorrected, rule: string) =>
  event.data.screening.find((finding) => finding.rule === rule)?.outcome;
const viewAfter = (events: readonly ApplicationEvent[]) =>
  toApplicationView(foldStored(applicationDecider, events), events.length - 1);

describe('H4 a correction keeps both values and screens the corrected facts again', () => {
  it('records the previous and the corrected value with the reason, who and when', () => {
    const event = corrected(readyForDecision(), correct({ field: 'familyName', value: 'Lefebvre-Roy' }));
    expect(event.data).toMatchObject({
      field: 'familyName',
      previous: 'Lefebvre',
      value: 'Lefebvre-Roy',
      reason: 'Typed wrongly at intake',
      correctedAt: '2024-05-21T14:00:00Z',
      officerId: 'officer-7',
    });
    const state = foldStored(applicationDecider, [...readyForDecision(), event]);
    expect(state.status !== 'new' && state.submission.applicant.familyName).toBe('Lefebvre-Roy');
  });

  it('E2: a principal whose residence is corrected to Quebec fails E2, in the state and the view', () => {
    const event = corrected(readyForDecision(), correct({ field: 'residence', value: quebec }));
    expect(event.data).toMatchObject({ previous: { country: 'FRA' }, value: { country: 'CAN', province: 'QC' } });
    expect(outcomeOf(event, 'E2')).toBe('failed');
    expect(viewAfter([...readyForDecision(), event])?.screening.find(({ rule }) => rule === 'E2')?.outcome).toBe(
      'failed',
    );
  });

  it('M10: a family member corrected to Quebec is still not screened on residence', () => {
    const receipt = receivedAs(familySubmission(), { applicationId: FAMILY_MEMBER_ID, principal: principalSnapshot() });
    const event = corrected([receipt], correct({ field: 'residence', value: quebec }));
    expect(outcomeOf(event, 'E2')).toBe('not-applicable');
    expect(event.data.screening.map(({ rule }) => rule)).toEqual(receipt.data.screening.map(({ rule }) => rule));
  });

  it('B3: a date of birth corrected past the maximum age exempts from biometrics and their fee', () => {
    const event = corrected(readyForDecision(), correct({ field: 'dateOfBirth', value: '1940-01-01' }));
    expect(event.data.biometrics).toEqual({ required: false, exemption: 'over-maximum-age' });
    expect(event.data.feesOwed.biometrics ?? 0).toBe(0);
    const view = viewAfter([...readyForDecision(), event]);
    expect(view?.biometrics).toMatchObject({ required: false, exemption: 'over-maximum-age' });
    expect(view?.biometrics.letter).not.toBeNull();
  });

  it('M11: the fees owed are recomputed with what the rest of the family had paid at receipt', () => {
    const options = { applicationId: FAMILY_MEMBER_ID, principal: principalSnapshot(), familyBiometricFeesPaid: 100 };
    const receipt = receivedAs(familySubmission(), options);
    expect(receipt.data.feesOwed.biometrics).toBe(70);
    const event = corrected([receipt], correct({ field: 'givenNames', value: 'Marie Anne' }));
    expect(event.data.feesOwed).toEqual(receipt.data.feesOwed);
    expect(event.data.screening).toEqual(receipt.data.screening);
  });

  it('T1: the corrected facts must be possible as at the receipt', () => {
    applicationSpec
      .given(readyForDecision())
      .when(correct({ field: 'dateOfBirth', value: '2024-05-03' }))
      .thenThrows('T1_DATE_OF_BIRTH_IMPOSSIBLE', 'rule');
    applicationSpec
      .given(readyForDecision())
      .when(correct({ field: 'passport', value: { number: '21FR00001', country: 'FRA', expiresOn: '1980-01-01' } }))
      .thenThrows('T1_PASSPORT_EXPIRY_IMPLAUSIBLE', 'rule');
    applicationSpec
      .given(readyForDecision())
      .when(correct({ field: 'dateOfBirth', value: '1990-02-30' }))
      .thenThrows('T1_INVALID_DATE', 'rule');
  });

  it('the permit uses the corrected passport (I2: validity capped by its expiry)', () => {
    const expiresOn = '2025-03-31';
    const passport = { number: '21FR00001', country: 'FRA', expiresOn };
    const history = [...readyForDecision(), approved()];
    const withCorrection = [...history, corrected(history, correct({ field: 'passport', value: passport }))];
    const issue: IssueWorkPermit = {
      type: 'IssueWorkPermit',
      data: { issuedOn: '2024-06-05', medical: { examCompleted: true, designatedCountry: false } },
    };
    const [issued] = applicationDecider.decide(issue, foldStored(applicationDecider, withCorrection));
    expect(issued).toMatchObject({ type: 'WorkPermitIssued', data: { permit: { validTo: expiresOn } } });
  });
});

describe('H4 when a correction is refused', () => {
  it('is allowed after an approval, refused once the permit is issued and on a closed case', () => {
    expect(
      corrected([...readyForDecision(), approved()], correct({ field: 'givenNames', value: 'Camille Anne' })),
    ).toBeDefined();
    const givenNames = correct({ field: 'givenNames', value: 'Camille Anne' }, { correctedAt: '2024-06-10T14:00:00Z' });
    applicationSpec.given(permitIssuedPrincipal()).when(givenNames).thenThrows('H4_PERMIT_ISSUED', 'conflict');
    applicationSpec
      .given([...readyForDecision(), refused()])
      .when(givenNames)
      .thenThrows('H4_CASE_CLOSED', 'conflict');
    applicationSpec
      .given([...readyForDecision(), withdrawn()])
      .when(givenNames)
      .thenThrows('H4_CASE_CLOSED', 'conflict');
    applicationSpec.given([]).when(givenNames).thenThrows('APPLICATION_NOT_FOUND');
  });

  it('refuses no reason, an unchanged value, a value of the wrong shape and an unknown field', () => {
    const given = applicationSpec.given(readyForDecision());
    given
      .when(correct({ field: 'familyName', value: 'Roy' }, { reason: '  ' }))
      .thenThrows('H4_REASON_REQUIRED', 'rule');
    applicationSpec
      .given(readyForDecision())
      .when(correct({ field: 'familyName', value: 'Lefebvre' }))
      .thenThrows('H4_UNCHANGED', 'rule');
    applicationSpec
      .given(readyForDecision())
      .when(correct({ field: 'residence', value: 'QC' } as never))
      .thenThrows('H4_UNKNOWN_FIELD', 'rule');
    applicationSpec
      .given(readyForDecision())
      .when(correct({ field: 'citizenship', value: 'CAN' } as never))
      .thenThrows('H4_UNKNOWN_FIELD', 'rule');
    applicationSpec
      .given(readyForDecision())
      .when(correct({ field: 'familyName', value: 'Roy' }, { correctedAt: '2024-01-01T00:00:00Z' }))
      .thenThrows('T1_BEFORE_RECEIPT');
  });
});
