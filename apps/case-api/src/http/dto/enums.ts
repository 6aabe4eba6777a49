/**
 * The value lists the HTTP contract validates and documents. Every list the domain defines comes
 * from the domain (one source per fact, STYLE.md); only the contract's own lists are declared here.
 */
import {
  APPLICANT_TYPES,
  APPLICATION_FORMS,
  APPLICATION_STATUSES as DOMAIN_APPLICATION_STATUSES,
  CHANNELS,
  CSQ_CATEGORIES,
  DOCUMENT_KIND_VALUES,
  FAMILY_MEMBER_EXEMPTION_CODES,
  FINDING_OUTCOMES,
  INFORMATION_QUEUES,
  INFORMATION_REQUEST_KINDS,
  IN_CANADA_STATUS_KINDS,
  MEDICAL_PROFILES,
  MEDICAL_RESULTS,
  PR_APPLICATION_STATUSES,
  PRINCIPAL_CODING,
  ROUTINGS,
  SURVEILLANCE_CODES,
  type ApplicantType,
  type ApplicationForm,
  type ApplicationStatus as DomainApplicationStatus,
  type DocumentKind,
  type FindingOutcome,
} from '@app/domain';

export {
  APPLICANT_TYPES,
  CHANNELS,
  CSQ_CATEGORIES,
  IN_CANADA_STATUS_KINDS,
  MEDICAL_PROFILES,
  MEDICAL_RESULTS,
  PR_APPLICATION_STATUSES,
  ROUTINGS,
  SURVEILLANCE_CODES,
};
export type {
  ApplicantType,
  Channel,
  CsqCategory,
  InCanadaStatusKind,
  MedicalProfile,
  MedicalResult,
  PrApplicationStatus,
  Routing,
  SurveillanceCode,
} from '@app/domain';

export const FAMILY_MEMBER_TYPES = ['spouse', 'dependent-child'] as const satisfies readonly ApplicantType[];
export const isFamilyMemberType = (value: unknown): boolean =>
  (FAMILY_MEMBER_TYPES as readonly unknown[]).includes(value);

/** IMM 1295: work permit from outside Canada (F1); IMM 5710: from inside Canada (F2). */
export const FORMS = APPLICATION_FORMS;
export type Form = ApplicationForm;

/** Supporting documents (D1–D3) and relationship evidence (M8). */
export const DOCUMENT_KINDS: readonly DocumentKind[] = DOCUMENT_KIND_VALUES;
export type { DocumentKind };

/** ISO 3166-2:CA codes of the provinces and territories (QC included: residing there fails E2). */
export const CANADIAN_PROVINCES = [
  'AB',
  'BC',
  'MB',
  'NB',
  'NL',
  'NS',
  'NT',
  'NU',
  'ON',
  'PE',
  'QC',
  'SK',
  'YT',
] as const;
export type CanadianProvince = (typeof CANADIAN_PROVINCES)[number];

export const DECISION_OUTCOMES = ['approved', 'refused'] as const;
export type DecisionOutcome = (typeof DECISION_OUTCOMES)[number];

export const EXTENSION_OUTCOMES = ['approved', 'refused'] as const;
export type ExtensionOutcome = (typeof EXTENSION_OUTCOMES)[number];

/** The statuses a received application can be in: the domain's, less `new`. */
export type ApplicationStatus = Exclude<DomainApplicationStatus, 'new'>;
export const APPLICATION_STATUSES: readonly ApplicationStatus[] = DOMAIN_APPLICATION_STATUSES.filter(
  (status): status is ApplicationStatus => status !== 'new',
);

export const SCREENING_OUTCOMES = FINDING_OUTCOMES;
export type ScreeningOutcome = FindingOutcome;

/** H2: what `GET /v1/applications?status=` filters by: an application's status, or an information work queue of a received one. */
export type WorkQueueStatus = ApplicationStatus | (typeof INFORMATION_QUEUES)[number];
export const WORK_QUEUE_STATUSES: readonly WorkQueueStatus[] = [...APPLICATION_STATUSES, ...INFORMATION_QUEUES];

export { INFORMATION_REQUEST_KINDS };
export type InformationRequestKind = (typeof INFORMATION_REQUEST_KINDS)[number];
export const INFORMATION_REQUEST_STATUSES = ['open', 'answered', 'overdue'] as const;
export type InformationRequestStatus = (typeof INFORMATION_REQUEST_STATUSES)[number];

export const EXTENSION_STATUSES = ['requested', 'approved', 'refused'] as const;
export type ExtensionStatus = (typeof EXTENSION_STATUSES)[number];

/** GCMS exemption codes: A76 for the principal, C41/C46/C49 for family members (M1). */
export const EXEMPTION_CODES = [PRINCIPAL_CODING.exemptionCode, ...FAMILY_MEMBER_EXEMPTION_CODES] as const;
export type ExemptionCode = (typeof EXEMPTION_CODES)[number];
