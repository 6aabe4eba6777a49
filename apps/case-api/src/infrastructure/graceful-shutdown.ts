import { Logger } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Draining } from '../http/limits/draining';

const SIGNALS: readonly NodeJS.Signals[] = ['SIGTERM', 'SIGINT'];

export type ShutdownOptions = Readonly<{
  /** SHUTDOWN_TIMEOUT_MS: past it the process exits with code 1, drained or not. */
  timeoutMs: number;
}>;

/**
 * SIGTERM (or SIGINT): stop listening and close idle connections at once, let every request
 * already received finish with its normal answer, then close the application — the scheduler
 * stops, each projection and process stops after the batch it is applying (its checkpoint is
 * the last event it applied, committed with its rows), the stores close — and exit 0. If that
 * takes longer than SHUTDOWN_TIMEOUT_MS, or a second signal comes, exit 1 at once.
 */
export function shutDownGracefullyOnSignals(
  app: NestFastifyApplication,
  draining: Draining,
  options: ShutdownOptions,
): void {
  const logger = new Logger('Shutdown');
  const exit = (code: number) => process.exit(code);
  let started = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (started) {
      logger.warn(`${signal} during the shutdown: exiting now with code 1`);
      return exit(1);
    }
    started = true;
    const force = setTimeout(() => {
      logger.error(`the shutdown did not finish within SHUTDOWN_TIMEOUT_MS=${options.timeoutMs}: exiting with code 1`);
      exit(1);
    }, options.timeoutMs);
    logger.log(`${signal}: no new connections; draining the requests in flight`);
    shutDown(app, draining, logger).then(
      () => {
        clearTimeout(force);
        exit(0);
      },
      (error: unknown) => {
        clearTimeout(force);
        logger.error(`the shutdown failed: ${error instanceof Error ? error.message : String(error)}`);
        exit(1);
      },
    );
  };
  for (const signal of SIGNALS) process.on(signal, onSignal);
}

async function shutDown(app: NestFastifyApplication, draining: Draining, logger: Logger): Promise<void> {
  const started = performance.now();
  draining.begin();
  await app.getHttpAdapter().getInstance().close();
  logger.log(
    `requests drained in ${Math.round(performance.now() - started)} ms; stopping projections, processes and stores`,
  );
  await app.close();
  logger.log(`stopped in ${Math.round(performance.now() - started)} ms`);
}
