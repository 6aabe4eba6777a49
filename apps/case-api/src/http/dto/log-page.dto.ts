import { IntField } from './api-field.decorator';
import { DEFAULT_AUDIT_PAGE_LIMIT, MAX_AUDIT_PAGE_LIMIT } from './dto-limits';

/** The page of a route that reads the global log: the events after a position, at most `limit` of them. */
export class LogPageQueryDto {
  @IntField({
    optional: true,
    fromText: true,
    min: 0,
    max: Number.MAX_SAFE_INTEGER,
    default: 0,
    description: "Exclusive global position (the previous page's `nextAfter`); 0 reads from the beginning.",
  })
  after: number = 0;

  @IntField({ optional: true, fromText: true, min: 1, max: MAX_AUDIT_PAGE_LIMIT, default: DEFAULT_AUDIT_PAGE_LIMIT })
  limit: number = DEFAULT_AUDIT_PAGE_LIMIT;
}
