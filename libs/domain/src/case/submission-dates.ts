import { isPersonalPath } from '@app/personal-data';
import { addYearsClamped, isAfter, isBefore, type PlainDate } from '../dates/plain-date';
import { fail } from '../errors/domain-error-codes';
import { POLICY } from '../policy/policy';
import type { Submission } from '../submission/submission';

/** "field value", or just "field" when the field is personal data (a date of birth, docs/privacy.md). */
const named = (field: string, value: PlainDate): string =>
  isPersonalPath(field.split('.')) ? field : `${field} ${value}`;

/** P3: a receipt whose Eastern date is before the program opened (2022-05-24) cannot be an A76 application. */
export function requireProgramOpen(receivedOn: PlainDate): void {
  if (isBefore(receivedOn, POLICY.programOpenedOn)) {
    fail(
      'P3_BEFORE_PROGRAM',
      `receivedAt falls on ${receivedOn} (Eastern), before the program opened on ${POLICY.programOpenedOn}`,
    );
  }
}

/** The dates that record something that already happened when the application was received. */
function pastDatesOf({
  csq,
  invitationLetter,
  prApplication,
  applicant,
}: Submission): ReadonlyArray<readonly [string, PlainDate | undefined]> {
  return [
    ['csq.issuedOn', csq?.issuedOn],
    ['invitationLetter.issuedOn', invitationLetter?.issuedOn],
    ['invitationLetter.receivedOn', invitationLetter?.receivedOn],
    ['prApplication.submittedOn', prApplication?.submittedOn],
    ['prApplication.aorReceivedOn', prApplication?.aorReceivedOn],
    ['applicant.biometricsGivenOn', applicant.biometricsGivenOn],
  ];
}

type OrderedPair = readonly [
  earlierField: string,
  earlier: PlainDate | undefined,
  laterField: string,
  later: PlainDate | undefined,
];

/** Pairs of dates where the first cannot come after the second. */
function orderedPairsOf({ invitationLetter, prApplication, applicant }: Submission): readonly OrderedPair[] {
  return [
    [
      'invitationLetter.issuedOn',
      invitationLetter?.issuedOn,
      'invitationLetter.receivedOn',
      invitationLetter?.receivedOn,
    ],
    [
      'prApplication.submittedOn',
      prApplication?.submittedOn,
      'prApplication.aorReceivedOn',
      prApplication?.aorReceivedOn,
    ],
    ['applicant.dateOfBirth', applicant.dateOfBirth, 'applicant.biometricsGivenOn', applicant.biometricsGivenOn],
  ];
}

function requirePossibleBirth(dateOfBirth: PlainDate, receivedOn: PlainDate): void {
  const field = 'applicant.dateOfBirth';
  if (isAfter(dateOfBirth, receivedOn))
    fail('T1_DATE_OF_BIRTH_IMPOSSIBLE', `${named(field, dateOfBirth)} is after the receipt date ${receivedOn}`);
  if (isBefore(dateOfBirth, POLICY.earliestDateOfBirth)) {
    fail(
      'T1_DATE_OF_BIRTH_IMPOSSIBLE',
      `${named(field, dateOfBirth)} is before ${POLICY.earliestDateOfBirth}, the earliest taken as possible`,
    );
  }
}

function requirePlausiblePassportExpiry(expiresOn: PlainDate, dateOfBirth: PlainDate, receivedOn: PlainDate): void {
  const field = 'applicant.passport.expiresOn';
  if (isBefore(expiresOn, dateOfBirth))
    fail('T1_PASSPORT_EXPIRY_IMPLAUSIBLE', `${named(field, expiresOn)} is before applicant.dateOfBirth`);
  const years = POLICY.passportExpiryMaximumYearsAfterReceipt;
  if (isAfter(expiresOn, addYearsClamped(receivedOn, years))) {
    fail(
      'T1_PASSPORT_EXPIRY_IMPLAUSIBLE',
      `${named(field, expiresOn)} is more than ${years} years after the receipt date ${receivedOn}`,
    );
  }
}

/**
 * T1: refuses the dates that cannot be true of a submission received on `receivedOn` (Eastern): a
 * birth after receipt or before 1900, something recorded as done after receipt, two dates in an
 * impossible order, a passport expiring before birth or decades after receipt. The dates must
 * already be real dates (`validateSubmission`). A date that is merely late or expired (an old CSQ,
 * a late letter, an expired passport) is not impossible: screening records it.
 */
export function validateSubmissionDates(submission: Submission, receivedOn: PlainDate): void {
  const { applicant } = submission;
  requirePossibleBirth(applicant.dateOfBirth, receivedOn);
  for (const [field, date] of pastDatesOf(submission)) {
    if (date !== undefined && isAfter(date, receivedOn))
      fail('T1_DATE_AFTER_RECEIPT', `${named(field, date)} is after the receipt date ${receivedOn}`);
  }
  for (const [earlierField, earlier, laterField, later] of orderedPairsOf(submission)) {
    if (earlier !== undefined && later !== undefined && isBefore(later, earlier)) {
      fail('T1_DATES_OUT_OF_ORDER', `${named(laterField, later)} is before ${named(earlierField, earlier)}`);
    }
  }
  requirePlausiblePassportExpiry(applicant.passport.expiresOn, applicant.dateOfBirth, receivedOn);
}
