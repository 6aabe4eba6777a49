import { EnumField, IntField, TextField } from '../../http/dto/api-field.decorator';
import {
  DEFAULT_PAGE_LIMIT,
  FIRST_INTAKE_YEAR,
  LAST_INTAKE_YEAR,
  MAX_CURSOR_LENGTH,
  MAX_PAGE_LIMIT,
} from '../../http/dto/dto-limits';
import { ROUTINGS, WORK_QUEUE_STATUSES, type Routing, type WorkQueueStatus } from '../../http/dto/enums';

/** Query of `GET /v1/applications`. */
export class ListApplicationsQueryDto {
  @EnumField(WORK_QUEUE_STATUSES, {
    optional: true,
    example: 'received',
    description:
      'An application status, or an information work queue (H2): `awaiting-information` (received, a request open) or `information-overdue` (received, a request overdue unanswered).',
  })
  status?: WorkQueueStatus;

  @IntField({ optional: true, fromText: true, min: FIRST_INTAKE_YEAR, max: LAST_INTAKE_YEAR, example: 2024 })
  intakeYear?: number;

  @EnumField(ROUTINGS, { optional: true, example: 'centralized-network' })
  routing?: Routing;

  @TextField({ optional: true, maxLength: MAX_CURSOR_LENGTH, description: 'The nextCursor of the previous page.' })
  cursor?: string;

  @IntField({ optional: true, fromText: true, min: 1, max: MAX_PAGE_LIMIT, default: DEFAULT_PAGE_LIMIT })
  limit: number = DEFAULT_PAGE_LIMIT;
}
