import { DOCUMENT_KIND_VALUES, PRINCIPALS_CONDITION_DETAIL, type Submission } from '@app/domain';
import {
  familySubmission,
  findingOf,
  principalSnapshot,
  quebec,
  receivedAs,
  submission,
  type DeepPartial,
  type SubmitOptions,
} from '@app/testing';

const member = (overrides?: DeepPartial<Submission>, options: SubmitOptions = {}) =>
  receivedAs(familySubmission(overrides), { principal: principalSnapshot(), ...options });
const child = (overrides?: DeepPartial<Submission>, options?: SubmitOptions) =>
  member(
    {
      applicantType: 'dependent-child',
      applicant: { dateOfBirth: '2010-03-01' },
      documents: ['birth-certificate'],
      ...overrides,
    },
    options,
  );

describe("M10 residence, letter, CSQ and cap are the principal's conditions", () => {
  const quebecSpouse = member({
    residence: quebec,
    form: 'IMM5710',
    inCanadaStatus: { kind: 'visitor', validTo: '2025-01-31' },
  });

  it.each(['E2', 'D3', 'E4', 'E5', 'E6', 'P1', 'P2'] as const)(
    'does not screen %s on a spouse living in Quebec',
    (rule) => {
      expect(findingOf(rule, quebecSpouse)).toEqual({
        rule,
        outcome: 'not-applicable',
        detail: PRINCIPALS_CONDITION_DETAIL,
      });
    },
  );

  it('names M10 in the detail', () => {
    expect(PRINCIPALS_CONDITION_DETAIL).toContain('M10');
  });

  it('leaves no failed finding on a spouse in Quebec with a valid status and the marriage certificate', () => {
    expect(quebecSpouse.data.screening.filter((finding) => finding.outcome === 'failed')).toEqual([]);
  });

  it('does not count a family member against the cap', () => {
    expect(quebecSpouse.data).toMatchObject({ countsAgainstCap: false, intakeYear: null });
  });

  it('still screens a principal living in Quebec on E2', () => {
    expect(findingOf('E2', receivedAs(submission({ residence: quebec }))).outcome).toBe('failed');
  });
});

describe('M8 evidence of the relationship', () => {
  it.each([
    ['spouse', 'marriage-certificate'],
    ['spouse', 'common-law-declaration'],
    ['dependent-child', 'birth-certificate'],
    ['dependent-child', 'adoption-papers'],
  ] as const)('passes a %s with a %s', (applicantType, document) => {
    const event = member({ applicantType, applicant: { dateOfBirth: '2010-03-01' }, documents: [document] });
    expect(findingOf('M8', event)).toMatchObject({ outcome: 'passed', detail: expect.stringContaining(document) });
  });

  it('fails a spouse without a marriage certificate or IMM 5409, and still receives the application', () => {
    expect(findingOf('M8', member({ documents: [] }))).toMatchObject({
      outcome: 'failed',
      detail: expect.stringContaining('common-law-declaration'),
    });
  });

  it("fails a child with only the parents' marriage certificate", () => {
    expect(findingOf('M8', child({ documents: ['marriage-certificate'] })).outcome).toBe('failed');
  });

  it('accepts the relationship documents as document kinds', () => {
    expect(DOCUMENT_KIND_VALUES).toEqual(
      expect.arrayContaining([
        'marriage-certificate',
        'common-law-declaration',
        'birth-certificate',
        'adoption-papers',
      ]),
    );
  });
});

describe('M9 a dependent child is under 22 at receipt', () => {
  it('passes a child of 21 (22 the day after receipt)', () => {
    expect(findingOf('M9', child({ applicant: { dateOfBirth: '2002-05-03' } })).outcome).toBe('passed');
  });

  it('fails a child who turns 22 on the day of receipt', () => {
    expect(findingOf('M9', child({ applicant: { dateOfBirth: '2002-05-02' } })).outcome).toBe('failed');
  });

  it('fails a 34-year-old "dependent child", naming the condition the officer must confirm', () => {
    expect(findingOf('M9', child({ applicant: { dateOfBirth: '1990-01-15' } }))).toMatchObject({
      outcome: 'failed',
      detail: expect.stringContaining('physical or mental condition'),
    });
  });

  it('is not applicable to a spouse', () => {
    expect(findingOf('M9', member()).outcome).toBe('not-applicable');
  });
});

describe('M11 biometric fees are capped at 170 for a family', () => {
  const unpaid = { fees: { biometrics: 0 } };

  it('owes no biometric fee once the family paid 170, and is complete without it', () => {
    const event = member(unpaid, { familyBiometricFeesPaid: 170 });
    expect(event.data.feesOwed.biometrics).toBe(0);
    expect(findingOf('$1', event)).toMatchObject({ outcome: 'passed', detail: expect.stringContaining('M11') });
    expect(findingOf('$3', event).outcome).toBe('passed');
    expect(event.data.biometrics).toEqual({ required: true, exemption: null });
  });

  it('owes what is left of the maximum when the family paid part of it', () => {
    const event = member(unpaid, { familyBiometricFeesPaid: 100 });
    expect(event.data.feesOwed.biometrics).toBe(70);
    expect(findingOf('$3', event)).toMatchObject({
      outcome: 'failed',
      detail: expect.stringContaining('biometrics 70'),
    });
  });

  it('owes the full biometric fee when the family paid nothing yet', () => {
    expect(findingOf('$3', member(unpaid)).outcome).toBe('failed');
  });

  it.each([-85, Number.NaN, Number.POSITIVE_INFINITY])(
    'refuses %p as what the family paid',
    (familyBiometricFeesPaid) => {
      expect(() => member({}, { familyBiometricFeesPaid })).toThrow(
        expect.objectContaining({ code: '$1_INVALID_FEE_AMOUNT' }),
      );
    },
  );
});
