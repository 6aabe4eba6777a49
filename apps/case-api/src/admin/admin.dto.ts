import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

const WORKER_STATES = ['starting', 'running', 'retrying', 'failed', 'stopped', 'retired'];

/** Where a worker stopped (a poison event) or why it is retrying. */
export class WorkerFailureDto {
  @ApiProperty({ type: 'integer' }) position!: number;
  @ApiProperty() eventId!: string;
  @ApiProperty() type!: string;
  @ApiProperty() message!: string;
}

/** The generation being filled from position 0 while the active one serves. */
export class RebuildProgressDto {
  @ApiProperty({ type: 'integer', example: 3 }) generation!: number;
  @ApiProperty({ enum: WORKER_STATES, example: 'running' }) state!: string;
  @ApiProperty({
    type: 'integer',
    example: 48_000,
    description: 'Position of the last event the new generation committed.',
  })
  checkpoint!: number;
  @ApiProperty({ type: 'integer', example: 952_000, description: 'Events it still has to read before the switch.' })
  lag!: number;
  @ApiPropertyOptional({ type: () => WorkerFailureDto }) failure?: WorkerFailureDto;
}

/** Answer of `GET /v1/admin/projections/{name}` and of a rebuild request. */
export class ProjectionProgressDto {
  @ApiProperty({ example: 'case-view' }) name!: string;
  @ApiProperty({ type: 'integer', example: 2, description: 'The generation readers see.' }) generation!: number;
  @ApiProperty({ enum: WORKER_STATES, example: 'running' }) state!: string;
  @ApiProperty({ type: 'integer', example: 1_000_000 }) checkpoint!: number;
  @ApiProperty({ type: 'integer', example: 1_000_000, description: 'Position of the last event in the log.' })
  head!: number;
  @ApiProperty({ type: 'integer', example: 0 }) lag!: number;
  @ApiProperty({
    nullable: true,
    type: String,
    format: 'date-time',
    description: 'When readers last switched generation.',
  })
  switchedAt!: string | null;
  @ApiProperty({ nullable: true, type: () => RebuildProgressDto, description: 'Null when no rebuild runs.' })
  rebuild!: RebuildProgressDto | null;
  @ApiPropertyOptional({ type: () => WorkerFailureDto }) failure?: WorkerFailureDto;
}

/** An event the signer would not countersign: it does not extend its stream's signed chain. */
export class RefusedEventDto {
  @ApiProperty() streamName!: string;
  @ApiProperty({ type: 'integer' }) revision!: number;
  @ApiProperty({ type: 'integer' }) position!: number;
}

/** Answer of `POST /v1/admin/audit/digests`: the digest now covering the log. */
export class SignedDigestDto {
  @ApiProperty({ type: 'integer', example: 42 }) id!: number;
  @ApiProperty({ format: 'date-time' }) signedAt!: string;
  @ApiProperty({ example: '2025-01' }) keyId!: string;
  @ApiProperty({ type: 'integer', description: 'Global log position the digest covers.' }) position!: number;
  @ApiProperty({ type: 'integer' }) streamCount!: number;
  @ApiProperty({ description: 'SHA-256 over every stream head, in stream-name order.' }) headsRoot!: string;
  @ApiProperty({ description: 'HMAC-SHA256 of the digest with the key `keyId`.' }) signature!: string;
  @ApiProperty({ type: 'integer', description: 'Events countersigned by this request.' }) signedEvents!: number;
  @ApiProperty({ type: () => RefusedEventDto, isArray: true }) refused!: RefusedEventDto[];
}
