import 'reflect-metadata';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import type { WorkerConfig } from './config/worker-config';
import { WorkerModule, type WorkerOverrides } from './worker.module';

/** Builds and starts the worker (projections, processes, scheduler): used by `main.ts` and by end-to-end tests. */
export async function createWorker(
  config: WorkerConfig,
  overrides: WorkerOverrides = {},
): Promise<INestApplicationContext> {
  const worker = await NestFactory.createApplicationContext(WorkerModule.register(config, overrides), {
    bufferLogs: true,
  });
  worker.useLogger(worker.get(Logger));
  return worker;
}
