import { ApiProperty } from '@nestjs/swagger';
import { isPlainDate } from '@app/domain';
import type { AccessLogCursor } from '@app/application';
import { InstantField, IntField, TextField, UuidField } from '../../http/dto/api-field.decorator';
import { DEFAULT_AUDIT_PAGE_LIMIT, MAX_AUDIT_PAGE_LIMIT, MAX_NAME_LENGTH } from '../../http/dto/dto-limits';

/** The text form of an access-log cursor: `<day>.<revision>.<index>` of the last entry of a page. */
const CURSOR_PATTERN = /^(\d{4}-\d{2}-\d{2})\.(\d{1,15})\.(\d{1,6})$/;

/** Query of `GET /v1/audit/access-log`: the filters, then the page. */
export class AccessLogQueryDto {
  @UuidField({ optional: true, description: 'Only the reveals of this application’s personal data.' })
  applicationId?: string;

  @TextField({
    optional: true,
    maxLength: MAX_NAME_LENGTH,
    example: 'auditor-1',
    description: 'Only the reveals by this principal (the API key’s `principal`), exactly.',
  })
  principal?: string;

  @InstantField({ optional: true, example: '2024-12-10T00:00:00Z', description: 'Reveals at or after this instant.' })
  from?: string;

  @InstantField({
    optional: true,
    example: '2024-12-11T00:00:00Z',
    description: 'Reveals before this instant (exclusive); by default up to now. Not earlier than `from`.',
  })
  to?: string;

  @TextField({
    optional: true,
    maxLength: 40,
    pattern: CURSOR_PATTERN,
    patternMessage: 'cursor must be a nextCursor this route returned',
    description: "The previous page's `nextCursor`, with the same filters.",
  })
  cursor?: string;

  @IntField({ optional: true, fromText: true, min: 1, max: MAX_AUDIT_PAGE_LIMIT, default: DEFAULT_AUDIT_PAGE_LIMIT })
  limit: number = DEFAULT_AUDIT_PAGE_LIMIT;
}

/** The cursor as text (`nextCursor`), and back; null for a text no page could have returned. */
export const cursorText = (cursor: AccessLogCursor): string => `${cursor.day}.${cursor.revision}.${cursor.index}`;

export function parseCursor(text: string): AccessLogCursor | null {
  const match = CURSOR_PATTERN.exec(text);
  if (!match || !isPlainDate(match[1])) return null;
  return { day: match[1], revision: Number(match[2]), index: Number(match[3]) };
}

/** One reveal of one case's personal data. */
export class AccessLogEntryDto {
  @ApiProperty({ format: 'date-time', example: '2024-12-10T15:30:00.000Z', description: 'When it was revealed.' })
  at!: string;

  @ApiProperty({ example: 'auditor-1', description: 'Who revealed it: the principal of the API key.' })
  principal!: string;

  @ApiProperty({ format: 'uuid', example: '3f2b8c1e-5d4a-4c7b-9e21-8a6f0d2c4b19', description: 'Whose: the case.' })
  applicationId!: string;

  @ApiProperty({
    example: 'GET /v1/applications/{id}/history',
    description: 'Through which route: the method and path template (no id, no query), or the audit CLI’s command.',
  })
  route!: string;

  @ApiProperty({
    type: String,
    nullable: true,
    example: 'Complaint 2024-117: checking the passport number the officer saw',
    description:
      'Why, as the caller said (`reason`), with the case’s identifying values masked; null when none was given.',
  })
  reason!: string | null;
}

/** Answer of `GET /v1/audit/access-log`, oldest first. */
export class AccessLogPageDto {
  @ApiProperty({ type: () => AccessLogEntryDto, isArray: true })
  entries!: AccessLogEntryDto[];

  @ApiProperty({
    type: String,
    nullable: true,
    example: '2024-12-10.17.0',
    description: 'Pass as `cursor` for the next page (it may be empty); null when this page is the last.',
  })
  nextCursor!: string | null;
}
