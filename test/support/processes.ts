import { randomUUID } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import type { DestinationStream } from 'pino';
import { EVENT_STORE, type Clock } from '@app/application';
import type { EventStore, RecordedEvent } from '@app/event-store';
import { Scheduler } from '@app/processes';
import { ProjectionRunner } from '@app/projections';
import { createWorker } from '../../apps/case-worker/src/bootstrap';
import { loadWorkerConfig } from '../../apps/case-worker/src/config/worker-config';
import { exampleSubmission } from './test-app';

const HOUR = 3_600_000;
export const hoursAfter = (instant: string, hours: number, ms = 0) =>
  new Date(Date.parse(instant) + hours * HOUR + ms).toISOString();

/** Runs one scheduler tick at the clock's now (the BIL timer, then the over-cap sweep). */
export const tick = (host: INestApplicationContext) => host.get(Scheduler).tick();

/** Waits until every read model and process of `host` has handled the whole log, including what the processes appended. */
export async function settle(host: INestApplicationContext, timeoutMs = 20_000): Promise<void> {
  const store = host.get<EventStore>(EVENT_STORE);
  const runner = host.get(ProjectionRunner);
  for (let head = await store.headPosition(); ;) {
    await runner.waitFor(head, timeoutMs);
    const after = await store.headPosition();
    if (after === head) return;
    head = after;
  }
}

/**
 * case-worker on `dataDir`, with the test's clock; like the test app, it ticks at start and when a
 * test calls `tick`. Silent unless the test asks for its log lines.
 */
export function startTestWorker(
  dataDir: string,
  clock: Clock,
  logs: Readonly<{ level: string; destination: DestinationStream }> | null = null,
): Promise<INestApplicationContext> {
  const config = loadWorkerConfig({
    DATA_DIR: dataDir,
    LOG_LEVEL: logs?.level ?? 'silent',
    SCHEDULER_TICK_MS: '86400000',
  });
  return createWorker(config, { clock, logDestination: logs?.destination });
}

/** The whole global log, oldest first, read in pages. */
export async function allEvents(store: EventStore): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  for (
    let page = await store.readAll({ limit: 5000 });
    page.length > 0;
    page = await store.readAll({ after: page[page.length - 1].position, limit: 5000 })
  ) {
    events.push(...page);
  }
  return events;
}

/** The events of the global log of one type, oldest first. */
export async function eventsOfType(store: EventStore, type: string): Promise<RecordedEvent[]> {
  return (await allEvents(store)).filter((event) => event.type === type);
}

/** A principal with an id, passport and CSQ of its own (so C6 finds no duplicate). */
export function distinctPrincipal(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const base = exampleSubmission();
  const unique = randomUUID().slice(0, 8).toUpperCase();
  const applicant = base.applicant as { passport: Record<string, unknown> };
  return {
    ...base,
    applicationId: randomUUID(),
    applicant: { ...applicant, passport: { ...applicant.passport, number: `P${unique}` } },
    csq: { ...(base.csq as Record<string, unknown>), number: `CSQ-${unique}` },
    ...overrides,
  };
}
