import 'reflect-metadata';
import { createHook } from 'node:async_hooks';
import { Body, Controller, Get, Module, Param, type PipeTransform, Post, Query, Req, Res } from '@nestjs/common';
import { APP_FILTER, NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { HistoryQueryDto } from '../audit/audit-queries.dto';
import { CompiledValidationPipe } from './dto/compiled/compiled-validation.pipe';
import { ApplicationIdParamDto, ExtensionParamsDto } from './dto/params.dto';
import { flattenValidationErrors } from './dto/validation-errors';
import { RequestValidationError } from './problem/problem';
import { ProblemDetailsFilter } from './problem/problem-details.filter';
import { installSynchronousParamPipes } from './synchronous-param-pipes';

/** A pipe that answers later: the parameter waits for it, and its failure is the route's. */
class SlowUppercasePipe implements PipeTransform {
  async transform(value: unknown): Promise<unknown> {
    await new Promise((resolve) => setImmediate(resolve));
    if (value === 'fail') throw new RequestValidationError([{ field: 'tag', message: 'tag must not be fail' }]);
    return typeof value === 'string' ? value.toUpperCase() : value;
  }
}

@Controller('cases')
class ParamsController {
  @Get(':id/history')
  history(@Param() { id }: ApplicationIdParamDto, @Query() query: HistoryQueryDto, @Req() request: FastifyRequest) {
    return { id, query, instance: query.constructor.name, url: request.url };
  }

  /** The reply is a thenable: it reaches the handler as it is, not awaited. */
  @Get(':id/accepted')
  accepted(@Param() { id }: ApplicationIdParamDto, @Res({ passthrough: true }) reply: FastifyReply) {
    void reply.status(202);
    return { id };
  }

  @Post(':id/extensions/:extensionId')
  extension(
    @Param() params: ExtensionParamsDto,
    @Body() body: ApplicationIdParamDto,
    @Query('tag', SlowUppercasePipe) tag: string,
  ) {
    return { params, body, tag };
  }
}

@Module({ controllers: [ParamsController], providers: [{ provide: APP_FILTER, useClass: ProblemDetailsFilter }] })
class ParamsTestModule {}

/** The application with the service's global pipe (`createApp`). */
async function app(): Promise<NestFastifyApplication> {
  const created = await NestFactory.create<NestFastifyApplication>(ParamsTestModule, new FastifyAdapter(), {
    logger: false,
  });
  created.useGlobalPipes(
    new CompiledValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      exceptionFactory: (errors) => new RequestValidationError(flattenValidationErrors(errors)),
    }),
  );
  await created.init();
  await created.getHttpAdapter().getInstance().ready();
  return created;
}

const ID = '3f2b8c1e-5d4a-4c7b-9e21-8a6f0d2c4b19';
const REQUESTS: ReadonlyArray<{ method: 'GET' | 'POST'; url: string; body?: unknown }> = [
  { method: 'GET', url: `/cases/${ID}/history?asOf=2024-12-05T00:00:00Z` },
  { method: 'GET', url: `/cases/${ID}/history?revision=3` },
  { method: 'GET', url: `/cases/${ID}/history` },
  { method: 'GET', url: `/cases/not-a-uuid/history?asOf=2024-12-05T00:00:00Z` },
  { method: 'GET', url: `/cases/${ID}/history?asOf=yesterday` },
  { method: 'GET', url: `/cases/${ID}/history?asOf=2024-12-05T00:00:00Z&revision=3` },
  { method: 'GET', url: `/cases/not-a-uuid/history?unknown=1` },
  { method: 'GET', url: `/cases/${ID}/accepted` },
  { method: 'POST', url: `/cases/${ID}/extensions/ext-1?tag=abc`, body: { id: ID } },
  { method: 'POST', url: `/cases/${ID}/extensions/ext-1?tag=fail`, body: { id: ID } },
  { method: 'POST', url: `/cases/${ID}/extensions/bad!id?tag=fail`, body: { id: 'x' } },
  { method: 'POST', url: `/cases/${ID}/extensions/ext-1?tag=abc`, body: { id: ID, extra: true } },
];

type Answer = readonly [number, unknown];

async function answersOf(application: NestFastifyApplication): Promise<Answer[]> {
  const answers: Answer[] = [];
  for (const { method, url, body } of REQUESTS) {
    const response = await application.inject({ method, url, ...(body ? { payload: body } : {}) });
    answers.push([response.statusCode, response.json()]);
  }
  return answers;
}

/** Promises created while the application answers one GET. */
async function promisesFor(application: NestFastifyApplication): Promise<number> {
  let promises = 0;
  const hook = createHook({ init: (_id, type) => void (type === 'PROMISE' && promises++) }).enable();
  await application.inject({ method: 'GET', url: REQUESTS[0].url });
  hook.disable();
  return promises;
}

describe('installSynchronousParamPipes: Nest route parameters through their pipes without a promise each', () => {
  let nestOwn: NestFastifyApplication;
  let synchronous: NestFastifyApplication;
  beforeAll(async () => {
    nestOwn = await app();
    installSynchronousParamPipes();
    synchronous = await app();
  });
  afterAll(async () => {
    await nestOwn.close();
    await synchronous.close();
  });

  it('answers what Nest’s own resolution answers: values, instances, validation errors, an async pipe and its failure', async () => {
    const expected = await answersOf(nestOwn);
    expect(expected.map(([status]) => status)).toEqual([200, 200, 200, 400, 400, 400, 400, 202, 201, 400, 400, 400]);
    expect(expected[0][1]).toMatchObject({
      id: ID,
      instance: 'HistoryQueryDto',
      query: { asOf: '2024-12-05T00:00:00Z' },
    });
    expect(expected[8][1]).toMatchObject({ tag: 'ABC', params: { id: ID, extensionId: 'ext-1' }, body: { id: ID } });
    expect(await answersOf(synchronous)).toEqual(expected);
  });

  it('creates fewer promises for a request whose pipes all answer at once', async () => {
    await promisesFor(nestOwn);
    await promisesFor(synchronous);
    expect(await promisesFor(synchronous)).toBeLessThanOrEqual((await promisesFor(nestOwn)) - 6);
  });
});
