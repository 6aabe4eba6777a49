import { ApiProperty } from '@nestjs/swagger';
import { ValidateBy } from 'class-validator';
import { daysBetween, isPlainDate, weekStartOf } from '@app/domain';
import { IntField, PlainDateField } from '../http/dto/api-field.decorator';
import { FIRST_INTAKE_YEAR, LAST_INTAKE_YEAR, MAX_STATISTICS_WEEKS } from '../http/dto/dto-limits';

/** A date of the years an intake can have, so that its week is a week of plain dates too. */
function inIntakeYears(date: unknown): date is string {
  const year = isPlainDate(date) ? Number(date.slice(0, 4)) : NaN;
  return year >= FIRST_INTAKE_YEAR && year <= LAST_INTAKE_YEAR;
}

function InIntakeYears(): PropertyDecorator {
  return ValidateBy({
    name: 'isInIntakeYears',
    validator: {
      validate: (date: unknown) => !isPlainDate(date) || inIntakeYears(date),
      defaultMessage: (args) => `${args?.property} must be a date from ${FIRST_INTAKE_YEAR} to ${LAST_INTAKE_YEAR}`,
    },
  });
}

/** `to` is on or after `from`, and the weeks they span are at most {@link MAX_STATISTICS_WEEKS}. */
function WithinWeeksOfFrom(): PropertyDecorator {
  return ValidateBy({
    name: 'isWithinWeeksOfFrom',
    validator: {
      validate: (to: unknown, args) => {
        const { from } = args?.object as WeeklyStatisticsQueryDto;
        if (!inIntakeYears(from) || !inIntakeYears(to)) return true;
        return daysBetween(from, to) >= 0 && daysBetween(weekStartOf(from), weekStartOf(to)) < MAX_STATISTICS_WEEKS * 7;
      },
      defaultMessage: () =>
        `to must be on or after from, within ${MAX_STATISTICS_WEEKS} weeks (Monday to Sunday) of it`,
    },
  });
}

/** Query of `GET /v1/statistics/weekly`: the Eastern dates whose weeks are reported. */
export class WeeklyStatisticsQueryDto {
  @PlainDateField({
    example: '2024-04-01',
    description: 'First Eastern date: its week (from its Monday) is the first reported.',
  })
  @InIntakeYears()
  from!: string;

  @PlainDateField({
    example: '2024-06-30',
    description: 'Last Eastern date: its week (to its Sunday) is the last reported.',
  })
  @InIntakeYears()
  @WithinWeeksOfFrom()
  to!: string;
}

/** Path of `GET /v1/statistics/quarterly/{year}/{quarter}`. */
export class QuarterParamDto {
  @IntField({ fromText: true, min: FIRST_INTAKE_YEAR, max: LAST_INTAKE_YEAR, example: 2024 })
  year!: number;

  @IntField({ fromText: true, min: 1, max: 4, example: 2, description: 'Calendar quarter: 1 is January–March.' })
  quarter!: number;
}

/** H6: the counts of a period. */
export class StatisticCountsDto {
  @ApiProperty({
    type: 'integer',
    example: 412,
    description: 'Applications received (ApplicationReceived), principals and family members alike.',
  })
  submitted!: number;

  @ApiProperty({
    type: 'integer',
    example: 380,
    description: 'Approvals decided (by decidedAt); one set aside under R7 still counts, and so does the new decision.',
  })
  approved!: number;

  @ApiProperty({
    type: 'integer',
    example: 21,
    description:
      "Refusals decided (by decidedAt), a family member's refusal with its principal (M7) included; one set aside still counts.",
  })
  refused!: number;

  @ApiProperty({ type: 'integer', example: 9, description: 'Applications withdrawn (by withdrawnAt).' })
  withdrawn!: number;

  @ApiProperty({
    type: 'integer',
    example: 365,
    description: 'Work permits issued (by issuedOn); a later cancellation (R7) does not take one back.',
  })
  permitsIssued!: number;
}

/** H6: one week, Monday to Sunday (Eastern dates), and its counts. */
export class WeekStatisticsDto extends StatisticCountsDto {
  @ApiProperty({ type: 'string', format: 'date', example: '2024-04-01', description: 'The Monday the week starts on.' })
  weekStarting!: string;
}

export class WeeklyStatisticsDto {
  @ApiProperty({ type: [WeekStatisticsDto] })
  weeks!: WeekStatisticsDto[];
}

/** H6: a calendar quarter (Eastern dates) and its counts. */
export class QuarterlyStatisticsDto extends StatisticCountsDto {
  @ApiProperty({ type: 'integer', example: 2024 })
  year!: number;

  @ApiProperty({ type: 'integer', example: 2 })
  quarter!: number;

  @ApiProperty({ type: 'string', format: 'date', example: '2024-04-01' })
  from!: string;

  @ApiProperty({ type: 'string', format: 'date', example: '2024-06-30' })
  to!: string;
}
