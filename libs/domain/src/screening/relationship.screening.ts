import { fullYearsBetween, type PlainDate } from '../dates/plain-date';
import { POLICY } from '../policy/policy';
import type { ApplicantType } from '../submission/submission';
import { DOCUMENT_KINDS, hasDocument, type DocumentKind } from './document-kinds';
import { check, notApplicable, type Finding } from './finding';
import type { ScreeningContext } from './screening-context';

/** M8 [OFF]: the documents, any one of which proves a family member's relationship to the principal. */
export const RELATIONSHIP_EVIDENCE: Readonly<Record<Exclude<ApplicantType, 'principal'>, readonly DocumentKind[]>> = {
  spouse: [DOCUMENT_KINDS.marriageCertificate, DOCUMENT_KINDS.commonLawDeclaration],
  'dependent-child': [DOCUMENT_KINDS.birthCertificate, DOCUMENT_KINDS.adoptionPapers],
};

/** M8: a spouse proves the marriage or common-law union, a child the filiation; missing evidence fails (an officer may override). */
export function screenRelationshipEvidence({ submission }: ScreeningContext): Finding {
  if (submission.applicantType === 'principal') return notApplicable('M8', 'a principal, not a family member');
  const anyOf = RELATIONSHIP_EVIDENCE[submission.applicantType];
  const provided = anyOf.filter((kind) => hasDocument(submission, kind));
  return check(
    'M8',
    provided.length > 0,
    `${submission.applicantType} relationship proven by ${provided.join(', ')}`,
    `${submission.applicantType} without evidence of the relationship (any of ${anyOf.join(', ')})`,
  );
}

/** M9: a dependent child is under 22 on `on` (IRPR R2). */
export const isUnderDependentChildAge = (dateOfBirth: PlainDate, on: PlainDate): boolean =>
  fullYearsBetween(dateOfBirth, on) < POLICY.dependentChildAgeLimit;

/** M9: the finding on a dependent child's age on `on` (receipt, or decision); 22 or over needs the officer's confirmation. */
export function dependentChildAgeFinding(dateOfBirth: PlainDate, on: PlainDate, when: 'receipt' | 'decision'): Finding {
  const age = fullYearsBetween(dateOfBirth, on);
  return check(
    'M9',
    isUnderDependentChildAge(dateOfBirth, on),
    `${age} years old at ${when} (${on}), under ${POLICY.dependentChildAgeLimit}`,
    `${age} years old at ${when} (${on}): a dependent child only if dependent since before ` +
      `${POLICY.dependentChildAgeLimit} because of a physical or mental condition, which the officer must confirm`,
  );
}

/** M9: a dependent child is under 22 at receipt, or the officer confirms a dependency since before 22. */
export function screenDependentChildAge({ submission, receivedOn }: ScreeningContext): Finding {
  if (submission.applicantType !== 'dependent-child')
    return notApplicable('M9', `a ${submission.applicantType}, not a dependent child`);
  return dependentChildAgeFinding(submission.applicant.dateOfBirth, receivedOn, 'receipt');
}
