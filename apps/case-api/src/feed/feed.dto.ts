import { ApiProperty } from '@nestjs/swagger';
import { EnumField, IntField } from '../http/dto/api-field.decorator';
import { LogPageQueryDto } from '../http/dto/log-page.dto';
import {
  PERSONAL_DATA_CHOICES,
  PERSONAL_DATA_DESCRIPTION,
  RevealReasonField,
  type PersonalDataChoice,
} from '../audit/audit-queries.dto';

/** The longest a caller may ask `GET /v1/feed` to wait for an event (shared/API.md). */
export const MAX_FEED_WAIT_SECONDS = 30;

/** Query of `GET /v1/feed`: the application events after a position, optionally waiting for one. */
export class FeedQueryDto extends LogPageQueryDto {
  @IntField({
    optional: true,
    fromText: true,
    min: 0,
    max: MAX_FEED_WAIT_SECONDS,
    default: 0,
    description:
      'Long poll: when no event follows `after`, wait up to this many seconds for one; the answer comes once one is stored (a page that is not full gathers what follows for up to 250 ms more, see the route), or empty (`nextAfter` = `after`) when the time runs out or the server shuts down.',
  })
  waitSeconds: number = 0;

  @EnumField(PERSONAL_DATA_CHOICES, {
    optional: true,
    example: 'include',
    description: `${PERSONAL_DATA_DESCRIPTION} Honoured for auditors only: intake and officers always read the redacted events.`,
  })
  personalData?: PersonalDataChoice;

  @RevealReasonField()
  reason?: string;
}

/** Query of `GET /v1/feed/stream`: where to start (a `Last-Event-ID` header wins) and the redaction. */
export class FeedStreamQueryDto {
  @IntField({
    optional: true,
    fromText: true,
    min: 0,
    max: Number.MAX_SAFE_INTEGER,
    description:
      'Exclusive global position to start after when no Last-Event-ID header is sent; 0 (the default) streams from the beginning.',
  })
  after?: number;

  @EnumField(PERSONAL_DATA_CHOICES, {
    optional: true,
    example: 'include',
    description: `${PERSONAL_DATA_DESCRIPTION} Honoured for auditors only: intake and officers always read the redacted events.`,
  })
  personalData?: PersonalDataChoice;

  @RevealReasonField()
  reason?: string;
}

/** One event of an application stream as the feed returns it. */
export class FeedItemDto {
  @ApiProperty({ type: 'integer', example: 1623, description: 'Global position: strictly increasing in log order.' })
  position!: number;

  @ApiProperty({ format: 'uuid', example: '3f2b8c1e-5d4a-4c7b-9e21-8a6f0d2c4b19' })
  applicationId!: string;

  @ApiProperty({ type: 'integer', example: 3, description: "The event's revision in its application stream (from 0)." })
  revision!: number;

  @ApiProperty({ example: 'ApplicationReceived' })
  type!: string;

  @ApiProperty({ format: 'date-time', example: '2024-12-02T14:03:01Z', description: 'When the event was recorded.' })
  occurredAt!: string;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: "The event's data, redacted as the audit routes redact it (see personalData).",
  })
  data!: Record<string, unknown>;
}

/** Answer of `GET /v1/feed`, oldest first. */
export class FeedPageDto {
  @ApiProperty({ type: () => FeedItemDto, isArray: true })
  events!: FeedItemDto[];

  @ApiProperty({
    type: 'integer',
    example: 1623,
    description:
      'Pass as `after` for the next page: the last position read (events the caller does not see included), or the `after` given when none.',
  })
  nextAfter!: number;
}
