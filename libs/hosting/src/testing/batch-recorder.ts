import { randomUUID } from 'node:crypto';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { EventStore, RecordedEvent } from '@app/event-store';
import { PoisonEventError, ProjectionRunner } from '@app/projections';

/** The event type the recorder cannot process: it throws, so the runner parks the event. */
export const UNREADABLE = 'UnreadableOnPurpose';

/**
 * A catch-up handler on the host's projection runner, registered before the runner starts (as
 * the processes register theirs): it records the size of every batch it is handed.
 */
@Injectable()
export class BatchRecorder implements OnModuleInit {
  readonly sizes: number[] = [];

  constructor(@Inject(ProjectionRunner) private readonly runner: ProjectionRunner) {}

  onModuleInit(): void {
    this.runner.addHandler({
      name: 'batch-recorder',
      open: () => 0,
      handle: (batch: readonly RecordedEvent[]) => {
        const unreadable = batch.find((event) => event.type === UNREADABLE);
        if (unreadable) throw new PoisonEventError(unreadable, 'the recorder cannot read it');
        this.sizes.push(batch.length);
      },
    });
  }
}

/** Appends `count` events of `type` that no read model or process handles, one stream each; returns the head. */
export async function appendUnhandledEvents(
  store: EventStore,
  count: number,
  type = 'NotedForTheRecorder',
): Promise<number> {
  for (let index = 0; index < count; index += 1) {
    const event = { eventId: randomUUID(), type, data: { index }, metadata: {} };
    await store.appendToStream(`recorder-${randomUUID()}`, [event], { expectedRevision: 'no-stream' });
  }
  return store.headPosition();
}
