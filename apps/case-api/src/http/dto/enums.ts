import { APPLICATION_STATUSES as DOMAIN_APPLICATION_STATUSES, type ApplicationStatus as DomainApplicationStatus } from '@app/domain';
/** Who applies: the CSQ holder (A76) or a family member following them (C41/C46/C49). */
export const APPLICANT_TYPES = ['principal', 'spouse', 'dependent-child'] as const;
export type ApplicantType = (typeof APPLICANT_TYPES)[number];

export const FAMILY_MEMBER_TYPES = ['spouse', 'dependent-child'] as const satisfies readonly ApplicantType[];
export const isFamilyMemberType = (value: unknown): boolean =>
  (FAMILY_MEMBER_TYPES as readonly unknown[]).includes(value);

/** How the application arrived (RULES.md E1: online unless exempt from online filing). */
export const CHANNELS = ['online', 'paper'] as const;
export type Channel = (typeof CHANNELS)[number];

/** IMM 1295: work permit from outside Canada (F1); IMM 5710: from inside Canada (F2). */
export const FORMS = ['IMM1295', 'IMM5710'] as const;
export type Form = (typeof FORMS)[number];

/** The temporary resident status an in-Canada applicant holds (RULES.md E7, E8). */
export const IN_CANADA_STATUS_KINDS = ['visitor', 'worker', 'student', 'restoration', 'r206-open-work-permit'] as const;
export type InCanadaStatusKind = (typeof IN_CANADA_STATUS_KINDS)[number];

/** CSQ (Certificat de sélection du Québec): Quebec's selection certificate; its program (E5). */
export const CSQ_CATEGORIES = ['regular-skilled-worker', 'pilot-ai-it-vfx', 'other'] as const;
export type CsqCategory = (typeof CSQ_CATEGORIES)[number];

/** Where the applicant's permanent residence (PR) application stands (E4, E8). */
export const PR_APPLICATION_STATUSES = ['in-progress', 'approved', 'refused'] as const;
export type PrApplicationStatus = (typeof PR_APPLICATION_STATUSES)[number];

/**
 * Supporting documents (RULES.md D1–D3). AOR: IRCC's acknowledgment of receipt of a PR
 * application (E number); CRA: Canada Revenue Agency.
 */
export const DOCUMENT_KINDS = [
  'csq',
  'invitation-letter',
  'intent-to-reside',
  'proof-of-residence',
  'pr-aor',
  'pr-submission-confirmation',
  'pr-approval-in-principle',
  'cra-notice-of-assessment',
  'lease',
] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

/** ISO 3166-2:CA codes of the provinces and territories (QC included: residing there fails E2). */
export const CANADIAN_PROVINCES = ['AB', 'BC', 'MB', 'NB', 'NL', 'NS', 'NT', 'NU', 'ON', 'PE', 'QC', 'SK', 'YT'] as const;
export type CanadianProvince = (typeof CANADIAN_PROVINCES)[number];

/** R200(1)(b): will not leave at the end of the stay; R200(1)(c)(ii): work not described in R205 (R1). */
export const REFUSAL_GROUNDS = ['R200(1)(b)', 'R200(1)(c)(ii)'] as const;
export type RefusalGround = (typeof REFUSAL_GROUNDS)[number];

/**
 * IRCC immigration medical assessment codes (RULES.md I3). Medical profiles: M1 no risk; M2
 * potential risk to public health, surveillance required; M3 condition present, no excessive
 * demand; M4 danger to public health; M5 excessive demand; M6 danger to public safety.
 * Surveillance: S1 none required; S2 medical surveillance required (IRCC's S2.02 / S2.02U).
 * M4, M5, M6 are IRCC's inadmissible codes. The PR-only excessive-demand-exempt variants
 * (M19, M29, M39) and S2.01 (only ever paired with M4) are not accepted.
 */
export const MEDICAL_RESULTS = ['M1', 'M2', 'M3', 'M4', 'M5', 'M6', 'S1', 'S2'] as const;
export type MedicalResult = (typeof MEDICAL_RESULTS)[number];

export const DECISION_OUTCOMES = ['approved', 'refused'] as const;
export type DecisionOutcome = (typeof DECISION_OUTCOMES)[number];

export const EXTENSION_OUTCOMES = ['approved', 'refused'] as const;
export type ExtensionOutcome = (typeof EXTENSION_OUTCOMES)[number];

/** The statuses a received application can be in: the domain's, less `new`. */
export type ApplicationStatus = Exclude<DomainApplicationStatus, 'new'>;
export const APPLICATION_STATUSES: readonly ApplicationStatus[] = DOMAIN_APPLICATION_STATUSES.filter(
  (status): status is ApplicationStatus => status !== 'new',
);

/** Migration office for IMM 1295 (F1), Centralized Network for IMM 5710 (F2). */
export const ROUTINGS = ['migration-office', 'centralized-network'] as const;
export type Routing = (typeof ROUTINGS)[number];

export const SCREENING_OUTCOMES = ['passed', 'failed', 'not-applicable'] as const;
export type ScreeningOutcome = (typeof SCREENING_OUTCOMES)[number];

export const EXTENSION_STATUSES = ['requested', 'approved', 'refused'] as const;
export type ExtensionStatus = (typeof EXTENSION_STATUSES)[number];

/** GCMS exemption codes: A76 for the principal, C41/C46/C49 for family members (M1). */
export const EXEMPTION_CODES = ['A76', 'C41', 'C46', 'C49'] as const;
export type ExemptionCode = (typeof EXEMPTION_CODES)[number];
