import { ApiProperty } from '@nestjs/swagger';
import { HistoryEventDto } from './history.dto';

/** One event of the global log: the same members as an event of one application's history. */
export class AuditEventDto extends HistoryEventDto {}

/** Answer of `GET /v1/audit/events`, oldest first. */
export class AuditEventsDto {
  @ApiProperty({ type: () => AuditEventDto, isArray: true })
  events!: AuditEventDto[];

  @ApiProperty({
    type: 'integer',
    example: 1623,
    description:
      'Pass as `after` for the next page: the position of the last event returned, or the `after` given when none.',
  })
  nextAfter!: number;
}
