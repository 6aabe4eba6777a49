import type { Command, Event } from '@app/kernel';
import type { Instant } from '../../dates/instant';
import type { RefusalReason, RefusalReasonInput } from '../../decision/refusal-reasons';
import type { ScreeningOverride, ScreeningOverrideInput } from '../../decision/screening-overrides';

export type ApproveApplication = Command<
  'ApproveApplication',
  { decidedAt: Instant; officerId: string; notes: string; overrides?: readonly ScreeningOverrideInput[] }
>;

export type RefuseApplication = Command<
  'RefuseApplication',
  { decidedAt: Instant; officerId: string; reasons: readonly RefusalReasonInput[] }
>;

export type ApplicationApproved = Event<
  'ApplicationApproved',
  { decidedAt: Instant; officerId: string; notes: string; overrides: readonly ScreeningOverride[] }
>;

export type ApplicationRefused = Event<
  'ApplicationRefused',
  { decidedAt: Instant; officerId: string; reasons: readonly RefusalReason[] }
>;
