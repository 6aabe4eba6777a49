import { POLICY } from './policy';

describe('policy settings: every [INF] value is named, with its default', () => {
  it('holds the defaults the rulebook and our policy calls give', () => {
    expect(POLICY).toMatchObject({
      easternTimeZone: 'America/Toronto',
      submissionWindowLastDay: 90,
      earliestDateOfBirth: '1900-01-01',
      passportExpiryMaximumYearsAfterReceipt: 20,
      restorationPeriodDays: 90,
      biometricsDueDays: 30,
      biometricsMaximumAge: 79,
      biometricsReuseYears: 10,
      familyBiometricFeeMaximum: 170,
      decisionsRequireIntakeNumber: true,
      overCapRefundedFees: ['processing', 'openWorkPermitHolder'],
      duplicateMatchOn: ['passport', 'csq'],
      minimumExplanationCharacters: 20,
      minimumExplanationWords: 12,
      minimumDistinctExplanationWords: 8,
      withdrawalRefundOnlyBeforeOfficerAction: true,
      monthArithmetic: 'same-day-clamped-to-month-end',
      familyMemberAuthority: 'R205(c)(ii)',
      familyMemberCityOfDestination: 'Quebec NES',
      extensionRunsFrom: 'decision-date',
    });
  });

  it('holds the official values the rules state', () => {
    expect(POLICY).toMatchObject({
      programOpenedOn: '2022-05-24',
      lastValidLetterDate: '2025-01-15',
      csqValidityMonths: 24,
      automaticBilDelayHours: 24,
      biometricsMinimumAge: 14,
      lastFourDigitNocDate: '2022-11-15',
      permitValidityMonths: 36,
      principalMinimumRemainingMonths: 6,
      dependentChildAgeLimit: 22,
      defaultExtensionMonths: 12,
      extensionMonthsRange: { min: 1, max: 36 },
    });
  });
});
