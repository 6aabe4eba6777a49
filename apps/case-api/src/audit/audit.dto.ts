import { ApiProperty } from '@nestjs/swagger';
import { HistoryEventDto } from './history.dto';

/** One event of the global log. */
export class AuditEventDto extends HistoryEventDto {
  @ApiProperty({ example: 'application-3f2b8c1e-5d4a-4c7b-9e21-8a6f0d2c4b19' })
  streamName!: string;
}

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
