import { Body, Controller, Get, Module, Param, Post, Query, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import {
  ApiBadRequestResponse,
  ApiCreatedResponse,
  ApiOkResponse,
  DocumentBuilder,
  SwaggerModule,
  type OpenAPIObject,
} from '@nestjs/swagger';
import { ApplicationListDto, ApplicationViewDto } from '../../case/application-view.dto';
import { AuditEventsDto } from '../../audit/audit.dto';
import { ApproveApplicationDto, RefuseApplicationDto } from '../../case/decisions/decision.dto';
import { DOCUMENT_KINDS, FORMS, MEDICAL_RESULTS } from './enums';
import { DecideExtensionDto, ExtensionCreatedDto } from '../../case/processing/extension.dto';
import { HistoryDto } from '../../audit/history.dto';
import { ApplicationIdParamDto } from './params.dto';
import { ProblemDto } from './problem.dto';
import { ListApplicationsQueryDto } from '../../case/read/queries.dto';
import { SubmitApplicationDto } from '../../case/submit/submit-application.dto';
import { IssueWorkPermitDto } from '../../case/processing/work-permit.dto';

@Controller('v1/applications')
class SchemaProbeController {
  @Post()
  @ApiCreatedResponse({ type: ApplicationViewDto })
  submit(@Body() _body: SubmitApplicationDto): void {}

  @Post(':id/approval')
  approve(@Param() _params: ApplicationIdParamDto, @Body() _body: ApproveApplicationDto): void {}

  @Post(':id/refusal')
  refuse(@Param() _params: ApplicationIdParamDto, @Body() _body: RefuseApplicationDto): void {}

  @Post(':id/work-permit')
  issue(@Param() _params: ApplicationIdParamDto, @Body() _body: IssueWorkPermitDto): void {}

  @Post(':id/extensions/decision')
  @ApiCreatedResponse({ type: ExtensionCreatedDto })
  decide(@Body() _body: DecideExtensionDto): void {}

  @Get()
  @ApiOkResponse({ type: ApplicationListDto })
  list(@Query() _query: ListApplicationsQueryDto): void {}

  @Get(':id/history')
  @ApiOkResponse({ type: HistoryDto })
  @ApiBadRequestResponse({ type: ProblemDto })
  history(): void {}

  @Get('audit')
  @ApiOkResponse({ type: AuditEventsDto })
  audit(): void {}
}

@Module({ controllers: [SchemaProbeController] })
class SchemaProbeModule {}

type Schema = { required?: string[]; properties: Record<string, Record<string, unknown>> };

describe('OpenAPI document generated from the DTOs', () => {
  let app: INestApplication;
  let document: OpenAPIObject;
  const schema = (name: string): Schema => document.components?.schemas?.[name] as unknown as Schema;

  beforeAll(async () => {
    app = await NestFactory.create(SchemaProbeModule, new FastifyAdapter(), { logger: false });
    document = SwaggerModule.createDocument(app, new DocumentBuilder().setTitle('probe').build());
  });

  afterAll(async () => {
    await app.close();
  });

  it('marks required and optional members as the validators do', () => {
    const submit = schema('SubmitApplicationDto');
    expect(submit.required).toEqual(
      expect.arrayContaining([
        'applicantType',
        'channel',
        'form',
        'portOfEntry',
        'applicant',
        'residence',
        'fees',
        'documents',
      ]),
    );
    expect(submit.required).not.toEqual(expect.arrayContaining(['receivedAt']));
    expect(submit.required).not.toEqual(expect.arrayContaining(['principalApplicationId']));
    expect(schema('ResidenceDto').required).toEqual(['country']);
  });

  it('lists the enums, formats and limits', () => {
    const submit = schema('SubmitApplicationDto');
    expect(submit.properties.form.enum).toEqual([...FORMS]);
    expect(submit.properties.receivedAt.format).toBe('date-time');
    expect(submit.properties.documents.items).toEqual({ type: 'string', enum: [...DOCUMENT_KINDS] });
    expect(schema('PassportDto').properties.expiresOn.format).toBe('date');
    expect(schema('ApplicantDto').properties.familyName.maxLength).toBe(200);
    expect(schema('MedicalDto').properties.result.enum).toEqual([...MEDICAL_RESULTS]);
    expect(schema('FeesDto').properties.processing).toMatchObject({ minimum: 0, multipleOf: 0.01 });
  });

  it('describes the nested request and response classes', () => {
    for (const name of [
      'ApplicantDto',
      'InCanadaStatusDto',
      'CsqDto',
      'InvitationLetterDto',
      'PrApplicationDto',
      'OverrideDto',
      'RefusalReasonDto',
      'ApplicationViewDto',
      'PermitViewDto',
      'BiometricLetterViewDto',
      'EventMetadataDto',
      'AuditEventDto',
      'ProblemDto',
      'FieldErrorDto',
    ]) {
      expect(document.components?.schemas).toHaveProperty(name);
    }
    expect(schema('PrApplicationDto').required).toEqual(expect.arrayContaining(['number', 'submittedOn', 'status']));
    expect(schema('AuditEventDto').required).toEqual(expect.arrayContaining(['streamName', 'revision', 'metadata']));
  });

  it('documents the query parameters with their defaults', () => {
    const parameters = document.paths['/v1/applications']?.get?.parameters as { name: string; schema?: object }[];
    expect(parameters.map((p) => p.name).sort()).toEqual(['cursor', 'intakeYear', 'limit', 'routing', 'status']);
    expect(parameters.find((p) => p.name === 'limit')?.schema).toMatchObject({ default: 50, maximum: 200 });
  });
});
