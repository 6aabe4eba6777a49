import type { PlainDate } from '../dates/plain-date';

/** Who applies: the CSQ holder (A76), or a family member following them (M1: C41/C46/C49). */
export const APPLICANT_TYPES = ['principal', 'spouse', 'dependent-child'] as const;
export type ApplicantType = (typeof APPLICANT_TYPES)[number];
/** E1: online through the IRCC secure account, or on paper for applicants exempt from online filing. */
export const CHANNELS = ['online', 'paper'] as const;
export type Channel = (typeof CHANNELS)[number];
/** F1: IMM 1295, applying from outside Canada; F2: IMM 5710, applying in Canada outside Quebec. */
export const APPLICATION_FORMS = ['IMM1295', 'IMM5710'] as const;
export type ApplicationForm = (typeof APPLICATION_FORMS)[number];

export type Passport = Readonly<{ number: string; country: string; expiresOn: PlainDate }>;

export type Applicant = Readonly<{
  familyName: string;
  givenNames: string;
  dateOfBirth: PlainDate;
  /** ISO 3166-1 alpha-3 country code. */
  citizenship: string;
  passport: Passport;
  /** B3: when biometrics were last given, if ever. */
  biometricsGivenOn?: PlainDate;
}>;

/** Where the applicant lives at receipt: an ISO alpha-3 country; `province` (e.g. `ON`, `QC`) when the country is `CAN`. */
export type Residence = Readonly<{ country: string; province?: string }>;

/** E7, E8: the temporary resident status of an applicant inside Canada. */
export const IN_CANADA_STATUS_KINDS = ['visitor', 'worker', 'student', 'restoration', 'r206-open-work-permit'] as const;
export type InCanadaStatusKind = (typeof IN_CANADA_STATUS_KINDS)[number];
/** For `restoration`, `validTo` is the day the lost status ended. */
export type InCanadaStatus = Readonly<{ kind: InCanadaStatusKind; validTo?: PlainDate }>;

/** E5: the selection program behind the CSQ; only the skilled-worker ones qualify. */
export const CSQ_CATEGORIES = ['regular-skilled-worker', 'pilot-ai-it-vfx', 'other'] as const;
export type CsqCategory = (typeof CSQ_CATEGORIES)[number];
/** CSQ (Certificat de sélection du Québec): Quebec's selection certificate, valid 24 months from issue (E4). */
export type Csq = Readonly<{ number: string; issuedOn: PlainDate; category: CsqCategory }>;

/**
 * The letter by which MIFI (Quebec's ministère de l'Immigration, de la Francisation et de
 * l'Intégration) invites a CSQ holder to apply for A76 (E6, P1, P2).
 */
export type InvitationLetter = Readonly<{ number: string; issuedOn: PlainDate; receivedOn: PlainDate }>;

/** Where the PR application stands (E4, E8, X1). */
export const PR_APPLICATION_STATUSES = ['in-progress', 'approved', 'refused'] as const;
export type PrApplicationStatus = (typeof PR_APPLICATION_STATUSES)[number];
/**
 * The permanent residence (PR) application under a Quebec economic stream. The AOR (acknowledgment
 * of receipt, an "E number") is IRCC's confirmation that it was received (D2, X2).
 */
export type PrApplication = Readonly<{
  number: string;
  submittedOn: PlainDate;
  aorReceivedOn?: PlainDate;
  status: PrApplicationStatus;
}>;

/** What the applicant paid with the application, in CAD ($1, $2). */
export type FeesPaid = Readonly<{
  processing: number;
  openWorkPermitHolder: number;
  biometrics: number;
  restoration?: number;
}>;

/** The application as filed: shared/API.md's `SubmitApplication` body without `applicationId` and `receivedAt`. */
export type Submission = Readonly<{
  applicantType: ApplicantType;
  /** M1: the principal's application, for a spouse or dependent child. */
  principalApplicationId?: string;
  channel: Channel;
  form: ApplicationForm;
  /** E8: applications at a port of entry are not eligible. */
  portOfEntry: boolean;
  applicant: Applicant;
  residence: Residence;
  inCanadaStatus?: InCanadaStatus;
  intendsToResideInQuebec: boolean;
  csq?: Csq;
  invitationLetter?: InvitationLetter;
  prApplication?: PrApplication;
  /** F3: "CSQ holder outside Quebec – OWP". */
  jobTitle?: string;
  /** F3: "A76: International Mobility Program Plus". */
  dutiesDescription?: string;
  fees: FeesPaid;
  /** Kinds of documents attached; see `DOCUMENT_KINDS`. */
  documents: readonly string[];
  /** E1: the applicant is exempt from online filing, so paper is allowed. */
  exemptFromOnlineFiling?: boolean;
}>;

export const isFamilyMember = (submission: Pick<Submission, 'applicantType'>): boolean =>
  submission.applicantType !== 'principal';

/** E2, E7, D3: an applicant residing in Canada applies from inside Canada. */
export const residesInCanada = (submission: Pick<Submission, 'residence'>): boolean =>
  submission.residence.country.trim().toUpperCase() === 'CAN';
