import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { Logger } from 'nestjs-pino';
import { enforceReadTimeout } from './http/limits/request-timeout.hook';
import { AppModule, type AppOverrides } from './app.module';
import { API_KEY_REGISTRY, type ApiKeyRegistry } from './auth/api-key-registry';
import { annotateRouteAccess, enforceAccess } from './auth/route-access';
import { RATE_LIMIT_BUCKETS } from './http/limits/rate-limit.refusal';
import type { TokenBuckets } from './http/limits/token-buckets';
import type { ApiKeyEntry, AppConfig } from './config/app-config';
import { loadOrCreateDevelopmentKeys } from './config/development-keys';
import { serveAuditConsole } from './audit/console/audit-console';
import { serveOpenApi } from './docs/openapi';
import { CompiledValidationPipe } from './http/dto/compiled/compiled-validation.pipe';
import { flattenValidationErrors } from './http/dto/validation-errors';
import { cacheValidationMetadata } from './http/dto/validation-metadata-cache';
import { installInputGuards } from './http/input/input-guards';
import { installLeanAsyncResourceBind } from './http/lean-async-resource-bind';
import { installSynchronousParamPipes } from './http/synchronous-param-pipes';
import { MAX_PATH_PARAM_LENGTH } from './http/input/input-limits';
import { Draining, turnAwayWhileDraining } from './http/limits/draining';
import { answerFrameworkError, guardRequestTargets } from './http/limits/request-target-limits';
import { serverTimeouts } from './http/limits/server-timeouts';
import { RequestValidationError } from './http/problem/problem';
import { ServiceMetrics } from './observability/metrics';
import { requestLogOptions, tagRequestId } from './observability/logging';
import { installRequestLogging } from './observability/request-logging.hook';

export type CreatedApp = Readonly<{
  app: NestFastifyApplication;
  developmentKeysFile: string | null;
  /** Begun by the graceful shutdown (`main.ts`): later requests are turned away, answers close their connection. */
  draining: Draining;
}>;

/** Builds the HTTP application (not yet listening): used by `main.ts` and by end-to-end tests. */
export async function createApp(config: AppConfig, overrides: AppOverrides = {}): Promise<CreatedApp> {
  installLeanAsyncResourceBind();
  installSynchronousParamPipes();
  const { keys, developmentKeysFile } = resolveKeys(config);
  const adapter = new FastifyAdapter({
    bodyLimit: config.bodyLimitBytes,
    genReqId: (raw: IncomingMessage) => tagRequestId(raw, randomUUID()),
    requestIdHeader: false,
    logger: false,
    routerOptions: { maxParamLength: MAX_PATH_PARAM_LENGTH },
    frameworkErrors: answerFrameworkError,
    ...serverTimeouts(config),
  });
  // Nest's own body parsers (JSON, form-urlencoded) are replaced by the input guards'.
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.register(config, keys, overrides), adapter, {
    bufferLogs: true,
    bodyParser: false,
  });
  app.useLogger(app.get(Logger));
  const metrics = app.get(ServiceMetrics);
  const fastify = app.getHttpAdapter().getInstance();
  const draining = new Draining();
  // First, where nestjs-pino's middleware ran (@fastify/middie's hook, added when the adapter started): every answer is logged.
  installRequestLogging(fastify, requestLogOptions(config.logLevel), overrides.logDestination);
  turnAwayWhileDraining(fastify, draining);
  guardRequestTargets(fastify);
  installInputGuards(fastify);
  enforceReadTimeout(fastify, config.requestTimeoutMs);
  annotateRouteAccess(app);
  enforceAccess(fastify, app.get<ApiKeyRegistry>(API_KEY_REGISTRY), app.get<TokenBuckets>(RATE_LIMIT_BUCKETS));
  // Callback hooks, not `async` ones: each promise costs every request (and runs the async-context hooks).
  fastify.addHook('onSend', (request, reply, payload, done) => {
    void reply.header('x-request-id', String(request.id));
    done(null, payload);
  });
  fastify.addHook('onResponse', (request, reply, done) => {
    try {
      metrics.observeRequest(
        request.method,
        request.routeOptions?.url ?? 'unmatched',
        reply.statusCode,
        reply.elapsedTime / 1000,
      );
    } catch (error) {
      return done(error as Error);
    }
    done();
  });
  cacheValidationMetadata();
  app.useGlobalPipes(
    new CompiledValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      exceptionFactory: (errors) => new RequestValidationError(flattenValidationErrors(errors)),
    }),
  );
  serveOpenApi(app);
  await serveAuditConsole(app);
  return { app, developmentKeysFile, draining };
}

function resolveKeys(config: AppConfig): { keys: readonly ApiKeyEntry[]; developmentKeysFile: string | null } {
  if (config.apiKeys) return { keys: config.apiKeys, developmentKeysFile: null };
  const { file, keys } = loadOrCreateDevelopmentKeys(config.dataDir);
  return { keys, developmentKeysFile: file };
}
