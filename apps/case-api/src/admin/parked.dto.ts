import { ApiProperty } from '@nestjs/swagger';
import { EnumField, IntField, TextField } from '../http/dto/api-field.decorator';
import { DEFAULT_AUDIT_PAGE_LIMIT, MAX_AUDIT_PAGE_LIMIT, MAX_TEXT_LENGTH } from '../http/dto/dto-limits';

const PARKED_STATES = ['parked', 'retried', 'skipped'] as const;

/** An event a worker (read model or process) could not handle and passes over, with the error it gave. */
export class ParkedEventDto {
  @ApiProperty({ type: 'integer', example: 1 }) id!: number;
  @ApiProperty({ example: 'intake-numbering', description: 'The read model or process that parked it.' })
  handler!: string;
  @ApiProperty({ type: 'integer', description: 'Global log position of the event.' }) position!: number;
  @ApiProperty({ format: 'uuid' }) eventId!: string;
  @ApiProperty({ example: 'application-3f2b8c1e-5d4a-4c7b-9e21-8a6f0d2c4b19' }) streamName!: string;
  @ApiProperty({ example: 'ApplicationReceived' }) type!: string;
  @ApiProperty({ description: 'What the worker could not do, with the rule that decided it where there is one.' })
  error!: string;
  @ApiProperty({ format: 'date-time' }) parkedAt!: string;
  @ApiProperty({
    type: 'integer',
    minimum: 1,
    description: 'Times parked: 1, plus one for every retry that failed again.',
  })
  attempts!: number;
  @ApiProperty({ enum: PARKED_STATES }) state!: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) resolvedAt!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'The admin who retried or skipped it.' }) resolvedBy!:
    string | null;
  @ApiProperty({ nullable: true, type: String }) reason!: string | null;
}

/** Answer of `GET /v1/admin/parked`. */
export class ParkedEventsPageDto {
  @ApiProperty({ type: () => ParkedEventDto, isArray: true }) items!: ParkedEventDto[];
  @ApiProperty({ nullable: true, type: 'integer', description: 'Pass as `after` for the next page; null on the last.' })
  nextAfter!: number | null;
}

/** Query of `GET /v1/admin/parked`. */
export class ParkedEventsQueryDto {
  @EnumField(PARKED_STATES, { optional: true, example: 'parked', description: 'Only events in this state.' })
  state?: (typeof PARKED_STATES)[number];

  @IntField({
    optional: true,
    fromText: true,
    min: 0,
    max: Number.MAX_SAFE_INTEGER,
    default: 0,
    description: 'Exclusive id; 0 lists from the first.',
  })
  after: number = 0;

  @IntField({ optional: true, fromText: true, min: 1, max: MAX_AUDIT_PAGE_LIMIT, default: DEFAULT_AUDIT_PAGE_LIMIT })
  limit: number = DEFAULT_AUDIT_PAGE_LIMIT;
}

/** Path of `/v1/admin/parked/{id}/…`. */
export class ParkedEventIdParamDto {
  @IntField({ fromText: true, min: 1, max: Number.MAX_SAFE_INTEGER, example: 1 })
  id!: number;
}

/** Body of a retry or skip: why the operator acts (recorded in the log with the operator). */
export class ParkingDecisionDto {
  @TextField({
    maxLength: MAX_TEXT_LENGTH,
    multiline: true,
    example: 'Received before the program opened; refused by P3 since',
  })
  reason!: string;
}
