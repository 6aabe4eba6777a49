import { residesInCanada } from '../submission/submission';
import { check, notApplicable, type Finding } from './finding';
import { DOCUMENT_KINDS, hasDocument, type DocumentKind } from './document-kinds';
import type { ScreeningContext } from './screening-context';

const D1_REQUIRED: readonly DocumentKind[] = [
  DOCUMENT_KINDS.csq,
  DOCUMENT_KINDS.invitationLetter,
  DOCUMENT_KINDS.intentToReside,
];
const D2_ANY_OF: readonly DocumentKind[] = [
  DOCUMENT_KINDS.prSubmissionConfirmation,
  DOCUMENT_KINDS.prAor,
  DOCUMENT_KINDS.prApprovalInPrinciple,
];
const D3_ANY_OF: readonly DocumentKind[] = [
  DOCUMENT_KINDS.proofOfResidence,
  DOCUMENT_KINDS.lease,
  DOCUMENT_KINDS.craNoticeOfAssessment,
];

/** D1: the CSQ, the invitation letter and documents showing the intent to reside in Quebec. */
export function screenCoreDocuments({ submission }: ScreeningContext): Finding {
  const missing = D1_REQUIRED.filter((kind) => !hasDocument(submission, kind));
  return check('D1', missing.length === 0, `provided ${D1_REQUIRED.join(', ')}`, `missing ${missing.join(', ')}`);
}

/** D2: with a PR application, one of its submission confirmation, AOR or approval-in-principle letter. */
export function screenPrDocuments({ submission }: ScreeningContext): Finding {
  if (!submission.prApplication) return notApplicable('D2', 'no PR application filed');
  const provided = D2_ANY_OF.filter((kind) => hasDocument(submission, kind));
  return check(
    'D2',
    provided.length > 0,
    `PR application proven by ${provided.join(', ')}`,
    `PR application without any of ${D2_ANY_OF.join(', ')}`,
  );
}

/** D3: an in-Canada applicant proves residence outside Quebec (lease, latest CRA notice of assessment). */
export function screenResidenceDocuments({ submission }: ScreeningContext): Finding {
  if (!residesInCanada(submission)) return notApplicable('D3', 'applies from outside Canada');
  const provided = D3_ANY_OF.filter((kind) => hasDocument(submission, kind));
  return check(
    'D3',
    provided.length > 0,
    `residence outside Quebec proven by ${provided.join(', ')}`,
    `no proof of residence outside Quebec (any of ${D3_ANY_OF.join(', ')})`,
  );
}
