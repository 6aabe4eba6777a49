import type { Submission } from '../submission/submission';

/** The document kinds screening recognises in a submission's `documents` list (D1–D3). */
export const DOCUMENT_KINDS = {
  csq: 'csq',
  invitationLetter: 'invitation-letter',
  intentToReside: 'intent-to-reside',
  /** D3: a lease, the latest CRA notice of assessment or another proof of residence outside Quebec. */
  proofOfResidence: 'proof-of-residence',
  lease: 'lease',
  craNoticeOfAssessment: 'cra-notice-of-assessment',
  /** D2: PR submission confirmation (an "X number"). */
  prSubmissionConfirmation: 'pr-submission-confirmation',
  /** D2: IRCC's acknowledgment of receipt (AOR, an "E number"). */
  prAor: 'pr-aor',
  prApprovalInPrinciple: 'pr-approval-in-principle',
} as const;

export type DocumentKind = (typeof DOCUMENT_KINDS)[keyof typeof DOCUMENT_KINDS];

export const hasDocument = (submission: Pick<Submission, 'documents'>, kind: DocumentKind): boolean =>
  submission.documents.some((document) => document.trim().toLowerCase() === kind);
