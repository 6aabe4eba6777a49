import type { PlainDate } from '../dates/plain-date';

/** Where a principal's application stands (every status but `new`). */
export type PrincipalStatus =
  'received' | 'cancelled-over-cap' | 'returned-over-cap' | 'withdrawn' | 'approved' | 'refused' | 'permit-issued';

/**
 * What a family member's application needs to know of its principal's (M1–M3), read by the
 * handler from the principal's stream when the family member's command is handled.
 */
export type PrincipalSnapshot = Readonly<{
  applicationId: string;
  status: PrincipalStatus;
  /** The principal's current work authorization end (permit or latest approved extension), null before issuance. */
  permitValidTo: PlainDate | null;
  /** M1: the principal has submitted a PR application (family members then get C49). */
  prApplicationSubmitted: boolean;
}>;
