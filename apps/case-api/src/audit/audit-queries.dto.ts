import { MAX_REVEAL_REASON_LENGTH } from '@app/application';
import { EnumField, InstantField, IntField, TextField } from '../http/dto/api-field.decorator';
import { LogPageQueryDto } from '../http/dto/log-page.dto';
import { AbsentWhen } from '../http/dto/validators/presence.validator';

/**
 * `personalData=include`: the one value that lifts the redaction of the auditors' event routes
 * (docs/privacy.md); every such reveal is recorded in the access log first.
 */
export const PERSONAL_DATA_CHOICES = ['include'] as const;
export type PersonalDataChoice = (typeof PERSONAL_DATA_CHOICES)[number];

export const PERSONAL_DATA_DESCRIPTION =
  'Without it, every identifying field of the events (names, date of birth, passport, CSQ, invitation letter and PR application numbers, the number in a C6 duplicate key) reads `[redacted]`, and those values of the case are masked wherever another string quotes them. `include` returns the events as stored, after recording the reveal (who, which cases, the route, `reason`) in the access log, GET /v1/audit/access-log; when it cannot be recorded the answer is 503 and no data. Hashes and the verification are always computed on the stored events.';

/**
 * `reason`: why the caller reveals personal data, recorded with the reveal in the access log
 * (`GET /v1/audit/access-log`). Optional for existing clients (recorded as null).
 */
export const RevealReasonField = (): PropertyDecorator =>
  TextField({
    optional: true,
    maxLength: MAX_REVEAL_REASON_LENGTH,
    example: 'Complaint 2024-117: checking the passport number the officer saw',
    description: `Why personal data is revealed: recorded, with the caller, the cases and the route, in the access log (GET /v1/audit/access-log) before the data is sent; at most ${MAX_REVEAL_REASON_LENGTH} characters on one line. Optional (recorded as null); ignored without personalData=include. Do not write personal data in it: the case's identifying values are masked.`,
  });

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
    description: `${PERSONAL_DATA_DESCRIPTION} The point-in-time view (asOf, revision) is the ApplicationView that GET /v1/applications/{id} also returns, without identifying fields: it is the same either way, and reveals nothing.`,
  })
  personalData?: PersonalDataChoice;

  @RevealReasonField()
  reason?: string;
}

/** Query of `GET /v1/audit/events`: the global log after a position, oldest first. */
export class AuditEventsQueryDto extends LogPageQueryDto {
  @EnumField(PERSONAL_DATA_CHOICES, { optional: true, example: 'include', description: PERSONAL_DATA_DESCRIPTION })
  personalData?: PersonalDataChoice;

  @RevealReasonField()
  reason?: string;
}
