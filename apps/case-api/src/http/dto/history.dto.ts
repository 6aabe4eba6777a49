import { ROLES, type Actor, type EventMetadata, type Role } from '@app/kernel';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class ActorDto implements Actor {
  @ApiProperty({ example: 'officer-0042' })
  id!: string;

  @ApiProperty({ enum: ROLES, example: 'officer' })
  role!: Role;
}

/** The metadata envelope written with every event, including the tamper-evidence hash chain. */
export class EventMetadataDto implements EventMetadata {
  @ApiProperty({ format: 'uuid' })
  eventId!: string;

  @ApiProperty({ format: 'uuid' })
  commandId!: string;

  @ApiProperty({ example: 'SubmitApplication' })
  commandType!: string;

  @ApiProperty()
  correlationId!: string;

  @ApiProperty()
  causationId!: string;

  @ApiProperty({ type: () => ActorDto })
  actor!: ActorDto;

  @ApiProperty({ format: 'date-time', example: '2024-12-02T14:03:01Z' })
  recordedAt!: string;

  @ApiProperty({ type: 'integer', example: 1 })
  schemaVersion!: number;

  @ApiProperty({ nullable: true, type: String, description: 'Hash of the previous event of the stream; null for the first.' })
  previousHash!: string | null;

  @ApiProperty({ description: 'SHA-256 over previousHash and this event in canonical form.' })
  hash!: string;
}

/** One stored event of an application's stream. */
export class HistoryEventDto {
  @ApiProperty({ type: 'integer', example: 0, description: 'Per stream, from 0.' })
  revision!: number;

  @ApiProperty({ type: 'integer', example: 1523, description: 'Global log position.' })
  position!: number;

  @ApiProperty({ example: 'ApplicationReceived' })
  type!: string;

  @ApiProperty({ type: 'object', additionalProperties: true })
  data!: Record<string, unknown>;

  @ApiProperty({ type: () => EventMetadataDto })
  metadata!: EventMetadataDto;
}

/** Answer of `GET /v1/applications/{id}/history`. */
export class HistoryDto {
  @ApiProperty({ type: () => HistoryEventDto, isArray: true })
  events!: HistoryEventDto[];
}

/** Answer of `GET /v1/applications/{id}/verification`: the stream's hash chain, checked end to end. */
export class VerificationDto {
  @ApiProperty({ example: true })
  valid!: boolean;

  @ApiProperty({ type: 'integer', example: 7 })
  checkedEvents!: number;

  @ApiPropertyOptional({ type: 'integer', example: 4, description: 'Present only when the chain is broken.' })
  firstBrokenRevision?: number;
}
