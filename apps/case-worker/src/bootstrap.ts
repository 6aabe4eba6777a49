import 'reflect-metadata';
import { type INestApplicationContext, type LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { WorkerConfig, WorkerLogLevel } from './config/worker-config';
import type { WorkerOverrides } from './infrastructure/worker-infrastructure.module';
import { WorkerModule } from './worker.module';

const NEST_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];
const LEVEL_COUNT: Record<WorkerLogLevel, number> = { silent: 0, fatal: 1, error: 2, warn: 3, info: 4, debug: 5, trace: 6 };

/** Builds and starts the worker (projections, processes, scheduler): used by `main.ts` and by end-to-end tests. */
export async function createWorker(config: WorkerConfig, overrides: WorkerOverrides = {}): Promise<INestApplicationContext> {
  const levels = NEST_LEVELS.slice(0, LEVEL_COUNT[config.logLevel]);
  return NestFactory.createApplicationContext(WorkerModule.register(config, overrides), {
    logger: levels.length > 0 ? levels : false,
  });
}
