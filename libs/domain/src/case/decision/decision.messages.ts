import type { Command, Event } from '@app/kernel';
import type { Instant } from '../../dates/instant';
import type { RefusalReason, RefusalReasonInput } from '../../decision/refusal-reasons';
import type { ScreeningOverride, ScreeningOverrideInput } from '../../decision/screening-overrides';
import type { PrincipalSnapshot } from '../../submission/principal-snapshot';

export type ApproveApplication = Command<
  'ApproveApplication',
  {
    decidedAt: Instant;
    officerId: string;
    notes: string;
    overrides?: readonly ScreeningOverrideInput[];
    /** M6: required for a family member: the principal as it stands at decision; the handler reads it from the principal's stream. */
    principal?: PrincipalSnapshot | null;
  }
>;

export type RefuseApplication = Command<
  'RefuseApplication',
  { decidedAt: Instant; officerId: string; reasons: readonly RefusalReasonInput[] }
>;

export type ApplicationApproved = Event<
  'ApplicationApproved',
  {
    decidedAt: Instant;
    officerId: string;
    notes: string;
    overrides: readonly ScreeningOverride[];
    /** M6: a family member's principal as it stood at decision (approved or permit issued); absent for a principal. */
    principal?: PrincipalSnapshot;
  }
>;

export type ApplicationRefused = Event<
  'ApplicationRefused',
  { decidedAt: Instant; officerId: string; reasons: readonly RefusalReason[] }
>;

/** The commands of this use case. */
export type DecisionCommand = ApproveApplication | RefuseApplication;
/** The events its commands decide. */
export type DecisionEvent = ApplicationApproved | ApplicationRefused;
