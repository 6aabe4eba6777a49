import type { DestinationStream } from 'pino';
import type { Params } from 'nestjs-pino';
import { redactLogEntry } from '@app/personal-data';

/**
 * The worker logs as the API does: JSON lines (pino), and any object a line carries goes through
 * the shared personal-data redaction (docs/privacy.md), so a field logged by mistake leaves as
 * `[redacted]`. The worker serves no HTTP, so there are no request lines.
 */
export function workerLoggingParams(level: string, destination?: DestinationStream): Params {
  const options = {
    level,
    formatters: { log: redactLogEntry },
  };
  return { pinoHttp: destination ? [options, destination] : options };
}
