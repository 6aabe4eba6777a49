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

  @ApiProperty({
    nullable: true,
    type: String,
    description: 'Hash of the previous event of the stream; null for the first.',
  })
  previousHash!: string | null;

  @ApiProperty({ description: 'SHA-256 over previousHash and this event in canonical form.' })
  hash!: string;
}

/** One stored event of an application's stream. */
export class HistoryEventDto {
  @ApiProperty({ example: 'application-3f2b8c1e-5d4a-4c7b-9e21-8a6f0d2c4b19' })
  streamName!: string;

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

  @ApiProperty({ format: 'date-time', example: '2024-12-02T14:03:01Z', description: 'When the store appended it.' })
  recordedAt!: string;
}

/** Answer of `GET /v1/applications/{id}/history`. */
export class HistoryDto {
  @ApiProperty({ type: () => HistoryEventDto, isArray: true })
  events!: HistoryEventDto[];
}

/** The stream's SHA-256 hash chain, checked end to end. */
export class ChainCheckDto {
  @ApiProperty({ example: true })
  valid!: boolean;

  @ApiProperty({ type: 'integer', example: 7 })
  checkedEvents!: number;

  @ApiPropertyOptional({ type: 'integer', example: 4 })
  firstBrokenRevision?: number;
}

/** The stream against the last signed digest of chain heads (HMAC, key kept outside the event store). */
export class SignedHeadDto {
  @ApiProperty({
    enum: ['verified', 'broken', 'unsigned', 'unchecked', 'digest-invalid'],
    description:
      'verified: every countersigned event is there as signed; broken: one is missing or differs; unsigned: no digest covers the stream yet; digest-invalid: the digests themselves were altered.',
  })
  status!: string;

  @ApiPropertyOptional({ type: 'integer' })
  digestId?: number;

  @ApiPropertyOptional({ format: 'date-time' })
  signedAt?: string;

  @ApiPropertyOptional()
  keyId?: string;

  @ApiPropertyOptional({ type: 'integer', description: 'The last revision of the stream the digest vouches for.' })
  signedRevision?: number;

  @ApiPropertyOptional({
    type: 'integer',
    description: 'The first revision after the last one still matching the digest.',
  })
  firstBrokenRevision?: number;

  @ApiPropertyOptional()
  detail?: string;
}

/**
 * Answer of `GET /v1/applications/{id}/verification`: valid only if the hash chain holds and the
 * stream still extends its last signed head; `firstBrokenRevision` is the earlier of the two.
 */
export class VerificationDto {
  @ApiProperty({ example: true })
  valid!: boolean;

  @ApiProperty({ type: 'integer', example: 7 })
  checkedEvents!: number;

  @ApiPropertyOptional({
    type: 'integer',
    example: 4,
    description: 'Present only when the chain or the signed head is broken.',
  })
  firstBrokenRevision?: number;

  @ApiProperty({ type: () => ChainCheckDto })
  chain!: ChainCheckDto;

  @ApiProperty({ type: () => SignedHeadDto })
  signedHead!: SignedHeadDto;
}
