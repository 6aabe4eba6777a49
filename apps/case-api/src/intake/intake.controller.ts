import { Controller, Get, Inject, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type Database from 'better-sqlite3';
import { capForYear } from '@app/domain';
import { READ_MODEL_DB } from '@app/hosting';
import { intakeLedgerOf, intakeLedgerProjection, intakeNumberHolder } from '@app/projections';
import { Roles } from '../auth/roles.decorator';
import { QUERY_PROBLEMS, ApiProblems } from '../docs/api-problems.decorator';
import { IntakeLedgerDto, IntakeNumberHolderDto } from './intake-ledger.dto';
import { IntakeNumberParamsDto, IntakeYearParamDto } from '../http/dto/params.dto';
import { ProblemError, problemType } from '../http/problem/problem';
import { ReadYourWrites } from '../case/read-your-writes';

@ApiTags('intake')
@ApiBearerAuth()
@ApiProblems(QUERY_PROBLEMS)
@Controller('v1/intake')
export class IntakeController {
  constructor(
    @Inject(READ_MODEL_DB) private readonly db: Database.Database,
    private readonly readYourWrites: ReadYourWrites,
  ) {}

  @Get(':year')
  @Roles('officer', 'auditor')
  @ApiOperation({
    summary:
      'The intake cap ledger of a calendar year (Eastern time): counted, within and over the cap (C1–C4), and when the cap was reached (H5)',
  })
  @ApiOkResponse({ type: IntakeLedgerDto })
  async ledger(@Param() { year }: IntakeYearParamDto) {
    await this.readYourWrites.beforeRead(intakeLedgerProjection.name);
    return intakeLedgerOf(this.db, year, capForYear(year));
  }

  @Get(':year/numbers/:number')
  @Roles('officer', 'auditor')
  @ApiOperation({
    summary: 'The application that took an intake number of a year (C3): how an auditor finds a case by its number',
  })
  @ApiOkResponse({ type: IntakeNumberHolderDto })
  async holder(@Param() { year, number }: IntakeNumberParamsDto) {
    await this.readYourWrites.beforeRead(intakeLedgerProjection.name);
    const holder = intakeNumberHolder(this.db, year, number);
    if (!holder)
      throw new ProblemError({
        type: problemType('intake-number-not-found'),
        title: 'Not Found',
        status: 404,
        code: 'INTAKE_NUMBER_NOT_FOUND',
        detail: `No application holds intake number ${number} of ${year}`,
      });
    return holder;
  }
}
