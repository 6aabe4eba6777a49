import { EnumField, InstantField, IntField, TextField } from './api-field.decorator';
import {
  DEFAULT_AUDIT_PAGE_LIMIT,
  DEFAULT_PAGE_LIMIT,
  FIRST_INTAKE_YEAR,
  LAST_INTAKE_YEAR,
  MAX_AUDIT_PAGE_LIMIT,
  MAX_CURSOR_LENGTH,
  MAX_PAGE_LIMIT,
} from './dto-limits';
import { APPLICATION_STATUSES, ROUTINGS, type ApplicationStatus, type Routing } from './enums';
import { AbsentWhen } from './validators/presence.validator';

/** `personalData=include`: the one value that lifts the redaction of the auditors' event routes (docs/privacy.md). */
export const PERSONAL_DATA_CHOICES = ['include'] as const;
export type PersonalDataChoice = (typeof PERSONAL_DATA_CHOICES)[number];

const PERSONAL_DATA_DESCRIPTION =
  'Without it, every identifying field of the events (names, date of birth, passport, CSQ, invitation letter and PR application numbers, the number in a C6 duplicate key) reads `[redacted]`, and those values of the case are masked wherever another string quotes them. `include` returns the events as stored. Hashes and the verification are always computed on the stored events.';

/** Query of `GET /v1/applications`. */
export class ListApplicationsQueryDto {
  @EnumField(APPLICATION_STATUSES, { optional: true, example: 'received' })
  status?: ApplicationStatus;

  @IntField({ optional: true, fromText: true, min: FIRST_INTAKE_YEAR, max: LAST_INTAKE_YEAR, example: 2024 })
  intakeYear?: number;

  @EnumField(ROUTINGS, { optional: true, example: 'centralized-network' })
  routing?: Routing;

  @TextField({ optional: true, maxLength: MAX_CURSOR_LENGTH, description: 'The nextCursor of the previous page.' })
  cursor?: string;

  @IntField({ optional: true, fromText: true, min: 1, max: MAX_PAGE_LIMIT, default: DEFAULT_PAGE_LIMIT })
  limit: number = DEFAULT_PAGE_LIMIT;
}

/** Query of `GET /v1/applications/{id}/history`: the full history, or the view as of an instant or a revision. */
export class HistoryQueryDto {
  @InstantField({ optional: true, example: '2024-12-05T00:00:00Z' })
  asOf?: string;

  @IntField({ optional: true, fromText: true, min: 0, max: Number.MAX_SAFE_INTEGER, example: 3 })
  @AbsentWhen((query: HistoryQueryDto) => query.asOf !== undefined, 'asOf is given')
  revision?: number;

  @EnumField(PERSONAL_DATA_CHOICES, {
    optional: true,
    example: 'include',
    description: `${PERSONAL_DATA_DESCRIPTION} The point-in-time view (asOf, revision) is the ApplicationView that GET /v1/applications/{id} also returns, without identifying fields: it is the same either way.`,
  })
  personalData?: PersonalDataChoice;
}

/** Query of `GET /v1/audit/events`: the global log after a position, oldest first. */
export class AuditEventsQueryDto {
  @IntField({
    optional: true,
    fromText: true,
    min: 0,
    max: Number.MAX_SAFE_INTEGER,
    default: 0,
    description: 'Exclusive global position; 0 reads from the beginning.',
  })
  after: number = 0;

  @IntField({ optional: true, fromText: true, min: 1, max: MAX_AUDIT_PAGE_LIMIT, default: DEFAULT_AUDIT_PAGE_LIMIT })
  limit: number = DEFAULT_AUDIT_PAGE_LIMIT;

  @EnumField(PERSONAL_DATA_CHOICES, { optional: true, example: 'include', description: PERSONAL_DATA_DESCRIPTION })
  personalData?: PersonalDataChoice;
}
