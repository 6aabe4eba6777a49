import { DomainError, type DomainErrorKind } from '@app/kernel';

type Entry = readonly [kind: DomainErrorKind, description: string];

const CATALOGUE = {
  APPLICATION_NOT_FOUND: ['not-found', 'No application was submitted under this id.'],
  APPLICATION_ALREADY_SUBMITTED: ['conflict', 'An application with this id was already submitted.'],
  APPLICATION_NOT_APPROVED: ['conflict', 'Only an approved application gets a work permit.'],
  PERMIT_ALREADY_ISSUED: ['conflict', 'The work permit was already issued.'],
  SCREENING_OVERRIDE_REQUIRED: [
    'rule',
    'Approving while a screening finding failed needs an officer override naming that rule.',
  ],
  SCREENING_OVERRIDE_UNJUSTIFIED: ['rule', 'An override needs a non-trivial justification.'],
  SCREENING_OVERRIDE_NOT_FAILED: ['rule', 'An override names a rule whose finding did not fail.'],
  T1_INVALID_INSTANT: ['rule', 'An instant is not an ISO-8601 timestamp with a zone.'],
  T1_INVALID_DATE: ['rule', 'A date is not a real YYYY-MM-DD calendar date.'],
  T1_BEFORE_RECEIPT: [
    'rule',
    'The command is dated before the application was received or before the event it follows.',
  ],
  T1_DATE_AFTER_RECEIPT: [
    'rule',
    'A date of the submission (CSQ, letter, PR application, biometrics) is after the receipt date.',
  ],
  T1_DATE_OF_BIRTH_IMPOSSIBLE: [
    'rule',
    'The date of birth is after the receipt date or before the earliest date of birth taken as possible.',
  ],
  T1_DATES_OUT_OF_ORDER: [
    'rule',
    'Two dates of the submission are in an impossible order (a letter received before its date, an AOR before its application).',
  ],
  T1_PASSPORT_EXPIRY_IMPLAUSIBLE: [
    'rule',
    'The passport expires before the date of birth or implausibly long after the receipt date.',
  ],
  P3_BEFORE_PROGRAM: [
    'rule',
    'The receipt date (Eastern) is before the program opened on 2022-05-24: not an A76 application.',
  ],
  $1_INVALID_FEE_AMOUNT: ['rule', 'A fee amount is not a finite, non-negative number.'],
  C1_NO_CAP_FOR_YEAR: ['rule', 'The cap table has no cap for that year.'],
  C1_CAP_MISMATCH: ['rule', 'The cap given does not match the cap table for that year.'],
  C2_NOT_COUNTED: ['rule', 'Family-member applications do not count against the cap.'],
  C3_INTAKE_YEAR_MISMATCH: ['rule', 'The intake year is not the Eastern calendar year of receipt.'],
  C3_INVALID_INTAKE_NUMBER: ['rule', 'An intake number is a positive integer.'],
  C3_INTAKE_NUMBER_ALREADY_ASSIGNED: ['conflict', 'The application already has a different intake number.'],
  C3_INTAKE_PENDING: ['conflict', 'The application has no intake number yet: it cannot be decided.'],
  C4_OVER_CAP: ['conflict', 'An over-cap application is cancelled or returned, never decided.'],
  C4_NOT_OVER_CAP: ['conflict', 'The application is not over the cap.'],
  C5_OVER_CAP: ['conflict', 'No biometric instruction letter goes to an over-cap application.'],
  C6_SELF_DUPLICATE: ['rule', 'An application cannot duplicate itself.'],
  C6_KEY_MISMATCH: ['rule', "The duplicate key is not one of this application's keys."],
  C6_ALREADY_FLAGGED: ['conflict', 'The application is already flagged as a duplicate of another application.'],
  B1_NOT_ONLINE: ['rule', 'The automatic BIL is only for online applications.'],
  B1_BIOMETRIC_FEE_NOT_PAID: ['rule', 'The automatic BIL needs the biometric fee paid with the application.'],
  B1_TOO_EARLY: ['rule', 'The automatic BIL goes out 24 hours after receipt, not earlier.'],
  B2_NO_INSTRUCTION_LETTER: ['rule', 'Biometrics are enrolled in answer to a biometric instruction letter.'],
  B3_BIOMETRICS_EXEMPT: ['rule', 'The applicant is exempt from biometrics.'],
  B4_LETTER_ALREADY_ISSUED: ['conflict', 'A biometric instruction letter was already issued.'],
  B5_ALREADY_ENROLLED: ['conflict', 'Biometrics were already enrolled.'],
  B5_BIOMETRICS_REQUIRED: ['rule', 'Approval requires biometrics enrolled, unless exempt.'],
  R1_REASONS_REQUIRED: ['rule', 'A refusal names at least one requirement not met.'],
  R1_EXPLANATION_REQUIRED: ['rule', 'Every refusal reason needs a non-trivial explanation.'],
  R1_UNKNOWN_GROUND: [
    'rule',
    'A refusal ground has the shape of an R200(1)(…) paragraph or an IRPA A3x/A4x(…) section (R4).',
  ],
  R1_UNKNOWN_RULE: ['rule', 'A reason or override names a rule id that is not in the rulebook.'],
  R5_EXPLANATION_INSUFFICIENT: [
    'rule',
    "A refusal explanation has fewer than 12 words or 8 distinct words, or is only IRCC's example of an insufficient reason.",
  ],
  R2_ALREADY_DECIDED: ['conflict', 'A decision is final.'],
  R7_NO_DECISION: ['conflict', 'Only a decision can be set aside: the application has none.'],
  R7_JUDGMENT_IN_FUTURE: ['rule', 'The judgment setting the decision aside is dated after the day it is recorded.'],
  R7_JUDGMENT_INCOMPLETE: ['rule', 'A set-aside names the court, its docket and the reason.'],
  R2_APPLICATION_CLOSED: ['conflict', 'The application was cancelled, returned or withdrawn.'],
  R3_ALREADY_DECIDED: ['conflict', 'Withdrawal is allowed only until a decision.'],
  R3_ALREADY_WITHDRAWN: ['conflict', 'The application was already withdrawn.'],
  R3_APPLICATION_CLOSED: ['conflict', 'The application was cancelled or returned over the cap.'],
  I2_PASSPORT_EXPIRED: ['rule', 'The passport expires before the permit would start.'],
  I3_MEDICALLY_INADMISSIBLE: ['rule', 'Medical result M4 or M6: no permit.'],
  I3_RESULT_WITHOUT_EXAM: ['rule', 'A medical result is given although no exam was completed.'],
  I4_MEDICALLY_INADMISSIBLE: [
    'rule',
    'Medical result M4 or M6 recorded: inadmissible on health grounds, the application is refused under A38(1).',
  ],
  I4_EXCESSIVE_DEMAND_OVERRIDE_REQUIRED: [
    'rule',
    'Medical result M5 (excessive demand) recorded: approval needs an override of I4 citing R206 or R207(c)/(d).',
  ],
  I4_EXCESSIVE_DEMAND_CITATION_REQUIRED: ['rule', 'The override of I4 for M5 does not cite R206 or R207(c)/(d).'],
  I4_MEDICAL_RESULT_MISMATCH: ['rule', 'The medical assessment given at issuance contradicts the result recorded.'],
  I4_EXAMINED_IN_FUTURE: ['rule', 'The medical exam is dated after the day its result is recorded.'],
  I4_UNKNOWN_MEDICAL_CODE: ['rule', 'A medical result is M1 to M6 and a surveillance code S2.02 or S2.02U.'],
  H1_NOTE_TEXT_REQUIRED: ['rule', 'A case note has a text.'],
  H1_NOTE_ALREADY_ADDED: ['conflict', 'A note with this id was already added to the case.'],
  H1_CORRECTED_NOTE_NOT_FOUND: ['rule', 'A correcting note names a note that does not exist on this case.'],
  H4_UNKNOWN_FIELD: [
    'rule',
    'A correction names familyName, givenNames, dateOfBirth, passport or residence, with a value of its shape.',
  ],
  H4_REASON_REQUIRED: ['rule', 'A correction gives its reason.'],
  H4_UNCHANGED: ['rule', 'The corrected value is the value already recorded.'],
  H4_CASE_CLOSED: ['conflict', 'A refused, withdrawn, cancelled or returned application is not corrected.'],
  H4_PERMIT_ISSUED: [
    'conflict',
    'The work permit was already issued: amending an issued permit is out of scope of a correction.',
  ],
  H2_INFORMATION_REQUEST_NOT_FOUND: ['not-found', 'No request for information with this id was made.'],
  H2_INFORMATION_REQUEST_EXISTS: ['conflict', 'A request for information with this id was already made.'],
  H2_INFORMATION_ALREADY_RECEIVED: ['conflict', 'The request for information was already answered.'],
  H2_INFORMATION_REQUEST_CLOSED: ['conflict', 'The request for information is no longer open.'],
  H2_UNKNOWN_REQUEST_KIND: ['rule', 'A request for information asks for documents or is a procedural-fairness letter.'],
  H2_ITEMS_REQUIRED: ['rule', 'A request for documents or answers asks for at least one item.'],
  H2_DUE_BEFORE_REQUEST: ['rule', 'A request for information is due no earlier than the day it is made.'],
  H2_NOT_YET_DUE: ['rule', 'A request for information is overdue only once its due date has ended (Eastern).'],
  H3_CONCERN_REQUIRED: ['rule', 'A procedural-fairness letter states the concern it invites the applicant to answer.'],
  R6_FAIRNESS_PENDING: [
    'rule',
    'A procedural-fairness letter is open and not yet due: the application cannot be refused until it is answered or due.',
  ],
  X1_PERMIT_REQUIRED: ['conflict', 'Only an issued work permit can be extended.'],
  X1_PR_ALREADY_DECIDED: ['rule', 'An extension is possible only while the PR application is in processing.'],
  X1_EXTENSION_PENDING: ['conflict', 'Another extension request is still waiting for a decision.'],
  X1_EXTENSION_ALREADY_REQUESTED: ['conflict', 'An extension with this id was already requested.'],
  X1_EXTENSION_NOT_FOUND: ['not-found', 'No extension with this id was requested.'],
  X2_AOR_REQUIRED: ['rule', "An extension needs IRCC's acknowledgment of receipt (AOR) of the PR application."],
  X3_EXTENSION_ALREADY_DECIDED: ['conflict', 'The extension request was already decided.'],
  X3_MONTHS_OUT_OF_RANGE: ['rule', 'An extension lasts a whole number of months from 1 to 36.'],
  X3_NOTHING_TO_EXTEND: ['rule', 'The extension would not end after the current validity.'],
  X4_PERMIT_EXPIRED: [
    'rule',
    "The extension was requested after the permit's valid-to: restoration of status is needed instead.",
  ],
  M1_PRINCIPAL_REQUIRED: [
    'rule',
    "A family member's application names its principal and comes with the principal's snapshot.",
  ],
  M1_PRINCIPAL_MISMATCH: [
    'rule',
    "The principal snapshot is not the principal's application named by the family member.",
  ],
  M1_PRINCIPAL_NOT_EXPECTED: ['rule', "A principal's command carries no principal application."],
  M2_PRINCIPAL_PERMIT_REQUIRED: ['rule', "A family member's permit is bounded by the principal's issued permit."],
  M2_PRINCIPAL_PERMIT_EXPIRED: [
    'rule',
    "The principal's work authorization ends before the family member's permit would start.",
  ],
  M3_PRINCIPAL_AUTHORIZATION_TOO_SHORT: [
    'rule',
    'The principal had less than 6 months of work authorization left at receipt.',
  ],
  M6_PRINCIPAL_NOT_APPROVED: [
    'rule',
    "A family member is approved only while the principal's application is approved or its permit issued.",
  ],
  M7_NOT_A_FAMILY_MEMBER: ['rule', "Only a family member's application follows its principal's."],
  M7_PRINCIPAL_MISMATCH: ['rule', "The principal named is not the one the family member's application follows."],
  M7_UNKNOWN_PRINCIPAL_OUTCOME: [
    'rule',
    "A family member follows a principal's refusal, cancellation, return or withdrawal.",
  ],
  M7_MEMBER_APPROVED: [
    'rule',
    "A family member approved on a principal's approval that no longer stands is re-opened only by a set-aside (R7).",
  ],
  M9_NOT_A_DEPENDENT_CHILD: [
    'rule',
    'A child 22 or over at receipt or decision is a dependent child only with an officer override (M9) confirming the condition.',
  ],
} as const satisfies Record<string, Entry>;

/** A stable domain error code; it starts with the shared/RULES.md id it enforces when there is one. */
export type DomainErrorCode = keyof typeof CATALOGUE;

/** Every code the domain can throw, with its kind (422 rule, 409 conflict, 404 not-found) for the HTTP layer's docs. */
export const DOMAIN_ERROR_CODES: readonly Readonly<{
  code: DomainErrorCode;
  kind: DomainErrorKind;
  description: string;
}>[] = (Object.keys(CATALOGUE) as DomainErrorCode[]).map((code) => ({
  code,
  kind: CATALOGUE[code][0],
  description: CATALOGUE[code][1],
}));

export const domainErrorKindOf = (code: DomainErrorCode): DomainErrorKind => CATALOGUE[code][0];

/** Refuses the command with a catalogued code (the kind comes from the catalogue). */
export function fail(code: DomainErrorCode, message: string): never {
  throw new DomainError(code, message, domainErrorKindOf(code));
}
