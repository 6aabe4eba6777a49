import { EnumField, IntField, TextField } from '../../http/dto/api-field.decorator';
import {
  DEFAULT_PAGE_LIMIT,
  FIRST_INTAKE_YEAR,
  LAST_INTAKE_YEAR,
  MAX_CURSOR_LENGTH,
  MAX_PAGE_LIMIT,
} from '../../http/dto/dto-limits';
import { APPLICATION_STATUSES, ROUTINGS, type ApplicationStatus, type Routing } from '../../http/dto/enums';

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
