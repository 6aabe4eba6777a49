import type { Command, Event } from '@app/kernel';
import type { Instant } from '../../dates/instant';
import type { PlainDate } from '../../dates/plain-date';

/** B1 (automatic, 24 h after receipt) or B4 (by an officer). */
export type IssueBiometricInstructionLetter = Command<
  'IssueBiometricInstructionLetter',
  { issuedAt: Instant; automatic: boolean }
>;

export type RecordBiometricsEnrolment = Command<'RecordBiometricsEnrolment', { enrolledAt: Instant; location: string }>;

/** B1, B2, B4: `dueBy` is the last day (Eastern) to give biometrics. */
export type BiometricInstructionLetterIssued = Event<
  'BiometricInstructionLetterIssued',
  { issuedAt: Instant; dueBy: PlainDate; automatic: boolean }
>;

/** C5, M7: `wasIssued` false when the automatic letter was stopped before it was sent. */
export type BiometricInstructionLetterCancelled = Event<
  'BiometricInstructionLetterCancelled',
  { cancelledAt: Instant; reason: 'over-cap' | 'principal-closed'; wasIssued: boolean }
>;

/** B2: `late` when enrolled after the letter's due date. */
export type BiometricsEnrolled = Event<'BiometricsEnrolled', { enrolledAt: Instant; location: string; late: boolean }>;

/** The commands of this use case. */
export type BiometricsCommand = IssueBiometricInstructionLetter | RecordBiometricsEnrolment;
/** The events its commands decide. */
export type BiometricsEvent =
  BiometricInstructionLetterIssued | BiometricInstructionLetterCancelled | BiometricsEnrolled;
