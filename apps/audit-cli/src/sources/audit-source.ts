import type { PointInTime } from '@app/application';
import type { ApplicationView } from '@app/domain';
import type { RecordedEvent } from '@app/event-store';
import type { ProjectionProgress } from '@app/projections';

/** shared/API.md's verification answer and, when available, the checks behind it. */
export type ApplicationVerification = Readonly<{
  valid: boolean;
  checkedEvents: number;
  firstBrokenRevision?: number;
  chain?: Readonly<{ valid: boolean; checkedEvents: number; firstBrokenRevision?: number }>;
  signedHead?: Readonly<{
    status: string;
    signedRevision?: number;
    digestId?: number;
    keyId?: string;
    detail?: string;
  }>;
}>;

/**
 * Whether a read may carry identifying personal data (docs/privacy.md). The HTTP source asks the
 * API for it only when `includePersonalData` is true, and otherwise receives it redacted; the
 * embedded source reads the stored events as they are. Either way the commands redact what they
 * show unless `--include-personal-data` was given: that second layer does not trust the source.
 * A read that includes personal data is recorded in the access log first: by the API, or by the
 * embedded source in the same store.
 */
export type HistoryRead = Readonly<{
  includePersonalData: boolean;
  /** Why personal data is read: recorded with the reveal in the access log (docs/privacy.md). */
  reason?: string;
}>;

export const WITHOUT_PERSONAL_DATA: HistoryRead = { includePersonalData: false };

/** What the auditors' commands read, from the embedded store directly or from a running API. */
export interface AuditSource {
  history(applicationId: string, read?: HistoryRead): Promise<RecordedEvent[]>;
  asOf(applicationId: string, at: PointInTime): Promise<ApplicationView>;
  verify(applicationId: string): Promise<ApplicationVerification>;
  /** Every application the source knows of, including ones a signed digest knows and the store lost. */
  applicationIds(): Promise<string[]>;
  rebuild(projection: string, onProgress: (progress: ProjectionProgress) => void): Promise<ProjectionProgress>;
  signDigest(): Promise<Readonly<Record<string, unknown>>>;
  close(): Promise<void>;
}

/** A failure to report to the user as it is (no stack trace), with the process exit code. */
export class CliError extends Error {
  override readonly name = 'CliError';

  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
  }
}

export const APPLICATION_PREFIX = 'application-';
