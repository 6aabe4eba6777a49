import type { Submission } from '../submission/submission';

/** The document kinds screening recognises in a submission's `documents` list (D1–D3, M8). */
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
  /** M8: evidence that a spouse is married to the principal. */
  marriageCertificate: 'marriage-certificate',
  /** M8: IMM 5409, the statutory declaration of a common-law union. */
  commonLawDeclaration: 'common-law-declaration',
  /** M8: evidence that a dependent child is the principal's child. */
  birthCertificate: 'birth-certificate',
  adoptionPapers: 'adoption-papers',
} as const;

export type DocumentKind = (typeof DOCUMENT_KINDS)[keyof typeof DOCUMENT_KINDS];

export const hasDocument = (submission: Pick<Submission, 'documents'>, kind: DocumentKind): boolean =>
  submission.documents.some((document) => document.trim().toLowerCase() === kind);

/** Every document kind, for the HTTP layer's list of accepted values (one source per fact). */
export const DOCUMENT_KIND_VALUES: readonly DocumentKind[] = Object.values(DOCUMENT_KINDS);
