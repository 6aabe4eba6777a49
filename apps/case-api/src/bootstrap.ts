import 'reflect-metadata';
import { ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { Logger } from 'nestjs-pino';
import { AppModule, type AppOverrides } from './app.module';
import type { ApiKeyEntry, AppConfig } from './config/app-config';
import { loadOrCreateDevelopmentKeys } from './config/development-keys';
import { serveOpenApi } from './docs/openapi';
import { flattenValidationErrors } from './http/dto';
import { RequestValidationError } from './http/problem/problem';
import { ServiceMetrics } from './observability/metrics';
import { tagRequestId } from './observability/logging';

export type CreatedApp = Readonly<{ app: NestFastifyApplication; developmentKeysFile: string | null }>;

/** Builds the HTTP application (not yet listening): used by `main.ts` and by end-to-end tests. */
export async function createApp(config: AppConfig, overrides: AppOverrides = {}): Promise<CreatedApp> {
  const { keys, developmentKeysFile } = resolveKeys(config);
  const adapter = new FastifyAdapter({
    bodyLimit: config.bodyLimitBytes,
    genReqId: (raw: IncomingMessage) => tagRequestId(raw, randomUUID()),
    requestIdHeader: false,
    logger: false,
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.register(config, keys, overrides), adapter, {
    bufferLogs: true,
  });
  app.useLogger(app.get(Logger));
  const metrics = app.get(ServiceMetrics);
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onSend', async (request, reply) => {
    void reply.header('x-request-id', String(request.id));
  });
  fastify.addHook('onResponse', async (request, reply) => {
    metrics.observeRequest(request.method, request.routeOptions?.url ?? 'unmatched', reply.statusCode, reply.elapsedTime / 1000);
  });
  app.useGlobalPipes(
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      exceptionFactory: (errors) => new RequestValidationError(flattenValidationErrors(errors)),
    }),
  );
  app.enableShutdownHooks();
  serveOpenApi(app);
  return { app, developmentKeysFile };
}

function resolveKeys(config: AppConfig): { keys: readonly ApiKeyEntry[]; developmentKeysFile: string | null } {
  if (config.apiKeys) return { keys: config.apiKeys, developmentKeysFile: null };
  const { file, keys } = loadOrCreateDevelopmentKeys(config.dataDir);
  return { keys, developmentKeysFile: file };
}
