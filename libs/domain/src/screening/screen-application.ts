import { easternDateOf, type Instant } from '../dates/instant';
import type { PrincipalSnapshot } from '../submission/principal-snapshot';
import { isFamilyMember, type Submission } from '../submission/submission';
import { biometricsRequirement } from '../biometrics/biometrics-requirement';
import { feesOwed } from '../fees/fees-owed';
import type { RuleId } from '../rules/rule-ids';
import { screenCsqCategory, screenCsqValidity } from './csq.screening';
import { screenCoreDocuments, screenPrDocuments, screenResidenceDocuments } from './documents.screening';
import {
  screenChannel,
  screenInCanadaStatus,
  screenIneligibleCategories,
  screenIntentToResideInQuebec,
  screenResidence,
} from './eligibility.screening';
import { screenPrincipalAuthorization } from './family.screening';
import { screenDependentChildAge, screenRelationshipEvidence } from './relationship.screening';
import { screenCompleteness, screenRestorationFee, screenStandardFees } from './fees.screening';
import { notApplicable, type Finding } from './finding';
import { screenFormWording, screenInCanadaForm, screenOutsideCanadaForm } from './forms.screening';
import { screenInvitationLetter, screenProgramWindow, screenSubmissionDeadline } from './program-window.screening';
import type { ScreeningContext } from './screening-context';

type Screen = Readonly<{ rule: RuleId; screen: (context: ScreeningContext) => Finding; principalsOnly: boolean }>;

/**
 * One screen per rule, in the order findings are recorded. `principalsOnly`: M10, the principal's
 * conditions (program window, residence outside Quebec, intent, CSQ, invitation letter, the A76
 * form wording) are not screened on a family member, who joins the principal in Quebec.
 */
const SCREENS: readonly Screen[] = [
  { rule: 'P1', screen: screenProgramWindow, principalsOnly: true },
  { rule: 'P2', screen: screenSubmissionDeadline, principalsOnly: true },
  { rule: 'E1', screen: screenChannel, principalsOnly: false },
  { rule: 'E2', screen: screenResidence, principalsOnly: true },
  { rule: 'E3', screen: screenIntentToResideInQuebec, principalsOnly: true },
  { rule: 'E4', screen: screenCsqValidity, principalsOnly: true },
  { rule: 'E5', screen: screenCsqCategory, principalsOnly: true },
  { rule: 'E6', screen: screenInvitationLetter, principalsOnly: true },
  { rule: 'E7', screen: screenInCanadaStatus, principalsOnly: false },
  { rule: 'E8', screen: screenIneligibleCategories, principalsOnly: false },
  { rule: 'D1', screen: screenCoreDocuments, principalsOnly: true },
  { rule: 'D2', screen: screenPrDocuments, principalsOnly: true },
  { rule: 'D3', screen: screenResidenceDocuments, principalsOnly: true },
  { rule: 'F1', screen: screenOutsideCanadaForm, principalsOnly: false },
  { rule: 'F2', screen: screenInCanadaForm, principalsOnly: false },
  { rule: 'F3', screen: screenFormWording, principalsOnly: true },
  { rule: '$1', screen: screenStandardFees, principalsOnly: false },
  { rule: '$2', screen: screenRestorationFee, principalsOnly: false },
  { rule: '$3', screen: screenCompleteness, principalsOnly: false },
];

export type ScreeningOptions = Readonly<{
  /** M3: the principal's snapshot, for a family member's application. */
  principal?: PrincipalSnapshot | null;
  /** $1: biometric fees other members of the same family already paid (family maximum). */
  familyBiometricFeesPaid?: number;
}>;

/** The context every screen reads, derived once from the submission and its receipt instant. */
export function screeningContextOf(
  submission: Submission,
  receivedAt: Instant,
  options: ScreeningOptions = {},
): ScreeningContext {
  const receivedOn = easternDateOf(receivedAt);
  const biometrics = biometricsRequirement(submission.applicant, receivedOn);
  return {
    submission,
    receivedAt,
    receivedOn,
    biometrics,
    feesOwed: feesOwed(submission, receivedOn, biometrics, options.familyBiometricFeesPaid ?? 0),
    familyBiometricFeesPaid: options.familyBiometricFeesPaid ?? 0,
    principal: options.principal ?? null,
  };
}

/** M10: the detail of a principal's condition recorded on a family member's application. */
export const PRINCIPALS_CONDITION_DETAIL =
  "not screened on a family member (M10): a condition of the principal's A76 application";

/**
 * Automatic screening at receipt: one finding per rule of sections 1–5 (P1–P2, E1–E8, D1–D3,
 * F1–F3, $1–$3), plus M3, M8 and M9 for a family member. The principal's conditions are recorded
 * as not applicable on a family member (M10). Screening never decides.
 */
export function screenApplication(
  submission: Submission,
  receivedAt: Instant,
  options: ScreeningOptions = {},
): readonly Finding[] {
  return findingsFor(screeningContextOf(submission, receivedAt, options));
}

export function findingsFor(context: ScreeningContext): readonly Finding[] {
  const familyMember = isFamilyMember(context.submission);
  const findings = SCREENS.map(({ rule, screen: run, principalsOnly }) =>
    familyMember && principalsOnly ? notApplicable(rule, PRINCIPALS_CONDITION_DETAIL) : run(context),
  );
  if (!familyMember) return findings;
  return [
    ...findings,
    screenPrincipalAuthorization(context),
    screenRelationshipEvidence(context),
    screenDependentChildAge(context),
  ];
}
