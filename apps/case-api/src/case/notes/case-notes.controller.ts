import type { FastifyReply } from 'fastify';
import { Body, Controller, HttpCode, Inject, Param, Post, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CLOCK, type Clock } from '@app/application';
import { deterministicUuid } from '@app/integrity';
import { CallerReply, callerOf } from '../../auth/current-caller.decorator';
import { Roles } from '../../auth/roles.decorator';
import { COMMAND_PROBLEMS, ApiProblems } from '../../docs/api-problems.decorator';
import { ApplicationIdParamDto } from '../../http/dto/params.dto';
import { ApplicationCommandRunner } from '../application-command.runner';
import { AddCaseNoteDto, CaseNoteCreatedDto } from './case-note.dto';
import { CommandInterceptor } from '../../http/idempotency/command.interceptor';

/** H1: officers' notes on a case, at any time; a correction is a new note naming the old one. */
@ApiTags('applications')
@ApiBearerAuth()
@ApiProblems(COMMAND_PROBLEMS)
@UseInterceptors(CommandInterceptor)
@Controller('v1/applications/:id')
export class CaseNotesController {
  constructor(
    private readonly runner: ApplicationCommandRunner,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post('notes')
  @HttpCode(201)
  @Roles('officer')
  @ApiOperation({ summary: 'Add a note to the case (H1); a correcting note names an existing note, else 422' })
  @ApiCreatedResponse({ type: CaseNoteCreatedDto })
  async add(
    @Param() { id }: ApplicationIdParamDto,
    @Body() body: AddCaseNoteDto,
    @CallerReply() reply: FastifyReply,
  ): Promise<CaseNoteCreatedDto> {
    const caller = callerOf(reply);
    let noteId = '';
    const data = {
      text: body.text,
      corrects: body.corrects ?? null,
      addedAt: this.clock.now().toISOString(),
      officerId: caller.principal.id,
    };
    await this.runner.run({
      applicationId: id,
      command: (context) => {
        noteId = deterministicUuid(`note:${context.commandId}`);
        return { type: 'AddCaseNote', data: { noteId, ...data } };
      },
      role: 'officer',
      caller,
    });
    return { noteId };
  }
}
