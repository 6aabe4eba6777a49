import type { FeeItem } from '../fees/fee-amounts';

/**
 * Every tunable value of shared/RULES.md in one place. Each setting names its rule id and its tag:
 * [OFF] a value stated by IRCC or Quebec, [INF] our policy call where no source speaks. Dated
 * tables live next to their rule: the caps in `cap/cap-table.ts` (C1), the fees in
 * `fees/fee-table.ts` ($1, $2).
 */
export const POLICY = {
  /** T1, C3 [INF]: the zone in which an instant becomes a calendar date (IRCC's cut-offs are midnight Eastern). */
  easternTimeZone: 'America/Toronto',

  /** P1 [OFF]: the day the program opened. */
  programOpenedOn: '2022-05-24',
  /** P1, E6 [OFF]: MIFI stopped sending letters on 2025-01-16; the last valid letter date. */
  lastValidLetterDate: '2025-01-15',
  /** P2 [OFF 90 days; INF inclusive]: the last calendar day after the letter's receipt on which a submission is in time. */
  submissionWindowLastDay: 90,

  /** T1 [INF]: the earliest date of birth taken as possible; an earlier one is refused at receipt as a typing error. */
  earliestDateOfBirth: '1900-01-01',
  /**
   * T1 [INF]: the latest passport expiry taken as possible, in years after the receipt date (passports
   * commonly run 10 years at most; 20 leaves room for any country's rules). A later one is refused at receipt.
   */
  passportExpiryMaximumYearsAfterReceipt: 20,

  /** E4 [OFF 24 months; INF: valid through the same day of month 24 months later, clamped]. */
  csqValidityMonths: 24,
  /** E7 [INF, from R182]: days after the end of status during which restoration can be asked. */
  restorationPeriodDays: 90,

  /** B1 [OFF]: the automatic BIL goes out this many hours after receipt. */
  automaticBilDelayHours: 24,
  /** B2 [INF, consultant sources]: days the BIL gives to give biometrics, counted from its Eastern issue date. */
  biometricsDueDays: 30,
  /** B3 [OFF]: applicants younger than this at receipt are exempt. */
  biometricsMinimumAge: 14,
  /** B3 [INF, consultant sources]: applicants older than this at receipt (80 and over) are exempt. */
  biometricsMaximumAge: 79,
  /** B3 [OFF 10 years; INF: a date exactly 10 years before receipt still counts]. */
  biometricsReuseYears: 10,

  /** $1 [INF]: the most a family pays in biometric fees across its members' applications. */
  familyBiometricFeeMaximum: 170,

  /** C3 [INF]: an officer decides a principal's application only once its intake number is known, so no over-cap case is decided. */
  decisionsRequireIntakeNumber: true,
  /** C4 [OFF processing + open work permit holder; INF: biometric and restoration fees are not refunded]. */
  overCapRefundedFees: ['processing', 'openWorkPermitHolder'] as readonly FeeItem[],
  /** C6 [INF]: what identifies "the same person"; a match is flagged, never refused. */
  duplicateMatchOn: ['passport', 'csq'] as readonly ('passport' | 'csq')[],

  /** R1, X3 [INF]: a "non-trivial" override justification or extension reason has at least this many non-blank characters. */
  minimumExplanationCharacters: 20,
  /** R5 [INF]: a refusal explanation that engages with the evidence has at least this many words… */
  minimumExplanationWords: 12,
  /** R5 [INF]: …and at least this many distinct words (case-insensitive). */
  minimumDistinctExplanationWords: 8,
  /** R5 [OFF]: IRCC's own example of an insufficient reason; it never counts towards an explanation. */
  insufficientReasonExample: 'I have reviewed the submissions, and I am not satisfied that section R205 is met',
  /** R3 [INF]: a withdrawal is refunded only while no officer action (BIL or decision) happened. */
  withdrawalRefundOnlyBeforeOfficerAction: true,
  /** R3 [INF]: the fees refunded on a withdrawal that qualifies. */
  withdrawalRefundedFees: ['processing', 'openWorkPermitHolder', 'biometrics', 'restoration'] as readonly FeeItem[],

  /** Section 9 [OFF]: applications received on or before this Eastern date get NOC 9999, later ones 99999. */
  lastFourDigitNocDate: '2022-11-15',
  /** Section 9, I1 [OFF]: permit length in months. */
  permitValidityMonths: 36,
  /** I1 [INF]: month arithmetic keeps the day of month and clamps to the last day of a shorter month (`addMonthsClamped`). */
  monthArithmetic: 'same-day-clamped-to-month-end' as const,
  /** I3 [INF: wording not in the sources]: condition added for a surveillance (S2) medical result. */
  medicalSurveillanceCondition: 'Must report to the provincial public health authority for medical surveillance.',

  /** M1 [INF]: RULES.md names no authority for family members; C41 is designated under R205(c)(ii). */
  familyMemberAuthority: 'R205(c)(ii)',
  /** M1 [INF]: "Quebec as a whole, never a city, never unknown" is coded as GCMS's province-wide Quebec NES. */
  familyMemberCityOfDestination: 'Quebec NES',
  /** M9 [OFF, IRPR R2]: a dependent child is under this age at receipt and at decision (older only with a confirmed condition). */
  dependentChildAgeLimit: 22,
  /** M3 [OFF]: months of work authorization the principal must have left when a family member's application is received. */
  principalMinimumRemainingMonths: 6,

  /** H2 [INF]: days a request for information gives to answer, counted from its Eastern date, when the officer sets no due date. */
  informationRequestDays: 30,

  /** X3 [OFF]: extension length when the officer chooses none. */
  defaultExtensionMonths: 12,
  /** X3 [OFF]: the lengths an officer may choose. */
  extensionMonthsRange: { min: 1, max: 36 },
  /** X3 [INF]: the extension's months run from the extension decision date (alternative: from the current valid-to). */
  extensionRunsFrom: 'decision-date' as 'decision-date' | 'current-valid-to',
} as const;

export type Policy = typeof POLICY;
