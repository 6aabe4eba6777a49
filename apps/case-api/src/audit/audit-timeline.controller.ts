import { Controller, Get, Inject, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { EVENT_STORE, applicationHistory, timelineEntry, type TimelineEntry } from '@app/application';
import type { EventStore } from '@app/event-store';
import { personalValuesOfCase } from '@app/personal-data';
import { Roles } from '../auth/roles.decorator';
import { QUERY_PROBLEMS, ApiProblems } from '../docs/api-problems.decorator';
import { ApplicationIdParamDto } from '../http/dto/params.dto';

/** One line of a case's timeline, as the audit CLI prints it: when, who, what, why. */
export class TimelineEntryDto implements TimelineEntry {
  @ApiProperty({ type: 'integer', example: 2 })
  revision!: number;

  @ApiProperty({ format: 'date-time', example: '2024-12-11T16:00:00.000Z' })
  when!: string;

  @ApiProperty({ example: 'officer-0042 (officer)' })
  who!: string;

  @ApiProperty({ example: 'Biometric instruction letter issued, due 2025-01-10' })
  what!: string;

  @ApiProperty({ example: 'issued by an officer' })
  why!: string;
}

/** Answer of `GET /v1/applications/{id}/timeline`, oldest first. */
export class TimelineDto {
  @ApiProperty({ type: () => TimelineEntryDto, isArray: true })
  entries!: TimelineEntryDto[];
}

/** The timeline lines of the audit CLI, served so the auditor console shows the very same lines. */
@ApiTags('audit')
@ApiBearerAuth()
@ApiProblems(QUERY_PROBLEMS)
@Controller('v1/applications')
@Roles('auditor')
export class AuditTimelineController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  @Get(':id/timeline')
  @ApiOperation({
    summary: 'The timeline of one application: one line per event — when, who, what and why (the audit CLI’s lines)',
    description:
      'The lines name rule ids, dates and outcomes, never an identifying field; a free text that quotes one of the case’s personal values reads `[redacted]` there. Always redacted: the events themselves, with personalData=include, are at /history.',
  })
  @ApiOkResponse({ type: TimelineDto })
  async timeline(@Param() { id }: ApplicationIdParamDto): Promise<TimelineDto> {
    const events = await applicationHistory(this.store, id);
    const caseValues = personalValuesOfCase(events);
    return { entries: events.map((event) => timelineEntry(event, caseValues)) };
  }
}
