import { POLICY } from '@app/domain';

/**
 * The stream category of the access log (no dash inside: KurrentDB's `$by_category`): one stream per
 * UTC day, `accesslog-<yyyy-mm-dd>`, hash-chained like a case and signed by the digests.
 */
export const ACCESS_LOG_STREAM_CATEGORY = 'accesslog';

/** Type of the event that records one reveal of personal data (docs/privacy.md). */
export const PERSONAL_DATA_REVEALED = 'PersonalDataRevealed';

/** The command type stamped on the access events' metadata. */
export const RECORD_PERSONAL_DATA_REVEAL = 'RecordPersonalDataReveal';

/** The longest `reason` an auditor may give for a reveal. */
export const MAX_REVEAL_REASON_LENGTH = 500;

/** No reveal can predate the program (P1): the listing of the access log starts its walk of days here. */
export const ACCESS_LOG_FIRST_DAY = POLICY.programOpenedOn;

/**
 * A reveal: one request that returned personal data unredacted. `applicationIds` are the cases
 * whose data it returned; the event holds no personal data beyond them (the reason is the
 * auditor's, with the revealed values masked).
 */
export type PersonalDataRevealedData = Readonly<{
  applicationIds: readonly string[];
  /** The method and OpenAPI path template, or the CLI command: never an id or a query. */
  route: string;
  reason: string | null;
}>;

/** The UTC day (`yyyy-mm-dd`) of an ISO-8601 instant. */
export const utcDayOf = (instant: string): string => new Date(instant).toISOString().slice(0, 10);

/** The access log's stream for the UTC day of `instant`. */
export const accessLogStreamName = (instant: string): string => `${ACCESS_LOG_STREAM_CATEGORY}-${utcDayOf(instant)}`;

/** True for a stream of the access log (never an application's). */
export const isAccessLogStream = (streamName: string): boolean =>
  streamName.startsWith(`${ACCESS_LOG_STREAM_CATEGORY}-`);
